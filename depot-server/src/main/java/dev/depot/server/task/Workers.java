package dev.depot.server.task;

import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's task workers: {@code concurrency} loops that claim and run tasks, plus one
 * housekeeping loop that heartbeats, delivers cancels to running tasks, flushes progress and fails
 * the tasks of workers that went silent (in any process).
 */
public final class Workers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
  private static final long CANCEL_GRACE_MILLIS = 5_000;

  private final String name;
  private final int concurrency;
  private final TaskQueue queue;
  private final TaskStore store;
  private final Map<String, TaskHandler> handlers;
  private final WorkerTimings timings;
  private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
  private final UnrecordedEnds unrecorded = new UnrecordedEnds();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Instant started = Instant.now();
  private final Runnable housekeepingExtra;
  private final java.util.function.BiConsumer<TaskRecord, TaskState> onComplete;
  private volatile boolean stopping;

  /**
   * @param name this worker's name, unique among live workers and stable across restarts
   * @param concurrency how many tasks this process runs at once
   * @param handlers task type to handler
   * @param timings heartbeat, poll and timeout intervals
   * @param housekeepingExtra run on every housekeeping tick (e.g. firing due schedules)
   * @param onComplete told of every task this worker completes, with its end state
   */
  public Workers(
      String name,
      int concurrency,
      TaskQueue queue,
      Map<String, TaskHandler> handlers,
      WorkerTimings timings,
      Runnable housekeepingExtra,
      java.util.function.BiConsumer<TaskRecord, TaskState> onComplete) {
    this.name = name;
    this.concurrency = concurrency;
    this.queue = queue;
    this.store = queue.store();
    this.handlers = Map.copyOf(handlers);
    this.timings = timings;
    this.housekeepingExtra = housekeepingExtra;
    this.onComplete = onComplete;
  }

  /** Starts the loops, after {@link #failPreviousRun} (again: a second call finds nothing). */
  public void start() {
    failPreviousRun();
    store.heartbeat(name, concurrency, started);
    for (int i = 0; i < concurrency; i++) {
      threads.submit(this::workLoop);
    }
    threads.submit(this::housekeepingLoop);
    LOG.info("Worker {} started with concurrency {}", name, concurrency);
  }

  /**
   * Fails the tasks a killed previous run of this worker (or a worker gone silent) left running;
   * the server calls it before it listens, so that no answer calls them running. Throws {@code
   * IllegalStateException} when a live process heartbeats under this name (its tasks are alive).
   */
  public void failPreviousRun() {
    refuseLiveNamesake();
    store
        .reapLostWorkers(timings.timeoutSeconds(), name)
        .forEach(
            (worker, tasks) ->
                LOG.warn(
                    "Marked task(s) {} left running by {} as error",
                    String.join(", ", tasks),
                    worker.equals(name)
                        ? "a previous run of " + name
                        : "missing worker " + worker));
  }

  /**
   * A fresh heartbeat under this name is a previous run that crashed a moment ago, or another live
   * process: one more heartbeat period tells them apart.
   */
  private void refuseLiveNamesake() {
    Optional<Instant> seen = store.lastHeartbeat(name);
    Instant stale = Timestamps.now().minusSeconds(timings.timeoutSeconds());
    if (seen.isEmpty() || seen.get().isBefore(stale)) {
      return;
    }
    // A live namesake heartbeats at least this often (a production process's period for the
    // timeout), whatever this process's own timings.
    long period =
        Math.max(
            timings.heartbeatMillis(),
            WorkerTimings.DEFAULT.withTimeout(timings.timeoutSeconds()).heartbeatMillis());
    sleepQuietly(period + 250);
    // Newer means alive; gone means the lost-worker check reaped the dead one meanwhile.
    Optional<Instant> later = store.lastHeartbeat(name);
    if (later.isPresent() && later.get().isAfter(seen.get())) {
      throw new IllegalStateException(
          "worker name "
              + name
              + " is in use: another running process heartbeats under it; give each process its"
              + " own --worker-name");
    }
  }

  /** How many task ends this worker could not store yet and keeps trying to. */
  public int unrecordedEnds() {
    return unrecorded.size();
  }

  /** This worker's name. */
  public String name() {
    return name;
  }

  private void workLoop() {
    while (!stopping) {
      try {
        Optional<TaskRecord> claimed = store.claim(name);
        if (claimed.isPresent()) {
          run(claimed.get());
          // A late cancel interrupt aimed at the finished task must not reach the next one.
          Thread.interrupted();
        } else {
          queue.awaitWork(timings.pollMillis());
        }
      } catch (InterruptedException e) {
        if (stopping) {
          return;
        }
      } catch (RuntimeException | Error e) {
        // Errors too: an Error out of the database driver (H2 asserts on a store it closed under a
        // full disk) ended this loop silently, and a worker that heartbeats but never claims holds
        // up every task queued after it.
        LOG.error("Worker {} loop failed; retrying", name, e);
        sleepQuietly(timings.pollMillis());
      }
    }
  }

  private void run(TaskRecord record) {
    RunningTask task = new RunningTask(record, store, Thread.currentThread());
    running.put(record.taskId(), task);
    LOG.info("Task {} ({}) started on {}", record.taskId(), record.type(), name);
    try {
      TaskHandler handler = handlers.get(record.type());
      if (handler == null) {
        throw new IllegalStateException("no handler for task type " + record.type());
      }
      TaskOutcome outcome = handler.run(task);
      task.flushProgress();
      TaskState end = recordEnd(record, task, outcome);
      logEnd(record, outcome);
      notifyComplete(record, end);
    } catch (Exception | LinkageError | AssertionError | StackOverflowError | OutOfMemoryError e) {
      // Errors too: a plugin built against another SDK (NoSuchMethodError), a runaway recursion or
      // a task that ran out of heap (a hostile feed's file read whole; its memory is free again
      // once unwound) must fail its task, not leave it "running" for ever and take the worker
      // down with it, silently.
      recordFailure(record, task, e);
    } finally {
      running.remove(record.taskId());
    }
  }

  /** A failure with its reason, which the log is read for; the other ends in a line. */
  private static void logEnd(TaskRecord record, TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Failed failed) {
      Object reason = failed.error() == null ? null : failed.error().get("description");
      LOG.warn(
          "Task {} ({}{}) failed: {}",
          record.taskId(),
          record.type(),
          record.resource() == null ? "" : ", " + record.resource(),
          reason == null ? "no reason given" : reason);
      return;
    }
    LOG.info("Task {} ({}) ended: {}", record.taskId(), record.type(), outcomeName(outcome));
  }

  /** Stores how the handler said the task ended; returns the state it ended in. */
  private TaskState recordEnd(TaskRecord record, RunningTask task, TaskOutcome outcome) {
    return switch (outcome) {
      case TaskOutcome.Finished f -> {
        store.complete(
            record.taskId(), TaskState.FINISHED, f.result(), null, null, merge(task, f.spawned()));
        yield TaskState.FINISHED;
      }
      case TaskOutcome.Skipped s -> {
        store.complete(
            record.taskId(), TaskState.SKIPPED, s.result(), null, null, task.spawnedTasks());
        yield TaskState.SKIPPED;
      }
      case TaskOutcome.Canceled c -> {
        store.markCanceled(record.taskId(), c.result());
        yield TaskState.CANCELED;
      }
      case TaskOutcome.Failed f -> {
        store.complete(
            record.taskId(),
            TaskState.ERROR,
            f.result(),
            f.error(),
            f.traceback(),
            task.spawnedTasks());
        yield TaskState.ERROR;
      }
    };
  }

  /**
   * A handler that threw: canceled if a cancel was asked for (that is how it stops), else failed.
   */
  private void recordFailure(TaskRecord record, RunningTask task, Throwable e) {
    Thread.interrupted();
    task.flushProgress();
    LOG.warn(
        "Task {} ({}{}) failed: {}",
        record.taskId(),
        record.type(),
        record.resource() == null ? "" : ", " + record.resource(),
        e.toString());
    if (task.isCancelRequested()) {
      recordOrKeep(
          record,
          () -> store.markCanceled(record.taskId(), null),
          () -> notifyComplete(record, TaskState.CANCELED));
    } else {
      recordOrKeep(
          record,
          () ->
              store.complete(
                  record.taskId(),
                  TaskState.ERROR,
                  null,
                  TaskErrors.of(e),
                  e.toString(),
                  task.spawnedTasks()),
          () -> notifyComplete(record, TaskState.ERROR));
    }
  }

  /** Stores a task's end, or keeps it for the housekeeping loop to store once it can. */
  private void recordOrKeep(TaskRecord record, Runnable write, Runnable then) {
    try {
      retrying(write);
      then.run();
    } catch (RuntimeException | Error e) {
      unrecorded.keep(
          record.taskId(),
          () -> {
            write.run();
            then.run();
          },
          e);
    }
  }

  /**
   * Recording a task's end must not be lost to a passing database hiccup, or the task would look
   * running for as long as this worker lives.
   */
  private static void retrying(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (RuntimeException | Error e) {
        if (attempt == 3) {
          throw e;
        }
        Thread.interrupted();
        sleepQuietly(200L * attempt);
      }
    }
  }

  private void notifyComplete(TaskRecord record, TaskState state) {
    try {
      onComplete.accept(record, state);
    } catch (RuntimeException e) {
      LOG.warn("Completion listener failed for task {}", record.taskId(), e);
    }
  }

  private static java.util.List<String> merge(RunningTask task, java.util.List<String> more) {
    java.util.List<String> all = new java.util.ArrayList<>(task.spawnedTasks());
    for (String id : more) {
      if (!all.contains(id)) {
        all.add(id);
      }
    }
    return all;
  }

  /**
   * Calls the task's cancel hooks; a task still running after the grace period (a plugin that
   * ignores its cancel hook) has its thread interrupted, so a cancel always ends the task.
   */
  private void cancel(RunningTask task) {
    task.cancel();
    try {
      Thread.sleep(CANCEL_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (running.get(task.id()) == task) {
      LOG.warn(
          "Task {} ignored its cancel for {} ms; interrupting it", task.id(), CANCEL_GRACE_MILLIS);
      task.interrupt();
    }
  }

  private static String outcomeName(TaskOutcome outcome) {
    return outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private void housekeepingLoop() {
    long lastHeartbeat = 0;
    long lastReap = 0;
    while (!stopping) {
      unrecorded.retry();
      try {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat >= timings.heartbeatMillis()) {
          store.heartbeat(name, concurrency, started);
          lastHeartbeat = now;
        }
        if (!running.isEmpty()) {
          for (String id : store.cancelRequested(name)) {
            RunningTask task = running.get(id);
            if (task != null && !task.isCancelRequested()) {
              LOG.info("Cancelling task {} on {}", id, name);
              threads.submit(() -> cancel(task));
            }
          }
          running.values().forEach(RunningTask::flushProgress);
        }
        if (now - lastReap >= timings.heartbeatMillis()) {
          LostWorkerWatch.reap(queue, timings.timeoutSeconds());
          lastReap = now;
        }
        housekeepingExtra.run();
      } catch (RuntimeException | Error e) {
        LOG.error("Worker {} housekeeping failed; retrying", name, e);
      }
      sleepQuietly(timings.housekeepingMillis());
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops claiming, cancels what runs, waits a little, and leaves the worker list. */
  @Override
  public void close() {
    stopping = true;
    queue.wake();
    running.values().forEach(RunningTask::cancel);
    threads.shutdown();
    try {
      if (!threads.awaitTermination(CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
        // A task that ignores its cancel (a download stuck on a silent server): interrupt it.
        threads.shutdownNow();
        threads.awaitTermination(CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unrecorded.retry();
    // The process goes away with whatever still runs: record it canceled while the database is
    // still there, or it would read "running" until a worker timeout declared it lost.
    for (RunningTask task : running.values()) {
      LOG.warn("Task {} did not stop in time; recorded as canceled", task.id());
      store.markCanceled(task.id(), null);
    }
    store.removeWorker(name);
  }
}
