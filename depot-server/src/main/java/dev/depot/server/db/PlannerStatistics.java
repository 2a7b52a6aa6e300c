package dev.depot.server.db;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of some tables in step while a bulk load grows them.
 *
 * <p>Why: autovacuum analyzes a table at the earliest a minute after it changed. Until then the
 * planner knows nothing of rows loaded since, and on the unit tables it chose plans that read every
 * row: a sequential scan for each batch's lookup of stored units, and an index range over the whole
 * repository for each association's guard. A sync's first 10,000 units cost several seconds of
 * server time that way, growing with the square of the load. So every time the rows written through
 * this object double (from {@link #FIRST}), it runs {@code ANALYZE} on the tables, in the
 * background on a connection of its own: a few runs for any load, each reading a bounded sample. H2
 * does not need it: it plans these lookups by index whatever the statistics.
 */
public final class PlannerStatistics {
  /** Rows written before the first analysis: fewer cost nothing to scan. */
  static final long FIRST = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);

  private final List<String> tables;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong nextAnalysis = new AtomicLong(FIRST);
  private final AtomicBoolean analyzing = new AtomicBoolean();

  /** Statistics of these tables, by their SQL names. */
  public PlannerStatistics(List<String> tables) {
    this.tables = List.copyOf(tables);
  }

  /**
   * Counts rows written to the tables through {@code h}; starts an analysis when the count has
   * doubled since the last one. Never blocks and never fails the caller.
   */
  public void wrote(Handle h, long rows) {
    if (rows <= 0) {
      return;
    }
    long total = written.addAndGet(rows);
    long due = nextAnalysis.get();
    if (total < due
        || !nextAnalysis.compareAndSet(due, 2 * total)
        || Dialect.of(h) != Dialect.POSTGRESQL
        || !analyzing.compareAndSet(false, true)) {
      return;
    }
    Jdbi jdbi = h.getJdbi();
    Thread.ofVirtual().name("planner-statistics").start(() -> analyze(jdbi));
  }

  private void analyze(Jdbi jdbi) {
    try {
      jdbi.useHandle(h -> h.execute("ANALYZE " + String.join(", ", tables)));
    } catch (RuntimeException e) {
      // The server may be closing; autovacuum analyzes the tables later anyway.
      LOG.debug("analyzing {} failed", tables, e);
    } finally {
      analyzing.set(false);
    }
  }
}
