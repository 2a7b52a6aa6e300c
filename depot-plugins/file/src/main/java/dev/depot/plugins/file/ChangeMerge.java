package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import dev.depot.plugin.VersionChanges;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Brings a taken-over tree from the version its index names to the one being published, from the
 * platform's list of what changed alone: the index is read in unit id order beside the units that
 * entered and those that left (same order), links change only for those, and every line that stays
 * is copied as bytes from the old index (its manifest line cut out of it). No unit that stayed is
 * read from the database, so the database work follows the change, not the repository's size.
 */
final class ChangeMerge {
  private final TreePublisher.Build build;
  private final PublishCounts counts;
  private final BooleanSupplier cancelled;
  private final Runnable progress;

  /**
   * @param progress called after each unit, with {@code counts} updated
   */
  ChangeMerge(
      TreePublisher.Build build,
      PublishCounts counts,
      BooleanSupplier cancelled,
      Runnable progress) {
    this.build = build;
    this.counts = counts;
    this.cancelled = cancelled;
    this.progress = progress;
  }

  void merge(RawIndex old, VersionChanges changes, OutputStream manifest, OutputStream index)
      throws IOException {
    try (Stream<Unit> addedUnits = changes.added();
        Stream<Unit> removedUnits = changes.removed()) {
      Iterator<Unit> added = addedUnits.iterator();
      Iterator<Unit> removed = removedUnits.iterator();
      Unit nextAdded = next(added);
      String nextRemoved = nextId(removed);
      while (!old.atEnd() || nextAdded != null) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("publish cancelled");
        }
        if (nextAdded != null && (old.atEnd() || old.compareId(nextAdded.id()) > 0)) {
          add(nextAdded, manifest, index);
          nextAdded = next(added);
          progress.run();
          continue;
        }
        while (nextRemoved != null && old.compareId(nextRemoved) > 0) {
          nextRemoved = nextId(removed);
        }
        // A unit listed as added that the tree already holds (a crash between publishing and the
        // platform recording the version) is linked again next round.
        boolean again = nextAdded != null && old.compareId(nextAdded.id()) == 0;
        if (again || nextRemoved != null && old.compareId(nextRemoved) == 0) {
          PublishIndex.Entry had = old.entry();
          build.unlink(had.name(), had.target());
          if (!again) {
            counts.removed++;
          }
        } else {
          old.copyLine(index);
          old.copyManifestLine(manifest);
          counts.unchanged++;
        }
        old.advance();
        counts.processed++;
        progress.run();
      }
    }
  }

  private void add(Unit unit, OutputStream manifest, OutputStream index) throws IOException {
    ManifestEntry entry = ManifestEntry.of(unit);
    build.relink(entry.name(), unit.storagePath());
    counts.added++;
    counts.processed++;
    String line =
        new PublishIndex.Entry(
                unit.id(), entry.name(), unit.storagePath(), entry.checksum(), entry.size())
            .line();
    index.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    manifest.write((entry.line() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static Unit next(Iterator<Unit> units) {
    return units.hasNext() ? units.next() : null;
  }

  private static String nextId(Iterator<Unit> units) {
    return units.hasNext() ? units.next().id() : null;
  }
}
