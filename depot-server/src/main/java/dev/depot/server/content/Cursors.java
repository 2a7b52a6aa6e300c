package dev.depot.server.content;

import dev.depot.server.db.Dialect;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Streams that own their database connection. The connection runs a read-only transaction while the
 * stream is open because PostgreSQL's driver only honours the fetch size (a real cursor) inside a
 * transaction; without one it reads the whole result into memory.
 */
public final class Cursors {
  private Cursors() {}

  /** Opens a connection, runs {@code query} on it and closes it when the stream is closed. */
  public static <T> Stream<T> open(Jdbi jdbi, Function<Handle, Stream<T>> query) {
    Handle h = jdbi.open();
    boolean lazy = false;
    try {
      lazy = Dialect.of(h) == Dialect.H2;
      if (lazy) {
        // H2 otherwise runs the whole query before the first row: a million rows written to a
        // temporary store and read back, which was most of a large publish's time.
        h.execute("SET LAZY_QUERY_EXECUTION TRUE");
      }
      h.begin();
      boolean reset = lazy;
      return query.apply(h).onClose(() -> close(h, reset));
    } catch (RuntimeException e) {
      close(h, lazy);
      throw e;
    }
  }

  private static void close(Handle h, boolean lazy) {
    try {
      if (h.isInTransaction()) {
        h.rollback();
      }
      if (lazy) {
        h.execute("SET LAZY_QUERY_EXECUTION FALSE"); // the connection goes back to the pool
      }
    } finally {
      h.close();
    }
  }
}
