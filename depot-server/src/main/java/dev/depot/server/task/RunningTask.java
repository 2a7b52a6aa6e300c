package dev.depot.server.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A task while a worker runs it: its arguments, its progress report (written throttled, the last
 * one always lands) and its cancellation, which calls the hooks registered by the handler (e.g. the
 * plugin's cancel method) from the thread that noticed the cancel.
 */
public final class RunningTask {
  /**
   * Progress lands at most once a second. Each write is a commit, and on H2 every commit writes out
   * every page changed since the last one, a sync's open batch transaction's too, which its own
   * commit then writes again: flushed on every 250 ms housekeeping tick, the 19-33 writes of a
   * 2,000-module puppet sync took 8% of its Java threads' CPU samples (5-6 writes and 2% now).
   */
  private static final long PROGRESS_INTERVAL_MILLIS = 1_000;

  private final TaskRecord record;
  private final TaskStore store;
  private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
  private final List<String> spawned = new CopyOnWriteArrayList<>();
  private final Map<String, Object> progress = new LinkedHashMap<>();
  private final Object progressWrite = new Object();
  private volatile boolean cancelRequested;
  private boolean progressDirty;
  private long lastProgressWrite;

  private final Thread thread;

  RunningTask(TaskRecord record, TaskStore store, Thread thread) {
    this.record = record;
    this.store = store;
    this.thread = thread;
  }

  /** Interrupts the thread running the task: the last resort of a cancel. */
  void interrupt() {
    thread.interrupt();
  }

  /** The task id. */
  public String id() {
    return record.taskId();
  }

  /** The stored task as it was claimed. */
  public TaskRecord record() {
    return record;
  }

  /** A string argument, or null. */
  public String arg(String name) {
    Object value = record.args().get(name);
    return value == null ? null : value.toString();
  }

  /** An object argument, or an empty map. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> mapArg(String name) {
    Object value = record.args().get(name);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * Replaces the report of one reporter (e.g. the plugin id) in the task's progress report. Written
   * at most once a second; {@link #flushProgress()} writes the rest.
   */
  public void setProgress(String reporterId, Object report) {
    boolean write;
    synchronized (progress) {
      progress.put(reporterId, report);
      long now = System.currentTimeMillis();
      write = now - lastProgressWrite >= PROGRESS_INTERVAL_MILLIS;
      progressDirty = !write;
      if (write) {
        lastProgressWrite = now;
      }
    }
    if (write) {
      writeProgress();
    }
  }

  /** Writes the latest progress if a write was held back: the task's end. */
  void flushProgress() {
    flushProgress(false);
  }

  /**
   * Writes the latest progress if a write was held back and the interval has passed since the last
   * one: the housekeeping loop's tick, so that a report held back before a long quiet step lands.
   */
  void flushDueProgress() {
    flushProgress(true);
  }

  private void flushProgress(boolean onlyWhenDue) {
    boolean write;
    synchronized (progress) {
      long now = System.currentTimeMillis();
      if (onlyWhenDue && now - lastProgressWrite < PROGRESS_INTERVAL_MILLIS) {
        return;
      }
      write = progressDirty;
      progressDirty = false;
      if (write) {
        lastProgressWrite = now;
      }
    }
    if (write) {
      writeProgress();
    }
  }

  /**
   * One write at a time, each taking its snapshot once it has the turn: the worker's final flush
   * and the housekeeping loop's flush would otherwise race, and an older snapshot committed last
   * would leave the task's stored report behind its end (done 1 of 3 on a finished task).
   */
  private void writeProgress() {
    synchronized (progressWrite) {
      Map<String, Object> snapshot;
      synchronized (progress) {
        snapshot = new LinkedHashMap<>(progress);
      }
      store.setProgress(record.taskId(), snapshot);
    }
  }

  /** Registers what to call when the task is cancelled; runs at once if it already was. */
  public void onCancel(Runnable hook) {
    cancelHooks.add(hook);
    if (cancelRequested) {
      hook.run();
    }
  }

  /** Whether a cancel was requested. */
  public boolean isCancelRequested() {
    return cancelRequested;
  }

  void cancel() {
    if (cancelRequested) {
      return;
    }
    cancelRequested = true;
    for (Runnable hook : cancelHooks) {
      hook.run();
    }
  }

  /** Records a task queued by this one, listed in its {@code spawned_tasks}. */
  public void spawned(String taskId) {
    spawned.add(taskId);
  }

  List<String> spawnedTasks() {
    return new ArrayList<>(spawned);
  }
}
