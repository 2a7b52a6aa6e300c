package dev.depot.publish.sync;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Saves the units a sync's parallel downloads finish, on a thread of its own and a few hundred at a
 * time: one transaction per batch instead of per file (through {@link UnitSink#saveUnits}), and
 * downloads never wait for the database unless it falls a whole queue behind.
 *
 * <p>A unit whose file an orphan cleanup removed before it was saved is handed to {@code unsaved}
 * and the rest of its batch is saved without it. Any other failure to save is thrown by the next
 * {@link #add} or by {@link #close}.
 *
 * <pre>{@code
 * try (UnitBatch saver = new UnitBatch(conduit, unit -> progress.unsaved(name(unit), WHY))) {
 *   // from any number of download threads:
 *   saver.add(conduit.storeFile(...));
 * } // everything added is saved here, even when the sync was cancelled
 * }</pre>
 */
public final class UnitBatch implements AutoCloseable {
  /** How many units one transaction saves at most. */
  public static final int SIZE = 250;

  private static final Unit END = new Unit(null, "end", java.util.Map.of(), null, null);

  private final UnitSink sink;
  private final Consumer<Unit> unsaved;
  private final BlockingQueue<Unit> queue = new ArrayBlockingQueue<>(8 * SIZE);
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread saver;
  private volatile boolean thrownByAdd;
  private boolean closed;

  /**
   * Starts the saving thread.
   *
   * @param sink where the units are saved (the sync's conduit)
   * @param unsaved takes each unit whose file an orphan cleanup removed before it was saved
   */
  public UnitBatch(UnitSink sink, Consumer<Unit> unsaved) {
    this.sink = sink;
    this.unsaved = unsaved;
    this.saver = Thread.ofVirtual().name("unit-batch-saver").start(this::drain);
  }

  /**
   * Queues a unit whose file is in place; waits only when the saving thread is a whole queue
   * behind.
   *
   * @throws RuntimeException what saving an earlier batch failed with
   */
  public void add(Unit unit) throws InterruptedException {
    RuntimeException e = failure.get();
    if (e != null) {
      thrownByAdd = true;
      throw e;
    }
    queue.put(unit);
  }

  /**
   * Saves everything queued so far and stops.
   *
   * @throws RuntimeException what saving failed with, if anything
   */
  @Override
  public void close() throws InterruptedException {
    if (closed) {
      return; // what failed was thrown by the first close
    }
    closed = true;
    if (saver.isAlive()) {
      queue.put(END);
      saver.join();
    }
    RuntimeException e = failure.get();
    if (e == null) {
      return;
    }
    // Thrown by add already, the same exception would be added to itself as suppressed by a
    // try-with-resources, which replaces it with "Self-suppression not permitted".
    throw thrownByAdd ? new IllegalStateException("units not saved: " + e.getMessage(), e) : e;
  }

  private void drain() {
    List<Unit> batch = new ArrayList<>(SIZE);
    try {
      while (true) {
        Unit next = queue.poll(200, TimeUnit.MILLISECONDS);
        if (next == END) {
          save(batch);
          return;
        }
        if (next != null) {
          batch.add(next);
          queue.drainTo(batch, SIZE - batch.size());
          if (batch.removeIf(u -> u == END)) { // by identity: record equals compares maps
            save(batch);
            return;
          }
        }
        if (batch.size() >= SIZE || (next == null && !batch.isEmpty())) {
          save(batch);
        }
      }
    } catch (InterruptedException e) {
      save(batch);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      // Keep taking units so that no download waits forever on a full queue.
      queue.clear();
    }
  }

  private void save(List<Unit> batch) {
    List<Unit> pending = List.copyOf(batch);
    batch.clear();
    while (!pending.isEmpty()) {
      try {
        sink.saveUnits(pending);
        return;
      } catch (MissingUnitFilesException e) {
        Set<Unit> missing = Collections.newSetFromMap(new IdentityHashMap<>());
        missing.addAll(e.units());
        List<Unit> rest = pending.stream().filter(u -> !missing.contains(u)).toList();
        if (rest.size() == pending.size()) {
          throw e; // names none of this batch: not something a retry mends
        }
        pending.stream().filter(missing::contains).forEach(unsaved);
        pending = rest;
      }
    }
  }
}
