package dev.depot.server.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * One collection the search API runs over: which of its fields live in a column (filtered and
 * sorted in SQL), how a row becomes the JSON document the API shows (everything else is matched on
 * that document). A new collection (users, roles, groups) plugs in by implementing this.
 *
 * @param <T> a row as read from the table
 */
public interface SearchCollection<T> {
  /** The table, or a join, that the rows come from. */
  String from();

  /** The SQL ordering that breaks ties, so pages are stable (e.g. the primary key). */
  String order();

  /** Document fields that map to a column, by field name. */
  Map<String, Column> columns();

  /** Every top-level field of the document; criteria naming another field are refused. */
  Set<String> fields();

  /** Keys {@code fields} never trims, beyond {@code _id}, {@code id} and {@code _href}. */
  default Set<String> alwaysReturned() {
    return Set.of();
  }

  /** Reads the current row; no other query may run here (the row's connection is streaming). */
  T row(ResultSet row) throws SQLException;

  /** The API's JSON for a row; only a {@link #readWhole} collection may query here. */
  Map<String, Object> document(T row);

  /**
   * Whether to read all matching rows before building documents, freeing the connection: for
   * collections of few rows (one per repository or machine) whose documents, or the flags that
   * expand them, run further queries, so one search never holds two connections.
   */
  default boolean readWhole() {
    return false;
  }

  /**
   * A column a field maps to.
   *
   * @param sql the column expression
   * @param kind what the column holds; a filter value of another kind is matched in Java
   */
  record Column(String sql, Kind kind) {}

  /** Column types the SQL translation knows how to bind. */
  enum Kind {
    TEXT,
    NUMBER,
    BOOLEAN,
    /** A timestamp, shown and filtered as Pulp's ISO 8601 string. */
    TIME,
    /**
     * A list of strings kept in a side table: the column's SQL is a condition with one {@code %s}
     * for the value, true when the list holds it (e.g. {@code EXISTS (SELECT 1 FROM task_tags g
     * WHERE g.task_id = tasks.task_id AND g.tag = %s)}).
     */
    ELEMENT
  }
}
