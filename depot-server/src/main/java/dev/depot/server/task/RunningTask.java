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
  private static final long PROGRESS_INTERVAL_MILLIS = 300;

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
   * at most every few hundred milliseconds; {@link #flushProgress()} writes the rest.
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

  /**
   * Writes the latest progress if a write was held back, and returns only once a write under way
   * (the housekeeping loop's, which took the dirty flag first) has committed: the worker records
   * the task's end next, and a client polling in between saw the end with the report before it (a
   * failed sync whose errors were not listed yet).
   */
  void flushProgress() {
    synchronized (progressWrite) {
      boolean write;
      synchronized (progress) {
        write = progressDirty;
        progressDirty = false;
        lastProgressWrite = System.currentTimeMillis();
      }
      if (write) {
        writeProgress();
      }
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
