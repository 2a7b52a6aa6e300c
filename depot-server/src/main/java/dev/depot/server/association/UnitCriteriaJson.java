package dev.depot.server.association;

import dev.depot.plugin.UnitCriteria.SortField;
import dev.depot.server.content.DocumentMatcher;
import dev.depot.server.content.UnitQuery;
import dev.depot.server.error.InvalidValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Pulp's criteria documents into a {@link UnitQuery}: {@code UnitAssociationCriteria} for
 * repository unit search, copy and unassociate, and the generic {@code Criteria} for a search of
 * units of one type. Anything wrong is a 400 {@code InvalidValue} on {@code criteria} whose
 * sub-error names the field at fault, as Pulp wraps it.
 */
public final class UnitCriteriaJson {
  private static final Set<String> ASSOCIATION_KEYS =
      Set.of("type_ids", "filters", "sort", "limit", "skip", "fields", "remove_duplicates");
  private static final Set<String> UNIT_KEYS = Set.of("filters", "sort", "limit", "skip", "fields");
  private static final Set<String> SCOPES = Set.of("unit", "association");

  private UnitCriteriaJson() {}

  /**
   * A parsed criteria document.
   *
   * @param query what to find
   * @param unitFields unit fields to return, empty for all
   * @param associationFields association fields to return, empty for all
   */
  public record Parsed(UnitQuery query, List<String> unitFields, List<String> associationFields) {}

  /** A {@code UnitAssociationCriteria}; null means every unit. */
  public static Parsed association(Object criteria) {
    Map<String, Object> c = object(criteria, "criteria");
    unknownKeys(c, ASSOCIATION_KEYS);
    List<String> typeIds = strings(c.get("type_ids"), "type_ids");
    Map<String, Object> filters = object(c.get("filters"), "filters");
    unknownKeys(filters, SCOPES);
    Map<String, Object> unitFilters = query(filters.get("unit"), "unit");
    Map<String, Object> associationFilters = query(filters.get("association"), "association");
    Map<String, Object> sort = object(c.get("sort"), "sort");
    unknownKeys(sort, SCOPES);
    Map<String, Object> fields = object(c.get("fields"), "fields");
    unknownKeys(fields, SCOPES);
    if (c.get("remove_duplicates") != null && !(c.get("remove_duplicates") instanceof Boolean)) {
      throw invalid("remove_duplicates must be true or false", "remove_duplicates");
    }
    return new Parsed(
        new UnitQuery(
            typeIds,
            unitFilters,
            associationFilters,
            sort(sort.get("association"), "sort"),
            sort(sort.get("unit"), "sort"),
            count(c.get("limit"), "limit", 1),
            count(c.get("skip"), "skip", 0)),
        strings(fields.get("unit"), "fields"),
        strings(fields.get("association"), "fields"));
  }

  /** A generic {@code Criteria} over units of one type. */
  public static Parsed units(Object criteria) {
    Map<String, Object> c = object(criteria, "criteria");
    unknownKeys(c, UNIT_KEYS);
    return new Parsed(
        new UnitQuery(
            List.of(),
            query(c.get("filters"), "filters"),
            Map.of(),
            List.of(),
            sort(c.get("sort"), "sort"),
            count(c.get("limit"), "limit", 1),
            count(c.get("skip"), "skip", 0)),
        strings(c.get("fields"), "fields"),
        List.of());
  }

  private static Map<String, Object> query(Object value, String field) {
    Map<String, Object> query = object(value, field);
    try {
      DocumentMatcher.check(query);
    } catch (IllegalArgumentException e) {
      throw invalid("Invalid filters: " + e.getMessage(), "filters");
    }
    return query;
  }

  private static void unknownKeys(Map<String, Object> object, Set<String> allowed) {
    List<String> unknown = object.keySet().stream().filter(k -> !allowed.contains(k)).toList();
    if (!unknown.isEmpty()) {
      throw invalid("Unknown criteria keys: " + unknown, unknown.toArray(String[]::new));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String field) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw invalid(field + " must be a JSON object", field);
  }

  private static List<String> strings(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw invalid(field + " must be a list of strings", field);
  }

  private static List<SortField> sort(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(field + " must be a list of [field, direction] pairs", field);
    }
    List<SortField> sort = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof List<?> pair)
          || pair.isEmpty()
          || pair.size() > 2
          || !(pair.get(0) instanceof String name)) {
        throw invalid(field + " entries must be [field, direction]", field);
      }
      Object direction = pair.size() == 2 ? pair.get(1) : "ascending";
      boolean ascending =
          switch (direction) {
            case String s when s.equals("ascending") -> true;
            case String s when s.equals("descending") -> false;
            case Integer i when i == 1 -> true;
            case Integer i when i == -1 -> false;
            default ->
                throw invalid(
                    "sort direction of "
                        + name
                        + " must be \"ascending\" or \"descending\", not "
                        + direction,
                    field);
          };
      sort.add(new SortField(name, ascending));
    }
    return sort;
  }

  private static long count(Object value, String field, long min) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      if (n >= min) {
        return n;
      }
    }
    if (value instanceof String s && s.matches("\\d{1,18}") && Long.parseLong(s) >= min) {
      return Long.parseLong(s);
    }
    throw invalid(field + " must be an integer of at least " + min + ", not " + value, field);
  }

  private static InvalidValue invalid(String message, String... fields) {
    return InvalidValue.wrapping("criteria", InvalidValue.of(message, fields));
  }
}
