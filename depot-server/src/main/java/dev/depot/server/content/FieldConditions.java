package dev.depot.server.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conditions on a unit's indexed fields (unit key and {@code search_indexes}), answered through the
 * {@code unit_fields} rows instead of the metadata JSON, so that they use an index.
 */
final class FieldConditions {
  private final SqlBinds binds;

  FieldConditions(SqlBinds binds) {
    this.binds = binds;
  }

  /**
   * A condition on an indexed field, through {@code unit_fields}; null if it needs Java. The
   * operators that need a row of the field ({@code $gt}, {@code $regex}...) share one subquery, so
   * a range is one index scan.
   */
  String condition(String field, Map<String, Object> ops) {
    List<String> present = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    String options = (String) ops.get("$options");
    for (Map.Entry<String, Object> op : ops.entrySet()) {
      Object v = op.getValue() == SqlBinds.NULL ? null : op.getValue();
      String regexOn = "f.num_value IS NULL AND ";
      boolean ok =
          switch (op.getKey()) {
            case "$eq" -> v == null ? absent.add("1=1") : add(present, equalTo(v));
            case "$ne" -> v == null ? present.add("1=1") : add(absent, equalTo(v));
            case "$in" -> add(present, anyOf((List<?>) v));
            case "$nin" -> add(absent, anyOf((List<?>) v));
            case "$gt" -> present.add(compare(">", v));
            case "$gte" -> present.add(compare(">=", v));
            case "$lt" -> present.add(compare("<", v));
            case "$lte" -> present.add(compare("<=", v));
            case "$exists" -> ((Boolean) v ? present : absent).add("1=1");
            case "$options" -> true;
            case "$regex" ->
                present.add(regexOn + binds.regex("f.text_value", (String) v, options));
            case "$not" ->
                v instanceof String s && absent.add(regexOn + binds.regex("f.text_value", s, null));
            default -> throw new IllegalArgumentException("unknown operator " + op.getKey());
          };
      if (!ok) {
        return null;
      }
    }
    List<String> parts = new ArrayList<>();
    if (!present.isEmpty()) {
      parts.add(rowOf(field, "IN", String.join(" AND ", present)));
    }
    for (String condition : absent) {
      parts.add(rowOf(field, "NOT IN", condition));
    }
    return parts.isEmpty() ? "1=1" : "(" + String.join(" AND ", parts) + ")";
  }

  private static boolean add(List<String> conditions, String condition) {
    return condition != null && conditions.add(condition);
  }

  /** Whether the unit has ({@code IN}) or lacks ({@code NOT IN}) a row of the field matching. */
  private String rowOf(String field, String membership, String condition) {
    return "u.unit_id "
        + membership
        + " (SELECT f.unit_id FROM unit_fields f WHERE f.field = "
        + binds.bind(field)
        + " AND "
        + condition
        + ")";
  }

  /** Equality on one scalar value; null when the value is not a scalar (Java decides). */
  private String equalTo(Object v) {
    return switch (v) {
      case Number n -> "f.num_value = " + binds.bind(n.doubleValue());
      case String s ->
          s.length() > UnitFields.MAX_TEXT
              ? null
              : "f.num_value IS NULL AND f.text_value = " + binds.bind(s);
      case Boolean b -> "f.num_value IS NULL AND f.text_value = " + binds.bind(b.toString());
      default -> null;
    };
  }

  private String anyOf(List<?> values) {
    if (values.isEmpty()) {
      return "1=0";
    }
    List<String> parts = new ArrayList<>();
    for (Object v : values) {
      String eq = v == null ? null : equalTo(v);
      if (eq == null) {
        return null;
      }
      parts.add("(" + eq + ")");
    }
    return "(" + String.join(" OR ", parts) + ")";
  }

  private String compare(String operator, Object v) {
    return switch (v) {
      case Number n -> "f.num_value " + operator + " " + binds.bind(n.doubleValue());
      case String s -> "f.num_value IS NULL AND f.text_value " + operator + " " + binds.bind(s);
      default -> "1=0";
    };
  }
}
