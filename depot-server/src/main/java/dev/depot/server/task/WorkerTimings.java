package dev.depot.server.task;

/**
 * How often workers poll, heartbeat and tidy up, and how long a silent worker is trusted.
 *
 * @param pollMillis longest wait for new work when nothing woke the worker
 * @param heartbeatMillis interval between heartbeats (and lost-worker checks)
 * @param housekeepingMillis interval between cancel checks and progress flushes
 * @param timeoutSeconds a worker silent this long is considered gone
 * @param databaseWaitMillis longest wait for a database connection (the pool's timeout): bounds how
 *     long each try to store a task's end takes while the database cannot be reached
 */
public record WorkerTimings(
    long pollMillis,
    long heartbeatMillis,
    long housekeepingMillis,
    long timeoutSeconds,
    long databaseWaitMillis) {
  /** A database connection is waited for this long unless said otherwise. */
  public static final long DATABASE_WAIT_MILLIS = 10_000;

  /** Production defaults: missing after 30 s. */
  public static final WorkerTimings DEFAULT = new WorkerTimings(500, 5_000, 250, 30);

  /** Timings with the default database wait. */
  public WorkerTimings(
      long pollMillis, long heartbeatMillis, long housekeepingMillis, long timeoutSeconds) {
    this(pollMillis, heartbeatMillis, housekeepingMillis, timeoutSeconds, DATABASE_WAIT_MILLIS);
  }

  /** The same timings with another timeout; heartbeats stay well inside it. */
  public WorkerTimings withTimeout(long seconds) {
    return new WorkerTimings(
        pollMillis,
        Math.min(heartbeatMillis, seconds * 1000 / 4),
        housekeepingMillis,
        seconds,
        databaseWaitMillis);
  }

  /**
   * The same timings with another database wait: a test of a database that cannot write need not
   * wait the production 10 s for each of the worker's tries.
   */
  public WorkerTimings withDatabaseWait(long millis) {
    return new WorkerTimings(
        pollMillis, heartbeatMillis, housekeepingMillis, timeoutSeconds, millis);
  }
}
