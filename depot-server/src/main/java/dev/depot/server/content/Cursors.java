package dev.depot.server.content;

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
    try {
      h.begin();
      return query.apply(h).onClose(() -> close(h));
    } catch (RuntimeException e) {
      close(h);
      throw e;
    }
  }

  private static void close(Handle h) {
    try {
      if (h.isInTransaction()) {
        h.rollback();
      }
    } finally {
      h.close();
    }
  }
}
