package dev.depot.publish.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Changes a build's links on several threads. Creating or removing a directory entry costs a file
 * system round trip (about 0.1 ms on the virtual disks measured here), and several in flight
 * overlap those waits, so a publish that changes many links goes faster. Each thread is a lane, and
 * every change to one path goes to the same lane, so changes to a path happen in the order they
 * were asked for (a unit's link removed, then another unit's link put at the same name) while
 * changes to different paths overlap. Changes are asked for from one thread and handed to a lane a
 * batch at a time, so they may wait until {@link #await()}. A bounded number of changes wait at any
 * time, so memory stays flat; the first failure stops the rest and is rethrown.
 */
public final class ParallelLinks implements AutoCloseable {
  private static final int IN_FLIGHT = 4096;

  /**
   * Changes handed to a lane's thread at once. One at a time, each woke a sleeping thread, and on
   * two cores that woken thread took the caller's core: 0.1 ms a change for the publish thread,
   * whose own work per package is a few microseconds.
   */
  private static final int BATCH = 64;

  private final TreePublisher.Build build;
  private final ExecutorService[] lanes;
  private final List<List<Change>> batches = new ArrayList<>();
  private final Semaphore slots = new Semaphore(IN_FLIGHT);
  private final AtomicReference<IOException> failure = new AtomicReference<>();

  /** Links into {@code build} with {@code threads} threads. */
  public ParallelLinks(TreePublisher.Build build, int threads) {
    this.build = build;
    this.lanes = new ExecutorService[threads];
    for (int i = 0; i < threads; i++) {
      batches.add(new ArrayList<>());
      lanes[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
    }
  }

  /** Queues {@link TreePublisher.Build#link}; throws the failure of an earlier change, if any. */
  public void link(String relativePath, Path target) throws IOException, InterruptedException {
    queue(relativePath, () -> build.link(relativePath, target));
  }

  /** Queues {@link TreePublisher.Build#relink}: the link at the path, replacing any there. */
  public void relink(String relativePath, Path target) throws IOException, InterruptedException {
    queue(relativePath, () -> build.relink(relativePath, target));
  }

  /** Queues {@link TreePublisher.Build#unlink}: removes the link if it points at the target. */
  public void unlink(String relativePath, Path target) throws IOException, InterruptedException {
    queue(relativePath, () -> build.unlink(relativePath, target));
  }

  /** One change to the tree. */
  private interface Change {
    void run() throws IOException;
  }

  private void queue(String relativePath, Change change) throws IOException, InterruptedException {
    rethrow();
    slots.acquire();
    int lane = Math.floorMod(relativePath.hashCode(), lanes.length);
    List<Change> batch = batches.get(lane);
    batch.add(change);
    if (batch.size() >= BATCH) {
      hand(lane);
    }
  }

  /** Hands a lane's waiting changes to its thread, in the order they were asked for. */
  private void hand(int lane) {
    List<Change> batch = batches.get(lane);
    if (batch.isEmpty()) {
      return;
    }
    batches.set(lane, new ArrayList<>()); // the lane's thread takes this one over
    lanes[lane].execute(
        () -> {
          try {
            for (Change change : batch) {
              if (failure.get() != null) {
                break;
              }
              change.run();
            }
          } catch (IOException e) {
            failure.compareAndSet(null, e);
          } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, new IOException(String.valueOf(e.getMessage()), e));
          } finally {
            slots.release(batch.size()); // whatever happened: await() must not wait for good
          }
        });
  }

  /** Waits until every queued change is made, then throws the first failure, if any. */
  public void await() throws IOException, InterruptedException {
    for (int lane = 0; lane < lanes.length; lane++) {
      hand(lane);
    }
    slots.acquire(IN_FLIGHT);
    slots.release(IN_FLIGHT);
    rethrow();
  }

  private void rethrow() throws IOException {
    IOException e = failure.get();
    if (e != null) {
      throw e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
    for (ExecutorService lane : lanes) {
      lane.awaitTermination(1, TimeUnit.MINUTES);
    }
  }
}
