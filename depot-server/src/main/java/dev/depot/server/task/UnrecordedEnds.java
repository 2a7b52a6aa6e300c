package dev.depot.server.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task ends the database did not take when the tasks ended (a full disk, a database restarting for
 * longer than a few retries): kept and written again on every housekeeping tick until they are
 * stored. Dropped, such a task would read "running" for as long as its worker lives, and hold up
 * every later task on its repository, which not even a cancel could end.
 */
final class UnrecordedEnds {
  private static final Logger LOG = LoggerFactory.getLogger(UnrecordedEnds.class);

  private final Map<String, Runnable> pending = new ConcurrentHashMap<>();

  /** Keeps the write of a task's end that failed with {@code cause}, to be tried again. */
  void keep(String taskId, Runnable write, Throwable cause) {
    LOG.warn(
        "Task {} ended but its end could not be stored yet ({}); retrying",
        taskId,
        cause.toString());
    pending.put(taskId, write);
  }

  /** How many ends wait to be stored. */
  int size() {
    return pending.size();
  }

  /** Tries each kept write once more; those that succeed are forgotten. */
  void retry() {
    pending.forEach(
        (taskId, write) -> {
          try {
            write.run();
            pending.remove(taskId);
            LOG.info("Stored the end of task {}", taskId);
          } catch (RuntimeException | Error stillFailing) {
            // The next tick tries again.
          }
        });
  }
}
