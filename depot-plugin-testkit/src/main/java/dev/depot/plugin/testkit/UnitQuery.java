package dev.depot.plugin.testkit;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link UnitCriteria} evaluated over units in memory, as the platform evaluates them in SQL: type
 * ids, equality filters on {@code _id}, unit key and metadata fields, sort, skip and limit, and
 * association filters on {@code created} with {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}.
 */
record UnitQuery(UnitCriteria criteria) {

  boolean matches(Unit unit, Instant associated) {
    if (!criteria.typeIds().isEmpty() && !criteria.typeIds().contains(unit.typeId())) {
      return false;
    }
    for (Map.Entry<String, Object> filter : criteria.filters().entrySet()) {
      if (!Objects.equals(
          String.valueOf(field(unit, filter.getKey())), String.valueOf(filter.getValue()))) {
        return false;
      }
    }
    Object created = criteria.associationFilters().get("created");
    return created == null || withinDates(created, associated);
  }

  List<Unit> page(List<Unit> units) {
    Comparator<Unit> order = Comparator.comparing(Unit::id);
    for (UnitCriteria.SortField sort : criteria.sort().reversed()) {
      Comparator<Unit> bySort = Comparator.comparing(u -> String.valueOf(field(u, sort.field())));
      order = (sort.ascending() ? bySort : bySort.reversed()).thenComparing(order);
    }
    long limit = criteria.limit() == 0 ? Long.MAX_VALUE : criteria.limit();
    return units.stream().sorted(order).skip(criteria.skip()).limit(limit).toList();
  }

  private static Object field(Unit unit, String name) {
    if (name.equals("_id") || name.equals("id")) {
      return unit.id();
    }
    return unit.unitKey().containsKey(name) ? unit.unitKey().get(name) : unit.metadata().get(name);
  }

  private static boolean withinDates(Object condition, Instant associated) {
    if (!(condition instanceof Map<?, ?> operators)) {
      throw new IllegalArgumentException("created must be compared with $gt, $gte, $lt, $lte");
    }
    for (Map.Entry<?, ?> op : operators.entrySet()) {
      int compared = associated.compareTo(instant(op.getValue()));
      boolean holds =
          switch (String.valueOf(op.getKey())) {
            case "$gt" -> compared > 0;
            case "$gte" -> compared >= 0;
            case "$lt" -> compared < 0;
            case "$lte" -> compared <= 0;
            default -> throw new IllegalArgumentException("unsupported operator " + op.getKey());
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static Instant instant(Object value) {
    Object text = value instanceof Map<?, ?> date ? date.get("$date") : value;
    try {
      return Instant.parse(String.valueOf(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date: " + text, e);
    }
  }
}
