package dev.depot.server.search;

import dev.depot.server.content.Cursors;
import dev.depot.server.content.DocumentMatcher;
import dev.depot.server.db.Dialect;
import dev.depot.server.search.SearchCollection.Column;
import dev.depot.server.search.SearchCollection.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterable;

/**
 * Runs criteria over a collection: the filters SQL can answer in the WHERE clause, the rest on each
 * streamed document; the sort in ORDER BY when every key is a column (with skip and limit in SQL
 * too when the WHERE clause was exact), else in memory over the matches.
 */
public final class Search {
  private final Jdbi jdbi;

  public Search(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The matching documents, whole ({@link Criteria#project} trims them). The stream may hold a
   * database cursor and must be closed.
   */
  public <T> Stream<Map<String, Object>> run(SearchCollection<T> collection, Criteria criteria) {
    SqlFilter filter = new SqlFilter(collection.columns());
    String where = filter.where(criteria.filters());
    boolean sortInSql =
        criteria.sort().stream()
            .map(s -> collection.columns().get(s.field()))
            .allMatch(c -> c != null && c.kind() != Kind.ELEMENT);
    boolean pageInSql = sortInSql && filter.exact();
    if (collection.readWhole()) {
      // Free the connection before the documents run their own queries.
      List<T> rows =
          jdbi.withHandle(
              h -> query(h, collection, criteria, filter, where, sortInSql, pageInSql).list());
      return finish(
          rows.stream().map(collection::document), criteria, filter, sortInSql, pageInSql);
    }
    return Cursors.open(
        jdbi,
        h ->
            finish(
                query(h, collection, criteria, filter, where, sortInSql, pageInSql).stream()
                    .map(collection::document),
                criteria,
                filter,
                sortInSql,
                pageInSql));
  }

  private static <T> ResultIterable<T> query(
      Handle h,
      SearchCollection<T> collection,
      Criteria criteria,
      SqlFilter filter,
      String where,
      boolean sortInSql,
      boolean pageInSql) {
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(collection.from());
    if (where != null) {
      sql.append(" WHERE ").append(where);
    }
    sql.append(" ORDER BY ");
    if (sortInSql) {
      boolean postgres = Dialect.of(h) == Dialect.POSTGRESQL;
      for (Criteria.Sort key : criteria.sort()) {
        Column column = collection.columns().get(key.field());
        sql.append(column.sql());
        if (postgres && column.kind() == Kind.TEXT) {
          sql.append(" COLLATE \"C\""); // Java's order, as the in-memory sort uses
        }
        sql.append(key.ascending() ? " ASC NULLS FIRST, " : " DESC NULLS LAST, ");
      }
    }
    sql.append(collection.order());
    if (pageInSql && criteria.skip() > 0) {
      sql.append(" OFFSET ").append(criteria.skip()).append(" ROWS");
    }
    if (pageInSql && criteria.limit() > 0) {
      sql.append(" FETCH FIRST ").append(criteria.limit()).append(" ROWS ONLY");
    }
    var query = h.createQuery(sql.toString()).setFetchSize(200);
    filter.bind(query);
    return query.map((rs, ctx) -> collection.row(rs));
  }

  /** What SQL did not do: the rest of the filter, the sort, the page. */
  private static Stream<Map<String, Object>> finish(
      Stream<Map<String, Object>> documents,
      Criteria criteria,
      SqlFilter filter,
      boolean sortInSql,
      boolean pageInSql) {
    if (pageInSql) {
      return documents;
    }
    Stream<Map<String, Object>> matched =
        filter.exact()
            ? documents
            : documents.filter(d -> DocumentMatcher.matches(flat(d), criteria.filters()));
    if (!sortInSql) {
      List<Sortable> keyed;
      try (Stream<Map<String, Object>> all = matched) {
        keyed = new ArrayList<>(all.map(d -> new Sortable(flat(d), d)).toList());
      }
      keyed.sort(comparator(criteria.sort()));
      matched = keyed.stream().map(Sortable::document);
    }
    if (criteria.skip() > 0) {
      matched = matched.skip(criteria.skip());
    }
    return criteria.limit() > 0 ? matched.limit(criteria.limit()) : matched;
  }

  /** The document with each nested value also under its dotted path ({@code notes.team}). */
  static Map<String, Object> flat(Map<String, Object> document) {
    Map<String, Object> flat = new LinkedHashMap<>(document);
    document.forEach((k, v) -> addNested(flat, k, v));
    return flat;
  }

  private static void addNested(Map<String, Object> flat, String path, Object value) {
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            String nested = path + "." + k;
            flat.put(nested, v);
            addNested(flat, nested, v);
          });
    }
  }

  private record Sortable(Map<String, Object> flat, Map<String, Object> document) {}

  /**
   * Mongo's order: null first, numbers by value, the rest as strings; a stable sort keeps SQL's.
   */
  private static Comparator<Sortable> comparator(List<Criteria.Sort> sort) {
    Comparator<Sortable> order = (a, b) -> 0;
    for (Criteria.Sort key : sort) {
      Comparator<Sortable> one =
          (a, b) -> compare(a.flat().get(key.field()), b.flat().get(key.field()));
      order = order.thenComparing(key.ascending() ? one : one.reversed());
    }
    return order;
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
