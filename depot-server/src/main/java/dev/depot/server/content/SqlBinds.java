package dev.depot.server.content;

import dev.depot.server.db.Dialect;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named arguments of one statement that {@link UnitSql} compiles, and the SQL pieces that
 * depend on the database's dialect: every value a search brings reaches SQL as a bind, never as
 * text in the statement.
 */
final class SqlBinds {
  /** Stands for a JSON null in an operator map (Map.of refuses nulls). */
  static final Object NULL = new Object();

  private final Dialect dialect;
  private final Map<String, Object> binds = new LinkedHashMap<>();
  private int next;

  SqlBinds(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The arguments bound so far, by name. */
  Map<String, Object> all() {
    return binds;
  }

  /** Binds a value as it is and returns its placeholder. */
  String bind(Object value) {
    String name = "q" + next++;
    binds.put(name, value);
    return ":" + name;
  }

  /** Binds a value compared with a text or timestamp column. */
  String bindValue(Object v, boolean timestamp) {
    if (timestamp) {
      return bind(Timestamps.arg(instant(v)));
    }
    if (v instanceof String || v == null) {
      return bind(v);
    }
    // A number or an object never equals a text column: compare with something impossible.
    return bind("\uFFFF" + v);
  }

  /** A parenthesised list of placeholders, one per value. */
  String bindValues(List<?> values, boolean timestamp) {
    if (values.isEmpty()) {
      return "(NULL)";
    }
    List<String> names = new ArrayList<>();
    for (Object v : values) {
      names.add(bindValue(v, timestamp));
    }
    return "(" + String.join(", ", names) + ")";
  }

  /** A regular-expression match in the dialect's own syntax. */
  String regex(String column, String pattern, String options) {
    boolean ignoreCase = "i".equals(options);
    return switch (dialect) {
      case POSTGRESQL -> column + (ignoreCase ? " ~* " : " ~ ") + bind(pattern);
      case H2 ->
          "REGEXP_LIKE(" + column + ", " + bind(pattern) + ", '" + (ignoreCase ? "i" : "c") + "')";
    };
  }

  /** A date given as ISO 8601 text or as Pulp's {@code {"$date": "..."}}. */
  static Instant instant(Object v) {
    Object text = v instanceof Map<?, ?> m && m.containsKey("$date") ? m.get("$date") : v;
    if (text instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          throw new IllegalArgumentException("not an ISO 8601 date: " + s, e2);
        }
      }
    }
    throw new IllegalArgumentException("a date must be ISO 8601 text, not " + v);
  }
}
