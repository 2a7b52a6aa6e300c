package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code unit_fields} rows that make unit search run in SQL: for each unit, its unit-key fields
 * and its type's {@code search_indexes} fields, scalar values only. Strings longer than {@link
 * #MAX_TEXT} characters, lists and objects are not indexed; filters on them still work, in Java
 * over the streamed rows (see {@link UnitSql}).
 */
final class UnitFields {
  /** Longest text value stored; longer values would break PostgreSQL's B-tree index limit. */
  static final int MAX_TEXT = 1024;

  private final Map<String, Set<String>> byType = new ConcurrentHashMap<>();

  /** The fields indexed for a type: its unit key, then its search indexes (compound ones too). */
  Set<String> indexed(Handle h, String typeId) {
    Set<String> cached = byType.get(typeId);
    if (cached != null) {
      return cached;
    }
    Set<String> fields = new LinkedHashSet<>();
    h.createQuery("SELECT unit_key, search_indexes FROM content_types WHERE id = :id")
        .bind("id", typeId)
        .map(
            (rs, ctx) -> {
              Json.readList(rs.getString("unit_key")).forEach(f -> fields.add(f.toString()));
              for (Object index : Json.readList(rs.getString("search_indexes"))) {
                if (index instanceof List<?> compound) {
                  compound.forEach(f -> fields.add(f.toString()));
                } else {
                  fields.add(index.toString());
                }
              }
              return fields;
            })
        .findOne();
    Set<String> result = Set.copyOf(fields);
    if (!result.isEmpty()) {
      byType.put(typeId, result);
    }
    return result;
  }

  /** Whether a field is indexed for every one of the types (and there is at least one). */
  boolean indexedForAll(Handle h, List<String> typeIds, String field) {
    return !typeIds.isEmpty() && typeIds.stream().allMatch(t -> indexed(h, t).contains(field));
  }

  /** Writes the rows of a saved unit. */
  void insert(Handle h, Unit unit) {
    PreparedBatch batch =
        h.prepareBatch(
            "INSERT INTO unit_fields (unit_id, field, text_value, num_value)"
                + " VALUES (:unit, :field, :text, :num)");
    add(batch, h, unit);
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  /** Adds the rows of a saved unit to a batch of the insert above. */
  void add(PreparedBatch batch, Handle h, Unit unit) {
    for (String field : indexed(h, unit.typeId())) {
      Object value =
          unit.unitKey().containsKey(field)
              ? unit.unitKey().get(field)
              : unit.metadata().get(field);
      String text = text(value);
      if (text == null) {
        continue;
      }
      batch
          .bind("unit", unit.id())
          .bind("field", field)
          .bind("text", text)
          .bind("num", value instanceof Number n ? (Double) n.doubleValue() : null)
          .add();
    }
  }

  /** The text column value, or null when the value is not indexed. */
  static String text(Object value) {
    String text =
        switch (value) {
          case String s -> s;
          case Number n -> n.toString();
          case Boolean b -> b.toString();
          case null, default -> null;
        };
    return text == null || text.length() > MAX_TEXT ? null : text;
  }
}
