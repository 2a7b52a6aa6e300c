package dev.depot.server.task;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails the tasks of workers that stopped heartbeating, in a process that runs no worker of its own
 * (an API or content process): workers do it in their housekeeping, but when the only worker was
 * killed there is none left to notice, and its tasks stayed running for ever.
 */
public final class LostWorkerWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LostWorkerWatch.class);

  private final Thread thread;
  private volatile boolean stopping;

  private LostWorkerWatch(TaskQueue queue, WorkerTimings timings) {
    this.thread =
        Thread.ofVirtual()
            .name("lost-worker-watch")
            .start(
                () -> {
                  while (!stopping) {
                    try {
                      reap(queue, timings.timeoutSeconds());
                    } catch (RuntimeException e) {
                      LOG.error("Looking for missing workers failed; retrying", e);
                    }
                    try {
                      Thread.sleep(timings.heartbeatMillis());
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
  }

  /** Starts watching, every heartbeat period, for workers silent longer than the timeout. */
  public static LostWorkerWatch start(TaskQueue queue, WorkerTimings timings) {
    return new LostWorkerWatch(queue, timings);
  }

  /**
   * Fails the tasks of workers silent longer than {@code timeoutSeconds} and wakes the queue for
   * what waited behind them: the one check of workers' housekeeping and of this watch.
   */
  static void reap(TaskQueue queue, long timeoutSeconds) {
    Map<String, List<String>> lost = queue.store().reapLostWorkers(timeoutSeconds, null);
    lost.forEach(
        (worker, tasks) ->
            LOG.warn(
                "Worker {} sent no heartbeat for {} s: marked its task(s) {} as error",
                worker,
                timeoutSeconds,
                String.join(", ", tasks)));
    if (!lost.isEmpty()) {
      queue.wake();
    }
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
  }
}
