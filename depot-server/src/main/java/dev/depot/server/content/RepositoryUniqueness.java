package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Keeps a type's {@code uniqueInRepository} fields unique within each repository: before units are
 * associated, the units of the same type they share those fields with leave the repository (they
 * stay stored, orphans until cleaned up). Matching runs on the {@code unit_fields} index, so it
 * costs one index lookup per unit, whatever the repository's size.
 */
final class RepositoryUniqueness {
  private final Map<String, List<String>> byType = new ConcurrentHashMap<>();

  /**
   * Takes out of the repository every unit one of {@code units} replaces.
   *
   * @return how many units left the repository
   */
  int makeRoomFor(Handle h, String repoId, List<Unit> units, Instant now) {
    int removed = 0;
    for (Map.Entry<String, List<Unit>> sameType : byTypeId(units).entrySet()) {
      List<String> unique = fields(h, sameType.getKey());
      if (!unique.isEmpty()) {
        removed += delete(h, repoId, sameType.getKey(), unique, sameType.getValue());
      }
    }
    if (removed > 0) {
      h.createUpdate("UPDATE repositories SET last_unit_removed = :now WHERE repo_id = :repo")
          .bind("repo", repoId)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
    return removed;
  }

  private static Map<String, List<Unit>> byTypeId(List<Unit> units) {
    Map<String, List<Unit>> grouped = new java.util.LinkedHashMap<>();
    for (Unit unit : units) {
      grouped.computeIfAbsent(unit.typeId(), t -> new java.util.ArrayList<>()).add(unit);
    }
    return grouped;
  }

  /**
   * Finds, unit by unit, the repository's units sharing its unique fields, then removes them. A
   * {@code DELETE ... WHERE unit_id IN (SELECT ...)} reads the same, but H2 answered it by walking
   * the repository's units for each one saved: a 20,000-file sync took minutes. Starting from the
   * field index and joining the repository's, each lookup costs an index probe on both databases.
   */
  private static int delete(
      Handle h, String repoId, String typeId, List<String> unique, List<Unit> units) {
    StringBuilder select = new StringBuilder("SELECT f0.unit_id FROM unit_fields f0");
    for (int i = 1; i < unique.size(); i++) {
      select.append(
          " JOIN unit_fields f%d ON f%d.unit_id = f0.unit_id AND f%d.field = :field%d AND f%d.text_value = :value%d"
              .formatted(i, i, i, i, i, i));
    }
    select.append(
        " JOIN repo_units r ON r.repo_id = :repo AND r.unit_type_id = :type"
            + " AND r.unit_id = f0.unit_id"
            + " WHERE f0.field = :field0 AND f0.text_value = :value0 AND f0.unit_id <> :unit");
    List<String> replaced = new java.util.ArrayList<>();
    for (Unit unit : units) {
      var query = h.createQuery(select.toString());
      query.bind("repo", repoId).bind("type", typeId).bind("unit", unit.id());
      boolean matchable = true;
      for (int i = 0; i < unique.size(); i++) {
        // A value too long for the index cannot be matched: such a unit replaces nothing.
        String text = UnitFields.text(unit.unitKey().get(unique.get(i)));
        matchable &= text != null;
        query.bind("field" + i, unique.get(i)).bind("value" + i, text);
      }
      if (matchable) {
        replaced.addAll(query.mapTo(String.class).list());
      }
    }
    if (replaced.isEmpty()) {
      return 0;
    }
    return VersionedRemovals.remove(h, repoId, replaced);
  }

  private List<String> fields(Handle h, String typeId) {
    List<String> cached = byType.get(typeId);
    if (cached != null) {
      return cached;
    }
    List<String> fields =
        h.createQuery("SELECT unique_in_repository FROM content_types WHERE id = :id")
            .bind("id", typeId)
            .mapTo(String.class)
            .findOne()
            .map(json -> Json.readList(json).stream().map(String::valueOf).toList())
            .orElse(List.of());
    byType.put(typeId, fields);
    return fields;
  }
}
