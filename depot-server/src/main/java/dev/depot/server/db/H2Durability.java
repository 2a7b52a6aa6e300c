package dev.depot.server.db;

import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes an embedded H2 database keep every commit the API has answered for. H2 writes committed
 * changes to its file in the background, up to {@code WRITE_DELAY} (500 ms) later; a {@code kill
 * -9} in that window loses tasks, units and publishes that were already reported finished, while
 * their files stay on disk. With a delay of 0, H2 writes each commit to its file before the commit
 * returns, so a crashed process loses nothing it reported; the operating system still holds the
 * bytes (a power cut is PostgreSQL's job, with its own fsync settings).
 *
 * <p>One gap remains: H2 shows a commit to other sessions a moment before the committing thread has
 * written it (the transaction is marked committed, then the store is written). A client that polls
 * a task in that moment is told "finished", and a crash right then loses the task. {@link
 * #flushVisibleCommits} closes it: whoever is about to report a state writes every commit it can
 * see first. PostgreSQL shows a commit only once its WAL is flushed and needs nothing of the kind.
 */
public final class H2Durability {
  private H2Durability() {}

  /**
   * The URL with {@code WRITE_DELAY=0}, unless the operator chose a delay of their own, and with
   * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would otherwise close the database while
   * the server, stopping, still records the tasks it cancels; the server closes it last itself.
   */
  static String durable(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    String durable = upper.contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
    return upper.contains(";DB_CLOSE_ON_EXIT=") ? durable : durable + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * Writes to the file every commit this process can see, so that what a caller reports next
   * survives a crash. Cheap when nothing is pending (H2 then writes nothing); a no-op on
   * PostgreSQL.
   */
  public static void flushVisibleCommits(Jdbi jdbi, Dialect dialect) {
    if (dialect == Dialect.H2) {
      jdbi.useHandle(h -> h.execute("CHECKPOINT"));
    }
  }
}
