package dev.depot.server.db;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Inserts that a concurrent transaction may beat to a unique key. A guarded insert ({@code ...
 * WHERE NOT EXISTS}) cannot see rows another transaction has not committed yet; it then waits on
 * the unique index, and fails with a unique violation once they are committed. Two syncs bringing
 * the same units into two repositories at once meet exactly that. Undoing the attempt to a
 * savepoint and running it again lets the second one read what the first stored, and the
 * transaction goes on.
 */
public final class RacingInserts {
  /** Attempts before the violation is thrown: each lost race means another transaction won. */
  static final int ATTEMPTS = 3;

  /** SQLSTATE of a unique or primary key violation, on both databases. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String SAVEPOINT = "racing_inserts";

  private RacingInserts() {}

  /**
   * Runs {@code inserts} inside the handle's open transaction, running them again from where they
   * started when they lose a race on a unique key.
   */
  public static <T> T retrying(Handle h, Supplier<T> inserts) {
    for (int attempt = 1; ; attempt++) {
      h.savepoint(SAVEPOINT);
      try {
        T result = inserts.get();
        h.releaseSavepoint(SAVEPOINT);
        return result;
      } catch (StatementException e) {
        if (!isUniqueViolation(e) || attempt >= ATTEMPTS) {
          throw e;
        }
        h.rollbackToSavepoint(SAVEPOINT);
      }
    }
  }

  static boolean isUniqueViolation(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        if (suppressed instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }
}
