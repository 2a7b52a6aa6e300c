package dev.depot.server.content;

import dev.depot.plugin.UnitCriteria.SortField;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a search's rows when SQL cannot give it: sorts on unindexed metadata fields are
 * applied to the collected rows in Mongo's order. Also which index columns give a repository's rows
 * in unit id order, so that SQL needs no sort of its own.
 */
final class UnitOrder {
  private UnitOrder() {}

  /**
   * Columns that give a repository's rows in unit id order straight off an index (the primary key,
   * or repo_units_by_type_and_unit for one type), where the WHERE fixes all but the last: listing
   * every index column is what lets H2 skip sorting, which it otherwise does in a temporary store
   * that for a million units costs more than the rest of a publish. Null for several types.
   */
  static List<String> idOrder(List<String> typeIds) {
    return switch (typeIds.size()) {
      case 0 -> List.of("ru.repo_id", "ru.unit_id");
      case 1 -> List.of("ru.repo_id", "ru.unit_type_id", "ru.unit_id");
      default -> null;
    };
  }

  /** The query's whole order, evaluated in Java on the unit documents. */
  static Comparator<UnitAssociation> comparator(UnitQuery query) {
    Comparator<UnitAssociation> order = (a, b) -> 0;
    for (SortField sort : query.associationSort()) {
      Comparator<UnitAssociation> c =
          switch (sort.field()) {
            case "created" -> Comparator.comparing(UnitAssociation::created);
            case "updated" -> Comparator.comparing(UnitAssociation::updated);
            case "unit_type_id" -> Comparator.comparing(a -> a.unit().typeId());
            default -> Comparator.comparing(a -> a.unit().id());
          };
      order = order.thenComparing(sort.ascending() ? c : c.reversed());
    }
    for (SortField sort : query.unitSort()) {
      Comparator<UnitAssociation> c =
          (a, b) ->
              compareValues(
                  UnitJson.document(a.unit()).get(sort.field()),
                  UnitJson.document(b.unit()).get(sort.field()));
      order = order.thenComparing(sort.ascending() ? c : c.reversed());
    }
    return order;
  }

  /** Mongo-like order: missing first, then numbers, then strings, then anything else as text. */
  private static int compareValues(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (a) {
      case null -> 0;
      case Number n -> Double.compare(n.doubleValue(), ((Number) b).doubleValue());
      default -> a.toString().compareTo(b.toString());
    };
  }

  private static int rank(Object v) {
    return switch (v) {
      case null -> 0;
      case Number n -> 1;
      case String s -> 2;
      default -> 3;
    };
  }
}
