package dev.depot.server.task;

/**
 * How often workers poll, heartbeat and tidy up, and how long a silent worker is trusted.
 *
 * @param pollMillis longest wait for new work when nothing woke the worker
 * @param heartbeatMillis interval between heartbeats (and lost-worker checks)
 * @param housekeepingMillis interval between cancel checks and progress flushes
 * @param timeoutSeconds a worker silent this long is considered gone
 */
public record WorkerTimings(
    long pollMillis, long heartbeatMillis, long housekeepingMillis, long timeoutSeconds) {
  /** Production defaults: missing after 30 s. */
  public static final WorkerTimings DEFAULT = new WorkerTimings(500, 5_000, 250, 30);

  /** The same timings with another timeout; heartbeats stay well inside it. */
  public WorkerTimings withTimeout(long seconds) {
    return new WorkerTimings(
        pollMillis, Math.min(heartbeatMillis, seconds * 1000 / 4), housekeepingMillis, seconds);
  }
}
