package dev.depot.plugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which units of a repository to read, and in which order.
 *
 * @param typeIds content types to include; empty means all
 * @param filters field name to required value (equality on unit key or metadata fields)
 * @param sort fields to sort on, in order; empty means unit id order ({@code _id}), which the
 *     platform streams without sorting: the cheapest order for reading a whole repository
 * @param limit at most this many units, or 0 for no limit
 * @param skip skip this many units first
 * @param associationFilters filters on the association of a unit with the repository, in Pulp's
 *     criteria form, e.g. {@code {"created": {"$gte": {"$date": "2026-01-01T00:00:00Z"}}}} for
 *     units added since a date; empty for none
 */
public record UnitCriteria(
    List<String> typeIds,
    Map<String, Object> filters,
    List<SortField> sort,
    long limit,
    long skip,
    Map<String, Object> associationFilters) {

  /** Every unit of the repository. */
  public static final UnitCriteria ALL = new UnitCriteria(List.of(), Map.of(), List.of(), 0, 0);

  /** Criteria without association filters. */
  public UnitCriteria(
      List<String> typeIds,
      Map<String, Object> filters,
      List<SortField> sort,
      long limit,
      long skip) {
    this(typeIds, filters, sort, limit, skip, Map.of());
  }

  /** Copies the collections and checks the bounds. */
  public UnitCriteria {
    typeIds = List.copyOf(Objects.requireNonNull(typeIds, "typeIds"));
    filters = Map.copyOf(Objects.requireNonNull(filters, "filters"));
    associationFilters =
        Map.copyOf(Objects.requireNonNull(associationFilters, "associationFilters"));
    sort = List.copyOf(Objects.requireNonNull(sort, "sort"));
    if (limit < 0 || skip < 0) {
      throw new IllegalArgumentException("limit and skip must not be negative");
    }
  }

  /** Every unit of the given types. */
  public static UnitCriteria ofTypes(String... typeIds) {
    return new UnitCriteria(List.of(typeIds), Map.of(), List.of(), 0, 0);
  }

  /** The same criteria with these filters. */
  public UnitCriteria withFilters(Map<String, Object> newFilters) {
    return new UnitCriteria(typeIds, newFilters, sort, limit, skip, associationFilters);
  }

  /** The same criteria sorted on these fields. */
  public UnitCriteria withSort(List<SortField> newSort) {
    return new UnitCriteria(typeIds, filters, newSort, limit, skip, associationFilters);
  }

  /** The same criteria with a limit and a skip. */
  public UnitCriteria withPage(long newLimit, long newSkip) {
    return new UnitCriteria(typeIds, filters, sort, newLimit, newSkip, associationFilters);
  }

  /** The same criteria with these association filters instead. */
  public UnitCriteria withAssociationFilters(Map<String, Object> newFilters) {
    return new UnitCriteria(typeIds, filters, sort, limit, skip, newFilters);
  }

  /**
   * One sort key.
   *
   * @param field unit field name
   * @param ascending true for ascending order
   */
  public record SortField(String field, boolean ascending) {
    /** Checks the field. */
    public SortField {
      Objects.requireNonNull(field, "field");
    }
  }
}
