package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import dev.depot.plugin.VersionChanges;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Brings a taken-over tree from the version its index names to the one being published, from the
 * platform's list of what changed alone: the index is read in unit id order beside the units that
 * entered and those that left (same order), links change only for those, and every entry that stays
 * is copied from the old index. No unit that stayed is read from the database, so the database work
 * follows the change, not the repository's size.
 */
final class ChangeMerge {
  /** Receives each unit of the new tree, in unit id order: its index and manifest lines. */
  interface Sink {
    void accept(String indexLine, String manifestLine) throws IOException;
  }

  private final TreePublisher.Build build;
  private final PublishCounts counts;
  private final BooleanSupplier cancelled;

  ChangeMerge(TreePublisher.Build build, PublishCounts counts, BooleanSupplier cancelled) {
    this.build = build;
    this.counts = counts;
    this.cancelled = cancelled;
  }

  void merge(PublishIndex.Reader old, VersionChanges changes, Sink sink) throws IOException {
    try (Stream<Unit> addedUnits = changes.added();
        Stream<Unit> removedUnits = changes.removed()) {
      Iterator<Unit> added = addedUnits.iterator();
      Iterator<Unit> removed = removedUnits.iterator();
      Unit nextAdded = next(added);
      String nextRemoved = nextId(removed);
      while (old.currentLine() != null || nextAdded != null) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("publish cancelled");
        }
        String had = old.currentId();
        if (nextAdded != null && (had == null || nextAdded.id().compareTo(had) < 0)) {
          add(nextAdded, sink);
          nextAdded = next(added);
          continue;
        }
        while (nextRemoved != null && nextRemoved.compareTo(had) < 0) {
          nextRemoved = nextId(removed);
        }
        // A unit listed as added that the tree already holds (a crash between publishing and the
        // platform recording the version) is linked again below.
        boolean again = nextAdded != null && nextAdded.id().equals(had);
        if (again || had.equals(nextRemoved)) {
          build.unlink(old.current().name(), old.current().target());
          if (!again) {
            counts.removed++;
          }
        } else {
          sink.accept(old.currentLine(), old.currentManifestLine());
          counts.unchanged++;
        }
        old.advance();
        counts.processed++;
      }
    }
  }

  private void add(Unit unit, Sink sink) throws IOException {
    ManifestEntry entry = ManifestEntry.of(unit);
    build.relink(entry.name(), unit.storagePath());
    counts.added++;
    counts.processed++;
    sink.accept(
        new PublishIndex.Entry(
                unit.id(), entry.name(), unit.storagePath(), entry.checksum(), entry.size())
            .line(),
        entry.line());
  }

  private static Unit next(Iterator<Unit> units) {
    return units.hasNext() ? units.next() : null;
  }

  private static String nextId(Iterator<Unit> units) {
    return units.hasNext() ? units.next().id() : null;
  }
}
