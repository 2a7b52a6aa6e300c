package dev.depot.server.support;

import dev.depot.server.db.Dialect;
import java.time.Duration;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * For race tests: waits until another session is blocked on a lock that a given handle's open
 * transaction holds, so that a test proves the two contenders really met instead of hoping a fixed
 * sleep was long enough. Asked of the database itself: {@code pg_blocking_pids} on PostgreSQL,
 * {@code INFORMATION_SCHEMA.SESSIONS} on H2.
 */
public final class LockWaits {
  /** Long enough for a loaded CI machine; a race reached in time returns within milliseconds. */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private LockWaits() {}

  private static Throwable failure(Future<?> waiter) {
    try {
      waiter.get();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  /**
   * Returns once a session waits on {@code holder}'s locks: the session of {@code waiter}, which
   * must not end before.
   *
   * @throws AssertionError if the waiter ends first, or no session waits within {@link #DEADLINE}:
   *     the race was not exercised
   */
  public static void awaitBlockedBy(Jdbi jdbi, Handle holder, Future<?> waiter)
      throws InterruptedException {
    boolean postgres = Dialect.of(holder) == Dialect.POSTGRESQL;
    int session =
        holder
            .createQuery(postgres ? "SELECT pg_backend_pid()" : "SELECT SESSION_ID()")
            .mapTo(Integer.class)
            .one();
    String blocked =
        postgres
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))"
            // H2 names the blocker of a row lock, not of an insert waiting on a unique key held
            // by an uncommitted row: that one shows as a statement still running after 200 ms,
            // which in a test's tiny database only a wait explains.
            : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> :holder"
                + " AND SESSION_ID <> SESSION_ID() AND (BLOCKER_ID = :holder"
                + " OR (EXECUTING_STATEMENT IS NOT NULL AND EXECUTING_STATEMENT_START"
                + " < DATEADD(MILLISECOND, -200, CURRENT_TIMESTAMP)))";
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try (Handle probe = jdbi.open()) {
      while (System.nanoTime() < deadline) {
        if (probe.createQuery(blocked).bind("holder", session).mapTo(Long.class).one() > 0) {
          return;
        }
        if (waiter.isDone()) {
          throw new AssertionError(
              "the waiter ended without waiting on the holder: no race", failure(waiter));
        }
        Thread.sleep(10);
      }
    }
    throw new AssertionError(
        "no session waited on session " + session + " within " + DEADLINE + ": no race happened");
  }
}
