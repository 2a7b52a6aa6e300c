package dev.depot.server.content;

import dev.depot.plugin.UnitCriteria.SortField;
import dev.depot.server.db.Dialect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * Turns a {@link UnitQuery} into one SQL statement over {@code repo_units}/{@code units}, so that a
 * search streams from a cursor whatever the repository's size.
 *
 * <p>What runs in SQL: type ids; filters and sorts on {@code _id}, {@code _content_type_id}, {@code
 * _storage_path}, on every indexed field (unit key and {@code search_indexes}, through {@code
 * unit_fields}) when the query names its type ids, and on association fields; {@code $or}/{@code
 * $nor} whose branches all run in SQL; the page. What falls back to Java: filters on other metadata
 * fields (evaluated by {@link DocumentMatcher} on the streamed rows, memory still flat, the page
 * then counted in Java) and sorts on them (the matching rows are then collected and sorted in
 * memory: give type ids and sort on indexed fields for big repositories).
 */
final class UnitSql {
  private static final Map<String, String> UNIT_COLUMNS =
      Map.of(
          "_id", "u.unit_id", "_content_type_id", "u.type_id", "_storage_path", "u.storage_path");
  private static final Map<String, String> ASSOCIATION_COLUMNS =
      Map.of(
          "unit_id", "ru.unit_id",
          "unit_type_id", "ru.unit_type_id",
          "repo_id", "ru.repo_id",
          "created", "ru.created",
          "updated", "ru.updated");

  /**
   * A compiled query.
   *
   * @param sql the statement
   * @param binds its named arguments
   * @param residual unit-document filter still to apply in Java, or null
   * @param javaOrder the order to sort the collected rows in, or null when SQL orders them
   */
  record Compiled(
      String sql,
      Map<String, Object> binds,
      Predicate<Map<String, Object>> residual,
      Comparator<UnitAssociation> javaOrder) {
    /** Whether the page can be cut in SQL. */
    boolean pagedInSql() {
      return residual == null && javaOrder == null;
    }
  }

  private final Handle h;
  private final UnitFields fields;
  private final List<String> typeIds;
  private final SqlBinds binds;
  private final FieldConditions fieldConditions;

  private UnitSql(Handle h, Dialect dialect, UnitFields fields, List<String> typeIds) {
    this.h = h;
    this.fields = fields;
    this.typeIds = typeIds;
    this.binds = new SqlBinds(dialect);
    this.fieldConditions = new FieldConditions(binds);
  }

  /** The units associated with a repository. */
  static Compiled forRepository(
      Handle h, Dialect dialect, UnitFields fields, String repoId, UnitQuery query) {
    UnitSql c = new UnitSql(h, dialect, fields, query.typeIds());
    return c.repositoryRows("repo_units ru", c.bind(repoId), "", query);
  }

  /**
   * The units a version of a repository holds. When no row it held has left the repository since
   * ({@code removedSince} false), its rows are the current ones it added, read in index order as
   * for {@link #forRepository}; otherwise those and the removed rows it held, which the database
   * then sorts.
   */
  static Compiled forVersion(
      Handle h,
      Dialect dialect,
      UnitFields fields,
      String repoId,
      long version,
      boolean removedSince,
      UnitQuery query) {
    UnitSql c = new UnitSql(h, dialect, fields, query.typeIds());
    String repo = c.bind(repoId);
    String v = c.bind(version);
    // "+ 0": the version column must not lure the planner onto repo_units_by_version, whose order
    // is not the unit id order a publish streams in (H2 would then sort a million rows).
    String current = " AND ru.version_added + 0 <= " + v;
    if (!removedSince) {
      return c.repositoryRows("repo_units ru", repo, current, query);
    }
    String columns = "repo_id, unit_id, unit_type_id, created, updated";
    String rows =
        "(SELECT %s FROM repo_units WHERE repo_id = %s AND version_added <= %s"
                .formatted(columns, repo, v)
            + " UNION ALL SELECT %s FROM repo_units_removed WHERE repo_id = %s"
                .formatted(columns, repo)
            + " AND version_added <= %s AND version_removed >= %s + 1) ru".formatted(v, v);
    return c.repositoryRows(rows, repo, "", query);
  }

