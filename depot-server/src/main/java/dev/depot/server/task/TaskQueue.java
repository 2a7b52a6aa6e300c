package dev.depot.server.task;

import dev.depot.server.db.Timestamps;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Where work is queued. The task row is the queue entry: any worker of any process sharing the
 * database claims it. Local workers are woken at once; others find it on their next poll.
 */
public final class TaskQueue {
  private final Jdbi jdbi;
  private final TaskStore store;
  private final TaskGroups groups;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queued = lock.newCondition();

  /** Binds the queue to the task store. */
  public TaskQueue(Jdbi jdbi, TaskStore store) {
    this.jdbi = jdbi;
    this.store = store;
    this.groups = new TaskGroups(jdbi, store);
  }

  /** Queues a task in its own transaction. */
  public TaskRecord enqueue(NewTask task) {
    TaskRecord record = jdbi.inTransaction(h -> store.insert(h, task, Timestamps.now()));
    wake();
    return record;
  }

  /**
   * Queues the tasks of a new task group, all or none; answers the group's id. Each task's own
   * {@code groupId} is replaced by it.
   */
  public String enqueueGroup(java.util.List<NewTask> tasks) {
    String groupId = java.util.UUID.randomUUID().toString();
    jdbi.useTransaction(
        h -> {
          java.time.Instant now = Timestamps.now();
          for (NewTask task : tasks) {
            store.insert(h, task.inGroup(groupId), now);
          }
        });
    wake();
    return groupId;
  }

  /** Queues a task inside the caller's transaction; call {@link #wake()} after it commits. */
  public TaskRecord enqueue(Handle h, NewTask task) {
    return store.insert(h, task, Timestamps.now());
  }

  /** Wakes local workers waiting for work. */
  public void wake() {
    lock.lock();
    try {
      queued.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until woken or the timeout passes. */
  void awaitWork(long millis) throws InterruptedException {
    lock.lock();
    try {
      queued.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
  }

  /** The task groups of the queue's tasks. */
  public TaskGroups groups() {
    return groups;
  }

  /** The store behind the queue. */
  public TaskStore store() {
    return store;
  }
}
