package dev.depot.server.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A small collection (users, roles, groups) searched by its key: SQL filters and sorts on its
 * columns yield the matching keys, and each document is then built by the same code that answers a
 * single {@code GET}, so search and show never disagree.
 *
 * @param from the table
 * @param key the key column, also the tie-breaking order
 * @param columns document fields that map to a column
 * @param fields every top-level field of the document
 * @param document the document of one key, as the API shows it
 */
public record LookupCollection(
    String from,
    String key,
    Map<String, Column> columns,
    Set<String> fields,
    Function<String, Map<String, Object>> document)
    implements SearchCollection<String> {

  @Override
  public String order() {
    return key;
  }

  @Override
  public String row(ResultSet row) throws SQLException {
    return row.getString(key);
  }

  @Override
  public Map<String, Object> document(String row) {
    return document.apply(row);
  }

  /** Few rows, and each document is built with further queries. */
  @Override
  public boolean readWhole() {
    return true;
  }
}