  private Compiled repositoryRows(String rows, String repo, String condition, UnitQuery query) {
    StringBuilder where = new StringBuilder(" WHERE ru.repo_id = ").append(repo).append(condition);
    if (!query.typeIds().isEmpty()) {
      where.append(" AND ru.unit_type_id IN ").append(bindList(query.typeIds()));
    }
    List<Map<String, Object>> residualQueries = new ArrayList<>();
    conjuncts(query.unitFilters(), true, where, residualQueries);
    conjuncts(query.associationFilters(), false, where, null);
    return finish(
        "SELECT u.*, ru.repo_id AS a_repo, ru.created AS a_created, ru.updated AS a_updated"
            + " FROM "
            + rows
            + " JOIN units u ON u.unit_id = ru.unit_id",
        where,
        query,
        residualQueries,
        List.of("ru.created", "ru.unit_id"),
        UnitOrder.idOrder(query.typeIds()));
  }

  /** All units of one type, whichever repositories hold them. */
  static Compiled forType(
      Handle h, Dialect dialect, UnitFields fields, String typeId, UnitQuery query) {
    UnitSql c = new UnitSql(h, dialect, fields, List.of(typeId));
    StringBuilder where = new StringBuilder(" WHERE u.type_id = ").append(c.bind(typeId));
    List<Map<String, Object>> residualQueries = new ArrayList<>();
    c.conjuncts(query.unitFilters(), true, where, residualQueries);
    return c.finish(
        "SELECT u.*, CAST(NULL AS VARCHAR(255)) AS a_repo, u.created AS a_created,"
            + " u.created AS a_updated FROM units u",
        where,
        query,
        residualQueries,
        List.of("u.created", "u.unit_id"),
        null);
  }

