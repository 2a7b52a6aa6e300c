package dev.depot.plugin.testkit;

import dev.depot.plugin.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A client reading the served trees over and over on its own thread while a publish runs, the way
 * the contract checks that a publish is atomic. Each walk of a protocol's root is recorded with
 * whether it ran entirely while the publish was in progress.
 *
 * <p>The publish's conduit calls {@link #awaitFreshWalk} for each unit the distributor reads, so at
 * least one walk happens while the distributor is at work, however fast it is: a check that never
 * saw a publish in progress would pass for any distributor.
 */
final class ServedReader implements AutoCloseable {
  private static final long FRESH_WALK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One walk of one protocol's root. */
  record Observation(String protocol, TreeSnapshot tree, boolean duringPublish) {}

  private final Platform platform;
  private final List<String> protocols;
  private final List<Observation> observations = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean publishing;
  private long begun;
  private long completed;
  private RuntimeException failure;

  ServedReader(Platform platform, List<String> protocols) {
    this.platform = platform;
    this.protocols = List.copyOf(protocols);
    this.thread = new Thread(this::loop, "contract-served-reader");
    thread.setDaemon(true);
    thread.start();
  }

  /** Marks the publish as running (true) or finished (false). */
  void publishing(boolean now) {
    publishing = now;
  }

  /**
   * Waits until a walk that began after this call has finished, so the tree was read at this point
   * of the publish. Gives up quietly after a while: the contract then counts the walks it got.
   */
  synchronized void awaitFreshWalk() {
    long wanted = begun + 1;
    long deadline = System.nanoTime() + FRESH_WALK_TIMEOUT_NANOS;
    while (completed < wanted && running && failure == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Every walk recorded so far. */
  synchronized List<Observation> observations() {
    return List.copyOf(observations);
  }

  /** Walks that began and ended while the publish was running. */
  synchronized long walksDuringPublish() {
    return observations.stream().filter(Observation::duringPublish).count();
  }

  private void loop() {
    while (running) {
      synchronized (this) {
        begun++;
      }
      try {
        for (String protocol : protocols) {
          boolean before = publishing;
          Optional<TreeSnapshot> tree = TreeSnapshot.take(platform.servedRoot(protocol));
          boolean during = before && publishing;
          tree.ifPresent(t -> record(new Observation(protocol, t, during)));
        }
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          failure =
              e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
          notifyAll();
        }
        return;
      }
      synchronized (this) {
        completed++;
        notifyAll();
      }
      try {
        Thread.sleep(1); // leave the publish some CPU on a small machine
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void record(Observation observation) {
    observations.add(observation);
  }

  /** Stops the reader; rethrows what stopped it early, if anything did. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    synchronized (this) {
      notifyAll();
    }
    thread.join(TimeUnit.SECONDS.toMillis(30));
    synchronized (this) {
      if (failure != null) {
        throw new AssertionError("the reader could not walk the served trees", failure);
      }
    }
  }
}
