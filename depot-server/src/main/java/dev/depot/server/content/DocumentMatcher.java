package dev.depot.server.content;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates the subset of MongoDB's query language Pulp clients send, on one document (a unit's
 * fields): equality (a list field matches when an element is equal), {@code $eq $ne $in $nin $all
 * $gt $gte $lt $lte $regex}/{@code $options} ({@code i} only), {@code $exists}, {@code $not} and
 * the combinators {@code $and $or $nor}. {@link UnitSql} runs the same language in SQL where it can
 * and falls back to this for the rest.
 */
public final class DocumentMatcher {
  static final Set<String> FIELD_OPERATORS =
      Set.of(
          "$eq",
          "$ne",
          "$in",
          "$nin",
          "$all",
          "$gt",
          "$gte",
          "$lt",
          "$lte",
          "$regex",
          "$options",
          "$exists",
          "$not");
  static final Set<String> COMBINATORS = Set.of("$and", "$or", "$nor");

  private DocumentMatcher() {}

  /**
   * Checks a query's syntax without running it.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void check(Map<String, Object> query) {
    for (Map.Entry<String, Object> e : query.entrySet()) {
      String key = e.getKey();
      if (COMBINATORS.contains(key)) {
        if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) {
          throw new IllegalArgumentException(key + " needs a non-empty list of queries");
        }
        for (Object sub : list) {
          check(asQuery(key, sub));
        }
      } else if (key.startsWith("$")) {
        throw new IllegalArgumentException("unknown query operator " + key);
      } else if (isOperatorDocument(e.getValue())) {
        checkOperators(key, asQuery(key, e.getValue()));
      }
    }
  }

  private static void checkOperators(String field, Map<String, Object> ops) {
    for (Map.Entry<String, Object> op : ops.entrySet()) {
      if (!FIELD_OPERATORS.contains(op.getKey())) {
        throw new IllegalArgumentException("unknown operator " + op.getKey() + " on " + field);
      }
      Object v = op.getValue();
      switch (op.getKey()) {
        case "$in", "$nin", "$all" -> {
          if (!(v instanceof List<?>)) {
            throw new IllegalArgumentException(op.getKey() + " on " + field + " needs a list");
          }
        }
        case "$regex" -> {
          if (!(v instanceof String s)) {
            throw new IllegalArgumentException("$regex on " + field + " needs a string");
          }
          Pattern.compile(s);
        }
        case "$options" -> {
          if (!"i".equals(v) && !"".equals(v)) {
            throw new IllegalArgumentException("$options on " + field + " supports only \"i\"");
          }
        }
        case "$exists" -> {
          if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException("$exists on " + field + " needs true or false");
          }
        }
        case "$not" -> {
          if (v instanceof String s) {
            Pattern.compile(s);
          } else {
            checkOperators(field, asQuery("$not", v));
          }
        }
        default -> {}
      }
    }
  }

  /** Whether the document matches the query. */
  public static boolean matches(Map<String, Object> doc, Map<String, Object> query) {
    for (Map.Entry<String, Object> e : query.entrySet()) {
      if (!matchesOne(doc, e.getKey(), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value at a dotted path ({@code pulp_user_metadata.team}) through nested objects, as Mongo
   * reads it; null when a step is missing or is no object.
   */
  private static Object nested(Map<String, Object> doc, String path) {
    Object at = doc;
    for (String step : path.split("\\.", -1)) {
      if (!(at instanceof Map<?, ?> map)) {
        return null;
      }
      at = map.get(step);
    }
    return at;
  }

  static boolean matchesOne(Map<String, Object> doc, String key, Object value) {
    switch (key) {
      case "$and" -> {
        return ((List<?>) value).stream().allMatch(q -> matches(doc, asQuery(key, q)));
      }
      case "$or" -> {
        return ((List<?>) value).stream().anyMatch(q -> matches(doc, asQuery(key, q)));
      }
      case "$nor" -> {
        return ((List<?>) value).stream().noneMatch(q -> matches(doc, asQuery(key, q)));
      }
      default -> {
        Object actual = doc.containsKey(key) ? doc.get(key) : nested(doc, key);
        boolean present = actual != null;
        if (isOperatorDocument(value)) {
          return operators(actual, present, asQuery(key, value));
        }
        return equal(actual, value);
      }
    }
  }

  private static boolean operators(Object actual, boolean present, Map<String, Object> ops) {
    String options = (String) ops.get("$options");
    for (Map.Entry<String, Object> op : ops.entrySet()) {
      Object v = op.getValue();
      boolean ok =
          switch (op.getKey()) {
            case "$eq" -> equal(actual, v);
            case "$ne" -> !equal(actual, v);
            case "$in" -> ((List<?>) v).stream().anyMatch(x -> equal(actual, x));
            case "$nin" -> ((List<?>) v).stream().noneMatch(x -> equal(actual, x));
            case "$all" -> ((List<?>) v).stream().allMatch(x -> equal(actual, x));
            case "$gt" -> compare(actual, v, c -> c > 0);
            case "$gte" -> compare(actual, v, c -> c >= 0);
            case "$lt" -> compare(actual, v, c -> c < 0);
            case "$lte" -> compare(actual, v, c -> c <= 0);
            case "$regex" -> regex(actual, (String) v, options);
            case "$options" -> true;
            case "$exists" -> present == (Boolean) v;
            case "$not" ->
                v instanceof String s
                    ? !regex(actual, s, null)
                    : !operators(actual, present, asQuery("$not", v));
            default -> throw new IllegalArgumentException("unknown operator " + op.getKey());
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean regex(Object actual, String pattern, String options) {
    if (actual instanceof List<?> list) {
      return list.stream().anyMatch(x -> regex(x, pattern, options));
    }
    if (!(actual instanceof String s)) {
      return false;
    }
    int flags = "i".equals(options) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
    return Pattern.compile(pattern, flags).matcher(s).find();
  }

  private static boolean compare(
      Object actual, Object bound, java.util.function.IntPredicate accept) {
    if (actual instanceof List<?> list) {
      return list.stream().anyMatch(x -> compare(x, bound, accept));
    }
    if (actual instanceof Number a && bound instanceof Number b) {
      return accept.test(Double.compare(a.doubleValue(), b.doubleValue()));
    }
    if (actual instanceof String a && bound instanceof String b) {
      return accept.test(a.compareTo(b));
    }
    return false;
  }

  /** Mongo equality: numbers by value, a list field matches when an element is equal. */
  static boolean equal(Object actual, Object expected) {
    if (actual instanceof Number a && expected instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    if (actual instanceof List<?> list && !(expected instanceof List<?>)) {
      return list.stream().anyMatch(x -> equal(x, expected));
    }
    return Objects.equals(actual, expected);
  }

  /** A value such as {@code {"$gt": 3}}: an object whose keys are all operators. */
  static boolean isOperatorDocument(Object value) {
    return value instanceof Map<?, ?> map
        && !map.isEmpty()
        && !(map.size() == 1 && map.containsKey("$date"))
        && map.keySet().stream().allMatch(k -> k instanceof String s && s.startsWith("$"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asQuery(String where, Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(where + " needs a query object");
  }
}
