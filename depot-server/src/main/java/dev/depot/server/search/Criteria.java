package dev.depot.server.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.depot.server.content.DocumentMatcher;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.InvalidValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pulp's generic criteria, checked against one collection: {@code filters} (a Mongo-style query,
 * {@code {"$date": "ISO 8601"}} values read as times), {@code sort} ({@code [[field,
 * "ascending"|"descending"|1|-1]]}), {@code limit}, {@code skip} and {@code fields}. Every error is
 * Pulp's {@code InvalidValue('criteria')} with a child naming the part at fault.
 *
 * @param filters the query, with {@code $date} values turned into Pulp's time strings
 * @param sort the sort keys, in order
 * @param limit at most this many results, 0 for all
 * @param skip how many matches to skip first
 * @param fields the keys to return, empty for all
 */
public record Criteria(
    Map<String, Object> filters, List<Sort> sort, long limit, long skip, List<String> fields) {
  private static final Set<String> KEYS = Set.of("filters", "sort", "limit", "skip", "fields");
  private static final Set<String> COMBINATORS = Set.of("$and", "$or", "$nor");

  /** Copies the collections. */
  public Criteria {
    filters = Map.copyOf(filters);
    sort = List.copyOf(sort);
    fields = List.copyOf(fields);
  }

  /** Criteria matching everything. */
  public static Criteria all() {
    return new Criteria(Map.of(), List.of(), 0, 0, List.of());
  }

  /**
   * One sort key.
   *
   * @param field the field
   * @param ascending its direction
   */
  public record Sort(String field, boolean ascending) {}

  /**
   * Reads the {@code criteria} value of a POST search body.
   *
   * @param json the value; null is refused as Pulp does (PLP0016)
   * @param known the collection's top-level fields
   */
  public static Criteria parse(Object json, Set<String> known) {
    if (json == null) {
      throw InvalidValue.missing("criteria");
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw refused("criteria must be an object", "criteria");
    }
    Map<String, Object> criteria = new LinkedHashMap<>();
    map.forEach((k, v) -> criteria.put(String.valueOf(k), v));
    List<String> unknown = criteria.keySet().stream().filter(k -> !KEYS.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw refused(
          "Unknown criteria keys "
              + unknown
              + "; expected some of "
              + KEYS.stream().sorted().toList(),
          unknown.toArray(String[]::new));
    }
    return new Criteria(
        filters(criteria.get("filters"), known),
        sort(criteria.get("sort"), known),
        whole(criteria.get("limit"), "limit", 1),
        whole(criteria.get("skip"), "skip", 0),
        fields(criteria.get("fields"), known));
  }

  /**
   * Reads a GET search's query parameters as Pulp does: {@code filters} and {@code sort} are JSON,
   * each {@code field} adds to {@code fields}, {@code limit} and {@code skip} are numbers.
   *
   * @param flags the collection's own parameters (such as {@code details}), not criteria
   */
  public static Criteria fromQuery(
      Map<String, List<String>> query, Set<String> flags, Set<String> known) {
    Map<String, Object> criteria = new LinkedHashMap<>();
    List<Object> fields = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String key = e.getKey();
      String last = e.getValue().isEmpty() ? "" : e.getValue().getLast();
      switch (key) {
        case "filters" -> criteria.put("filters", json(last, "filters"));
        case "sort" -> criteria.put("sort", sortParameter(e.getValue()));
        case "field", "fields" -> fields.addAll(e.getValue());
        case "limit", "skip" -> criteria.put(key, number(last, key));
        default -> {
          if (!flags.contains(key)) {
            criteria.put(key, last);
          }
        }
      }
    }
    if (!fields.isEmpty()) {
      criteria.put("fields", fields);
    }
    return parse(criteria, known);
  }

  /** {@code sort=[["id","descending"]]} as Pulp sends it, or {@code sort=id} / {@code id:desc}. */
  private static List<Object> sortParameter(List<String> values) {
    List<Object> sort = new ArrayList<>();
    for (String value : values) {
      if (value.strip().startsWith("[")) {
        if (json(value, "sort") instanceof List<?> list) {
          sort.addAll(list.stream().map(x -> x instanceof String s ? List.of(s) : x).toList());
          continue;
        }
        throw refused("sort must be a list of [field, direction] pairs", "sort");
      }
      int colon = value.lastIndexOf(':');
      sort.add(
          colon < 0
              ? List.of(value)
              : List.of(value.substring(0, colon), value.substring(colon + 1)));
    }
    return sort;
  }

  private static Object json(String text, String property) {
    try {
      return Json.mapper().readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw refused(property + " is not valid JSON: " + e.getOriginalMessage(), property);
    }
  }

  private static Object number(String text, String property) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw refused(property + " must be a whole number, not " + text, property);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> filters(Object value, Set<String> known) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw refused("filters must be an object", "filters");
    }
    Map<String, Object> filters = (Map<String, Object>) dates(value);
    checkFields(filters, known);
    try {
      DocumentMatcher.check(filters);
    } catch (IllegalArgumentException e) {
      throw refused("Invalid filters: " + e.getMessage(), "filters");
    }
    return filters;
  }

  /** Names the first field the collection does not have, at any depth of $and/$or/$nor. */
  private static void checkFields(Map<String, Object> query, Set<String> known) {
    for (Map.Entry<String, Object> e : query.entrySet()) {
      String key = e.getKey();
      if (COMBINATORS.contains(key) && e.getValue() instanceof List<?> list) {
        for (Object sub : list) {
          if (sub instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> q = (Map<String, Object>) m;
            checkFields(q, known);
          }
        }
      } else if (!key.startsWith("$")) {
        checkField(key, "filters", known);
      }
    }
  }

  private static void checkField(String field, String where, Set<String> known) {
    int dot = field.indexOf('.');
    String top = dot < 0 ? field : field.substring(0, dot);
    if (!known.contains(top)) {
      throw refused(
          "Unknown field '"
              + field
              + "' in "
              + where
              + "; known fields: "
              + known.stream().sorted().toList(),
          where);
    }
  }

  /** Replaces {@code {"$date": ...}} with the time string the documents carry. */
  private static Object dates(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1 && map.get("$date") != null) {
        return time(map.get("$date"));
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), dates(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Criteria::dates).toList();
    }
    return value;
  }

  private static String time(Object value) {
    if (value instanceof Number millis) {
      return Timestamps.format(Instant.ofEpochMilli(millis.longValue()));
    }
    try {
      return Timestamps.format(OffsetDateTime.parse(String.valueOf(value)).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Timestamps.format(Instant.parse(String.valueOf(value)));
      } catch (DateTimeParseException again) {
        throw refused("$date needs an ISO 8601 time, not " + value, "filters");
      }
    }
  }

  private static List<Sort> sort(Object value, Set<String> known) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw refused("sort must be a list of [field, direction] pairs", "sort");
    }
    List<Sort> sort = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof List<?> pair)
          || pair.isEmpty()
          || pair.size() > 2
          || !(pair.getFirst() instanceof String field)) {
        throw refused("sort must be a list of [field, direction] pairs, not " + entry, "sort");
      }
      checkField(field, "sort", known);
      Object direction = pair.size() > 1 ? pair.get(1) : "ascending";
      boolean ascending =
          switch (String.valueOf(direction)) {
            case "ascending", "asc", "1" -> true;
            case "descending", "desc", "-1" -> false;
            default ->
                throw refused(
                    "sort direction of "
                        + field
                        + " must be ascending or descending, not "
                        + direction,
                    "sort");
          };
      sort.add(new Sort(field, ascending));
    }
    return sort;
  }

  private static long whole(Object value, String property, long least) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number n
        && !(value instanceof Double || value instanceof Float)
        && n.longValue() >= least) {
      return n.longValue();
    }
    throw refused(
        property + " must be a whole number of at least " + least + ", not " + value, property);
  }

  private static List<String> fields(Object value, Set<String> known) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw refused("fields must be a list of field names", "fields");
    }
    List<String> fields = list.stream().map(String.class::cast).toList();
    fields.forEach(f -> checkField(f, "fields", known));
    return fields;
  }

  private static InvalidValue refused(String message, String... properties) {
    return InvalidValue.wrapping("criteria", InvalidValue.of(message, properties));
  }

  /**
   * Pulp's {@code fields}: the requested keys plus those it always returns ({@code _id}, {@code
   * id}, {@code _href}), in the document's order.
   *
   * @param always further keys the collection always returns
   */
  public Map<String, Object> project(Map<String, Object> document, Set<String> always) {
    if (fields.isEmpty()) {
      return document;
    }
    Map<String, Object> projected = new LinkedHashMap<>();
    document.forEach(
        (k, v) -> {
          if (fields.contains(k)
              || k.equals("_id")
              || k.equals("id")
              || k.equals("_href")
              || always.contains(k)) {
            projected.put(k, v);
          }
        });
    return projected;
  }
}
