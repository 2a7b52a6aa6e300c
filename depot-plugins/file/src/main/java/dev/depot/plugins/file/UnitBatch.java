package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the units the parallel downloads finish and saves them a few hundred at a time: one
 * transaction (one commit, one lock on the repository's row) per batch instead of per file, which
 * is what limits a sync of many small files.
 */
final class UnitBatch {
  static final int SIZE = 250;

  private final UnitSink sink;
  private final List<Unit> pending = new ArrayList<>(SIZE);

  UnitBatch(UnitSink sink) {
    this.sink = sink;
  }

  /** Adds a unit whose file is in place; saves the batch when it is full. */
  synchronized void add(Unit unit) {
    pending.add(unit);
    if (pending.size() >= SIZE) {
      flush();
    }
  }

  /** Saves what is pending. */
  synchronized void flush() {
    if (!pending.isEmpty()) {
      sink.saveUnits(List.copyOf(pending));
      pending.clear();
    }
  }
}