  private Compiled finish(
      String select,
      StringBuilder where,
      UnitQuery query,
      List<Map<String, Object>> residualQueries,
      List<String> tieBreak,
      List<String> idOrder) {
    StringBuilder joins = new StringBuilder();
    List<String> order = new ArrayList<>();
    boolean javaSort = false;
    for (SortField sort : query.associationSort()) {
      String column = ASSOCIATION_COLUMNS.get(sort.field());
      if (column == null || column.equals("ru.repo_id")) {
        throw new IllegalArgumentException("cannot sort on association field " + sort.field());
      }
      order.add(column + (sort.ascending() ? " ASC" : " DESC"));
    }
    for (SortField sort : query.unitSort()) {
      String dir = sort.ascending() ? " ASC NULLS FIRST" : " DESC NULLS LAST";
      String column = UNIT_COLUMNS.get(sort.field());
      if (column != null) {
        order.add(column + dir);
      } else if (fields.indexedForAll(h, typeIds, sort.field())) {
        String alias = "s" + order.size();
        joins
            .append(" LEFT JOIN unit_fields ")
            .append(alias)
            .append(" ON ")
            .append(alias)
            .append(".unit_id = u.unit_id AND ")
            .append(alias)
            .append(".field = ")
            .append(bind(sort.field()));
        order.add(alias + ".num_value" + dir);
        order.add(alias + ".text_value" + dir);
      } else {
        javaSort = true;
      }
    }
    if (!javaSort && idOrder != null && order.equals(List.of("u.unit_id ASC NULLS FIRST"))) {
      order = idOrder; // unit ids are unique: nothing to break ties on
    } else {
      order.addAll(tieBreak);
    }
    Predicate<Map<String, Object>> residual = null;
    for (Map<String, Object> q : residualQueries) {
      Predicate<Map<String, Object>> p = doc -> DocumentMatcher.matches(doc, q);
      residual = residual == null ? p : residual.and(p);
    }
    Comparator<UnitAssociation> javaOrder = javaSort ? UnitOrder.comparator(query) : null;
    StringBuilder sql = new StringBuilder(select).append(joins).append(where);
    sql.append(" ORDER BY ").append(String.join(", ", javaSort ? tieBreak : order));
    if (residual == null && javaOrder == null) {
      if (query.skip() > 0) {
        sql.append(" OFFSET ").append(query.skip()).append(" ROWS");
      }
      if (query.limit() > 0) {
        sql.append(" FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
      }
    }
    return new Compiled(sql.toString(), binds.all(), residual, javaOrder);
  }

  /**
   * Appends the SQL-able conjuncts of a query to {@code where}; the rest go to {@code residual}.
   */
  private void conjuncts(
      Map<String, Object> query,
      boolean unitScope,
      StringBuilder where,
      List<Map<String, Object>> residual) {
    for (Map.Entry<String, Object> e : query.entrySet()) {
      if (e.getKey().equals("$and")) {
        for (Object sub : (List<?>) e.getValue()) {
          conjuncts(DocumentMatcher.asQuery("$and", sub), unitScope, where, residual);
        }
        continue;
      }
      String sql = condition(e.getKey(), e.getValue(), unitScope);
      if (sql == null) {
        if (residual == null) {
          throw new IllegalArgumentException("filter on " + e.getKey() + " is not supported");
        }
        residual.add(java.util.Collections.singletonMap(e.getKey(), e.getValue()));
      } else {
        where.append(" AND ").append(sql);
      }
    }
  }

  /** The whole query as one SQL condition, or null if any part needs Java. */
  private String whole(Map<String, Object> query, boolean unitScope) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : query.entrySet()) {
      String sql = condition(e.getKey(), e.getValue(), unitScope);
      if (sql == null) {
        return null;
      }
      parts.add(sql);
    }
    return parts.isEmpty() ? "1=1" : "(" + String.join(" AND ", parts) + ")";
  }

  private String condition(String key, Object value, boolean unitScope) {
    switch (key) {
      case "$and", "$or", "$nor" -> {
        List<String> parts = new ArrayList<>();
        for (Object sub : (List<?>) value) {
          String sql = whole(DocumentMatcher.asQuery(key, sub), unitScope);
          if (sql == null) {
            return null;
          }
          parts.add(sql);
        }
        String joined = "(" + String.join(key.equals("$and") ? " AND " : " OR ", parts) + ")";
        return key.equals("$nor") ? "NOT " + joined : joined;
      }
      default -> {
        Map<String, Object> ops =
            DocumentMatcher.isOperatorDocument(value)
                ? DocumentMatcher.asQuery(key, value)
                : Map.of("$eq", value == null ? SqlBinds.NULL : value);
        if (!unitScope) {
          String column = ASSOCIATION_COLUMNS.get(key);
          if (column == null) {
            throw new IllegalArgumentException("unknown association field " + key);
          }
          return columnCondition(
              column, ops, column.endsWith("created") || column.endsWith("updated"));
        }
        String column = UNIT_COLUMNS.get(key);
        if (column != null) {
          return columnCondition(column, ops, false);
        }
        return fields.indexedForAll(h, typeIds, key) ? fieldConditions.condition(key, ops) : null;
      }
    }
  }

  private String columnCondition(String column, Map<String, Object> ops, boolean timestamp) {
    List<String> parts = new ArrayList<>();
    String options = (String) ops.get("$options");
    for (Map.Entry<String, Object> op : ops.entrySet()) {
      Object v = op.getValue() == SqlBinds.NULL ? null : op.getValue();
      String part =
          switch (op.getKey()) {
            case "$eq" ->
                v == null ? column + " IS NULL" : column + " = " + bindValue(v, timestamp);
            case "$ne" ->
                v == null
                    ? column + " IS NOT NULL"
                    : "("
                        + column
                        + " IS NULL OR "
                        + column
                        + " <> "
                        + bindValue(v, timestamp)
                        + ")";
            case "$in" -> column + " IN " + bindValues((List<?>) v, timestamp);
            case "$nin" ->
                "("
                    + column
                    + " IS NULL OR "
                    + column
                    + " NOT IN "
                    + bindValues((List<?>) v, timestamp)
                    + ")";
            case "$gt" -> column + " > " + bindValue(v, timestamp);
            case "$gte" -> column + " >= " + bindValue(v, timestamp);
            case "$lt" -> column + " < " + bindValue(v, timestamp);
            case "$lte" -> column + " <= " + bindValue(v, timestamp);
            case "$exists" -> column + ((Boolean) v ? " IS NOT NULL" : " IS NULL");
            case "$options" -> "1=1";
            case "$regex" -> {
              if (timestamp) {
                throw new IllegalArgumentException("$regex does not apply to dates");
              }
              yield regex(column, (String) v, options);
            }
            case "$not" -> {
              if (timestamp || !(v instanceof String s)) {
                throw new IllegalArgumentException("$not on " + column + " needs a pattern");
              }
              yield "(" + column + " IS NULL OR NOT " + regex(column, s, null) + ")";
            }
            default -> throw new IllegalArgumentException("unknown operator " + op.getKey());
          };
      parts.add(part);
    }
    return "(" + String.join(" AND ", parts) + ")";
  }

  private String bind(Object value) {
    return binds.bind(value);
  }

  private String bindValue(Object v, boolean timestamp) {
    return binds.bindValue(v, timestamp);
  }

  private String bindValues(List<?> values, boolean timestamp) {
    return binds.bindValues(values, timestamp);
  }

  private String bindList(List<String> values) {
    return binds.bindValues(values, false);
  }

  private String regex(String column, String pattern, String options) {
    return binds.regex(column, pattern, options);
  }
}
