package dev.depot.server.consumer;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A consumer search: Pulp's criteria reduced to what consumers need.
 *
 * @param filters a Mongo-style query on the consumer's fields ({@code id}, {@code display_name},
 *     {@code notes.<key>}...)
 * @param sort fields to sort by, in order
 * @param limit at most this many, or 0 for all
 * @param skip how many matches to skip first
 */
public record ConsumerSearch(Map<String, Object> filters, List<Sort> sort, int limit, int skip) {
  /** Copies the collections. */
  public ConsumerSearch {
    filters = Map.copyOf(filters);
    sort = List.copyOf(sort);
  }

  /**
   * One sort key.
   *
   * @param field the field
   * @param ascending its direction
   */
  public record Sort(String field, boolean ascending) {}

  /** Orders indexes into {@code documents}; the id breaks ties so pages are stable. */
  Comparator<Integer> comparator(List<Map<String, Object>> documents) {
    Comparator<Integer> order = (a, b) -> 0;
    for (Sort key : sort) {
      Comparator<Integer> one =
          (a, b) -> compare(documents.get(a).get(key.field()), documents.get(b).get(key.field()));
      order = order.thenComparing(key.ascending() ? one : one.reversed());
    }
    return order.thenComparing(i -> String.valueOf(documents.get(i).get("id")));
  }

  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }
}
