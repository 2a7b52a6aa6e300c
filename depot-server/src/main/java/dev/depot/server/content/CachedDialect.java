package dev.depot.server.content;

import dev.depot.server.db.Dialect;
import org.jdbi.v3.core.Handle;

/** The database's dialect, asked of the first handle and remembered: it never changes. */
final class CachedDialect {
  private volatile Dialect known;

  Dialect of(Handle h) {
    Dialect dialect = known;
    if (dialect == null) {
      dialect = Dialect.of(h);
      known = dialect;
    }
    return dialect;
  }
}
