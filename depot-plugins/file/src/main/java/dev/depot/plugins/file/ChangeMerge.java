package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import dev.depot.plugin.VersionChanges;
import dev.depot.publish.tree.ParallelLinks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Brings a taken-over tree from the version its index names to the one being published, from the
 * platform's list of what changed alone. The old index and the old manifest list the same units in
 * the same (unit id) order, line for line; the units that entered and those that left come in that
 * order too. Between two changes, the lines that stay are copied from both old files as whole runs
 * of bytes; at a change, the leaving unit's lines are dropped or the entering unit's written, and
 * its link change queued (a leaving unit's link is found from the unit: its name and storage path
 * never change). No unit that stayed is read from the database or parsed, so the work follows the
 * change, plus one sequential copy of the two files.
 */
final class ChangeMerge {
  private final ParallelLinks links;
  private final PublishCounts counts;
  private final BooleanSupplier cancelled;
  private final Runnable progress;

  /**
   * @param links where link changes go; the caller awaits them
   * @param progress called after each change, with {@code counts} updated
   */
  ChangeMerge(
      ParallelLinks links, PublishCounts counts, BooleanSupplier cancelled, Runnable progress) {
    this.links = links;
    this.counts = counts;
    this.cancelled = cancelled;
    this.progress = progress;
  }

  /**
   * Writes the new manifest and index from the old ones (each at its first unit line) and the
   * changes.
   *
   * @throws UnusableTree when the old files do not match each other
   */
  void merge(
      LineCursor oldIndex,
      LineCursor oldManifest,
      VersionChanges changes,
      OutputStream manifest,
      OutputStream index)
      throws IOException, InterruptedException {
    try (Stream<Unit> addedUnits = changes.added();
        Stream<Unit> removedUnits = changes.removed()) {
      Iterator<Unit> added = addedUnits.iterator();
      Iterator<Unit> removed = removedUnits.iterator();
      Unit nextAdded = next(added);
      Unit nextRemoved = next(removed);
      while (nextAdded != null || nextRemoved != null) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("publish cancelled");
        }
        boolean adding =
            nextRemoved == null
                || nextAdded != null && nextAdded.id().compareTo(nextRemoved.id()) < 0;
        Unit unit = adding ? nextAdded : nextRemoved;
        keep(oldIndex.copyBefore(unit.id(), index), oldManifest, manifest);
        // A unit listed as added that the tree already holds (a crash between publishing and the
        // platform recording the version) loses its old lines and is linked again.
        boolean inTree = !oldIndex.atEnd() && oldIndex.compareKey(unit.id()) == 0;
        if (inTree) {
          dropLines(oldIndex, oldManifest);
        }
        if (adding) {
          add(unit, manifest, index);
          nextAdded = next(added);
        } else {
          if (inTree) {
            ManifestEntry entry = ManifestEntry.of(unit);
            links.unlink(entry.name(), unit.storagePath());
            counts.removed++;
            counts.processed++;
          }
          nextRemoved = next(removed);
        }
        progress.run();
      }
      keep(oldIndex.copyBefore(null, index), oldManifest, manifest);
      if (!oldManifest.atEnd()) {
        throw new UnusableTree("the last manifest lists more units than its index");
      }
    }
  }

  /** Copies as many manifest lines as index lines were kept. */
  private void keep(long lines, LineCursor oldManifest, OutputStream manifest) throws IOException {
    try {
      oldManifest.copyLines(lines, manifest);
    } catch (LineCursor.NoLine e) {
      throw new UnusableTree("the last manifest lists fewer units than its index");
    }
    counts.unchanged += lines;
    counts.processed += lines;
  }

  /** Moves both old files past the current unit's lines. */
  private static void dropLines(LineCursor oldIndex, LineCursor oldManifest) throws IOException {
    try {
      oldManifest.skip();
    } catch (LineCursor.NoLine e) {
      throw new UnusableTree("the last manifest lists fewer units than its index");
    }
    oldIndex.skip();
  }

  private void add(Unit unit, OutputStream manifest, OutputStream index)
      throws IOException, InterruptedException {
    ManifestEntry entry = ManifestEntry.of(unit);
    links.relink(entry.name(), unit.storagePath());
    counts.added++;
    counts.processed++;
    PublishIndex.write(index, unit.id());
    manifest.write((entry.line() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static Unit next(Iterator<Unit> units) {
    return units.hasNext() ? units.next() : null;
  }

  /** The old index and manifest do not describe the same units: the tree is rebuilt instead. */
  static final class UnusableTree extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableTree(String message) {
      super(message);
    }
  }
}
