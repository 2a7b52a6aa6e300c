package dev.depot.server.search;

import dev.depot.server.db.Timestamps;
import dev.depot.server.search.SearchCollection.Column;
import dev.depot.server.search.SearchCollection.Kind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * The part of a Mongo-style query that SQL can answer exactly: conditions on columns with values of
 * the column's kind. What it leaves out makes it wider, never narrower, and {@link #exact()} says
 * whether the rows it selects need the query run on them again in Java.
 */
final class SqlFilter {
  private final Map<String, Column> columns;
  private final List<Object> values = new ArrayList<>();
  private boolean exact = true;

  SqlFilter(Map<String, Column> columns) {
    this.columns = columns;
  }

  /** Whether the SQL selects exactly the matching rows. */
  boolean exact() {
    return exact;
  }

  /** Binds the values the SQL names {@code :f0, :f1, ...}. */
  void bind(Query query) {
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v instanceof Instant instant) {
        query.bind("f" + i, Timestamps.arg(instant));
      } else {
        query.bind("f" + i, v);
      }
    }
  }

  /** The condition for a query, or null when nothing of it translates. */
  String where(Map<String, Object> query) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : query.entrySet()) {
      String part =
          switch (e.getKey()) {
            case "$and" -> and((List<?>) e.getValue());
            case "$or" -> or((List<?>) e.getValue());
            case "$nor" -> inexact();
            default -> field(e.getKey(), e.getValue());
          };
      if (part != null) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? null : String.join(" AND ", parts);
  }

  private String and(List<?> queries) {
    List<String> parts = new ArrayList<>();
    for (Object q : queries) {
      String part = where(asQuery(q));
      if (part != null) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? null : "(" + String.join(" AND ", parts) + ")";
  }

  /** All branches or nothing: a branch left out would make the OR narrower. */
  private String or(List<?> queries) {
    int mark = values.size();
    boolean wasExact = exact;
    exact = true;
    List<String> parts = new ArrayList<>();
    boolean always = false;
    for (Object q : queries) {
      String part = where(asQuery(q));
      if (part == null) {
        always = true;
      } else {
        parts.add(part);
      }
    }
    if (!exact || always) {
      values.subList(mark, values.size()).clear();
      exact = wasExact && exact;
      return null;
    }
    exact = wasExact;
    return "(" + String.join(" OR ", parts) + ")";
  }

  private String field(String field, Object value) {
    Column column = columns.get(field);
    if (column == null) {
      return inexact();
    }
    if (!isOperators(value)) {
      return compare(column, "$eq", value);
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> op : asQuery(value).entrySet()) {
      String part = compare(column, op.getKey(), op.getValue());
      if (part != null) {
        parts.add(part);
      }
    }
    return parts.isEmpty() ? null : String.join(" AND ", parts);
  }

  private String compare(Column column, String op, Object value) {
    String col = column.sql();
    if (op.equals("$exists") && value instanceof Boolean b) {
      return col + (b ? " IS NOT NULL" : " IS NULL");
    }
    if (column.kind() == Kind.TIME) {
      return time(col, op, value);
    }
    if (column.kind() == Kind.ELEMENT) {
      return element(col, op, value);
    }
    switch (op) {
      case "$eq" -> {
        return fits(column, value) ? col + " = " + param(value) : inexact();
      }
      case "$ne" -> {
        return fits(column, value)
            ? "(" + col + " IS NULL OR " + col + " <> " + param(value) + ")"
            : inexact();
      }
      case "$in", "$nin" -> {
        List<?> list = (List<?>) value;
        if (!list.stream().allMatch(v -> fits(column, v))) {
          return inexact();
        }
        if (list.isEmpty()) {
          return op.equals("$in") ? "1 = 0" : null;
        }
        List<String> params = list.stream().map(this::param).toList();
        String in = col + " IN (" + String.join(", ", params) + ")";
        return op.equals("$in") ? in : "(" + col + " IS NULL OR NOT " + in + ")";
      }
      case "$gt", "$gte", "$lt", "$lte" -> {
        // Text order differs between a database's collation and Java's; numbers do not.
        return column.kind() == Kind.NUMBER && fits(column, value)
            ? col + " " + operator(op) + " " + param(value)
            : inexact();
      }
      default -> {
        return inexact();
      }
    }
  }

  /**
   * Documents show times to the second, and Java compares those strings; so a bound T means the
   * second [T, T+1s) in SQL, which makes both agree exactly.
   */
  private String time(String col, String op, Object value) {
    if (!(value instanceof String text)) {
      return inexact();
    }
    Instant t;
    try {
      t = Instant.parse(text);
    } catch (DateTimeParseException e) {
      return inexact();
    }
    if (!text.equals(Timestamps.format(t))) {
      return inexact(); // another spelling: only the string comparison knows what it means
    }
    Instant next = t.plusSeconds(1);
    return switch (op) {
      case "$eq" -> "(" + col + " >= " + param(t) + " AND " + col + " < " + param(next) + ")";
      case "$gt" -> col + " >= " + param(next);
      case "$gte" -> col + " >= " + param(t);
      case "$lt" -> col + " < " + param(t);
      case "$lte" -> col + " < " + param(next);
      default -> inexact();
    };
  }

  /** Membership in a list: equality and {@code $in} hold for one element, {@code $all} for each. */
  private String element(String condition, String op, Object value) {
    List<?> values = value instanceof List<?> list ? list : List.of();
    if (!values.stream().allMatch(String.class::isInstance)) {
      return inexact();
    }
    return switch (op) {
      case "$eq" -> value instanceof String ? condition.formatted(param(value)) : inexact();
      case "$all" ->
          values.isEmpty()
              ? null
              : "("
                  + String.join(
                      " AND ", values.stream().map(v -> condition.formatted(param(v))).toList())
                  + ")";
      case "$in" ->
          values.isEmpty()
              ? "1 = 0"
              : "("
                  + String.join(
                      " OR ", values.stream().map(v -> condition.formatted(param(v))).toList())
                  + ")";
      default -> inexact();
    };
  }

  private static String operator(String op) {
    return switch (op) {
      case "$gt" -> ">";
      case "$gte" -> ">=";
      case "$lt" -> "<";
      default -> "<=";
    };
  }

  private static boolean fits(Column column, Object value) {
    return switch (column.kind()) {
      case TEXT -> value instanceof String;
      case NUMBER -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case TIME, ELEMENT -> false;
    };
  }

  private String param(Object value) {
    values.add(value);
    return ":f" + (values.size() - 1);
  }

  private String inexact() {
    exact = false;
    return null;
  }

  private static boolean isOperators(Object value) {
    return value instanceof Map<?, ?> map
        && !map.isEmpty()
        && map.keySet().stream().allMatch(k -> String.valueOf(k).startsWith("$"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asQuery(Object value) {
    return (Map<String, Object>) value;
  }
}
