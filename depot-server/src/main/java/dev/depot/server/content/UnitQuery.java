package dev.depot.server.content;

import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitCriteria.SortField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A unit search as Pulp's {@code UnitAssociationCriteria} has it: content types, Mongo-style
 * filters on unit fields and on association fields ({@code created}, {@code updated}, {@code
 * unit_id}, {@code unit_type_id}), sort keys for each, and a page. The plugin API's simpler {@link
 * UnitCriteria} maps onto it with {@link #of(UnitCriteria)}.
 *
 * @param typeIds content types to include; empty means all
 * @param unitFilters Mongo-style query on unit fields (see {@link DocumentMatcher})
 * @param associationFilters Mongo-style query on association fields
 * @param associationSort sort keys on association fields, applied first
 * @param unitSort sort keys on unit fields
 * @param limit at most this many results, 0 for no limit
 * @param skip skip this many results first
 */
public record UnitQuery(
    List<String> typeIds,
    Map<String, Object> unitFilters,
    Map<String, Object> associationFilters,
    List<SortField> associationSort,
    List<SortField> unitSort,
    long limit,
    long skip) {

  /** Every unit. */
  public static final UnitQuery ALL =
      new UnitQuery(List.of(), Map.of(), Map.of(), List.of(), List.of(), 0, 0);

  /** Copies the collections and checks the page. */
  public UnitQuery {
    typeIds = List.copyOf(typeIds);
    unitFilters = Objects.requireNonNull(unitFilters, "unitFilters");
    associationFilters = Objects.requireNonNull(associationFilters, "associationFilters");
    associationSort = List.copyOf(associationSort);
    unitSort = List.copyOf(unitSort);
    if (limit < 0 || skip < 0) {
      throw new IllegalArgumentException("limit and skip must not be negative");
    }
  }

  /**
   * The plugin API's criteria: its equality filters are a Mongo query already; sort keys {@code
   * created} and {@code updated} are association fields, every other one a unit field. No sort is
   * the unit id order, which the database streams off an index: a plugin reading a whole repository
   * (a publish, an export) must not wait for, nor hold the memory of, a sort of every row.
   */
  public static UnitQuery of(UnitCriteria criteria) {
    List<SortField> association = new ArrayList<>();
    List<SortField> unit = new ArrayList<>();
    if (criteria.sort().isEmpty()) {
      unit.add(new SortField("_id", true));
    }
    for (SortField sort : criteria.sort()) {
      if (sort.field().equals("created") || sort.field().equals("updated")) {
        association.add(sort);
      } else {
        unit.add(sort);
      }
    }
    return new UnitQuery(
        criteria.typeIds(),
        criteria.filters(),
        criteria.associationFilters(),
        association,
        unit,
        criteria.limit(),
        criteria.skip());
  }

  /** The same query restricted to one page. */
  public UnitQuery withPage(long newLimit, long newSkip) {
    return new UnitQuery(
        typeIds, unitFilters, associationFilters, associationSort, unitSort, newLimit, newSkip);
  }
}
