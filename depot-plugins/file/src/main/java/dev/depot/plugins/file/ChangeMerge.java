package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import dev.depot.publish.tree.ParallelLinks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Brings a taken-over tree from the version its index names to the one being published, from the
 * platform's list of what changed alone. The old index and the old manifest list the same units in
 * the same (unit id) order, line for line; the units that entered and those that left come in that
 * order too. Between two changes, the lines that stay are copied from both old files as whole runs
 * of bytes; at a change, the leaving unit's lines are dropped or the entering unit's written, and
 * its link change queued (a leaving unit's link is found from the unit: its name and storage path
 * never change). No unit that stayed is read from the database or parsed, so the work follows the
 * change, plus one sequential copy of the two files from the first change on ({@link MergeFiles}
 * keeps the lines before it in place when they are most of the files).
 */
final class ChangeMerge {
  private final ParallelLinks links;
  private final PublishCounts counts;
  private final BooleanSupplier cancelled;
  private final Runnable progress;

  /**
   * @param links where link changes go; the caller awaits them
   * @param progress called after each change, with {@code counts} updated (on the thread that
   *     writes the files)
   */
  ChangeMerge(
      ParallelLinks links, PublishCounts counts, BooleanSupplier cancelled, Runnable progress) {
    this.links = links;
    this.counts = counts;
    this.cancelled = cancelled;
    this.progress = progress;
  }

  /**
   * Writes the new manifest and index from the old ones (each at the same unit line) and the
   * changes, units in id order. This thread reads the changes and queues their link changes;
   * another opens the files, then writes them, so finding where to start in them and copying the
   * kept lines overlap the database and the file system work of the changed units. A bounded queue
   * between them keeps memory flat.
   *
   * @throws UnusableTree when the old files do not match each other
   */
  void merge(FilesOpener files, Iterator<Unit> added, Iterator<Unit> removed)
      throws IOException, InterruptedException {
    BlockingQueue<Change> queue = new ArrayBlockingQueue<>(QUEUED);
    ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().factory());
    try {
      Unit nextAdded = next(added);
      Unit nextRemoved = next(removed);
      String first =
          nextAdded == null && nextRemoved == null
              ? null
              : (addsFirst(nextAdded, nextRemoved) ? nextAdded : nextRemoved).id();
      Future<Void> written = writer.submit(() -> writeFiles(queue, files, first));
      while (nextAdded != null || nextRemoved != null) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("publish cancelled");
        }
        boolean adding = addsFirst(nextAdded, nextRemoved);
        Change change = new Change(adding ? nextAdded : nextRemoved, adding);
        if (adding) {
          links.relink(change.entry().name(), change.unit().storagePath());
          nextAdded = next(added);
        } else {
          // A no-op for a unit the tree does not hold: its storage path is no other unit's.
          links.unlink(change.entry().name(), change.unit().storagePath());
          nextRemoved = next(removed);
        }
        hand(queue, change, written);
      }
      hand(queue, END, written);
      awaitFiles(written);
    } finally {
      writer.shutdownNow();
      writer.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** Queues a change for the file writer, unless the writer has stopped (then its failure). */
  private static void hand(BlockingQueue<Change> queue, Change change, Future<Void> files)
      throws IOException, InterruptedException {
    while (!queue.offer(change, 50, TimeUnit.MILLISECONDS)) {
      if (files.isDone()) {
        awaitFiles(files);
        throw new IllegalStateException("the file writer stopped before the end of the changes");
      }
    }
  }

  private static void awaitFiles(Future<Void> files) throws IOException, InterruptedException {
    try {
      files.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new IOException(e.getCause());
      }
    }
  }

  /** Whether the next added unit comes before the next removed one, in id order. */
  private static boolean addsFirst(Unit nextAdded, Unit nextRemoved) {
    return nextRemoved == null
        || nextAdded != null && nextAdded.id().compareTo(nextRemoved.id()) < 0;
  }

  /** Opens the files a merge reads and writes, on the writer's thread. */
  @FunctionalInterface
  interface FilesOpener {
    /** Opens them for a merge whose first change is the unit {@code firstChange} (null: none). */
    MergeFiles open(String firstChange) throws IOException;
  }

  /** The writer's side: the two files, from the old ones and the queued changes. */
  private Void writeFiles(BlockingQueue<Change> queue, FilesOpener opener, String firstChange)
      throws IOException, InterruptedException {
    MergeFiles opened;
    long units;
    try (MergeFiles files = opener.open(firstChange)) {
      opened = files;
      counts.unchanged += files.keptLines();
      counts.processed += files.keptLines();
      units = files.keptLines() + writeFiles(queue, files);
    }
    opened.complete(units);
    return null;
  }

  /** Writes the lines after the kept ones; returns how many unit lines it wrote. */
  private long writeFiles(BlockingQueue<Change> queue, MergeFiles files)
      throws IOException, InterruptedException {
    long units = 0;
    LineCursor oldIndex = files.oldIndex();
    LineCursor oldManifest = files.oldManifest();
    for (Change change = queue.take(); change != END; change = queue.take()) {
      String id = change.unit().id();
      units += keep(oldIndex.copyBefore(id, files.index()), oldManifest, files.manifest());
      // A unit listed as added that the tree already holds (a crash between publishing and the
      // platform recording the version) loses its old lines and is written again.
      boolean inTree = !oldIndex.atEnd() && oldIndex.compareKey(id) == 0;
      if (inTree) {
        dropLines(oldIndex, oldManifest);
      }
      if (change.adding()) {
        PublishIndex.write(files.index(), id);
        files.manifest().write((change.entry().line() + "\n").getBytes(StandardCharsets.UTF_8));
        units++;
        counts.added++;
        counts.processed++;
      } else if (inTree) {
        counts.removed++;
        counts.processed++;
      }
      progress.run();
    }
    units += keep(oldIndex.copyBefore(null, files.index()), oldManifest, files.manifest());
    if (!oldManifest.atEnd()) {
      throw new UnusableTree("the last manifest lists more units than its index");
    }
    return units;
  }

  /** A unit that entered ({@code adding}) or left, with its manifest entry. */
  private record Change(Unit unit, boolean adding, ManifestEntry entry) {
    Change(Unit unit, boolean adding) {
      this(unit, adding, unit == null ? null : ManifestEntry.of(unit));
    }
  }

  /** The end of the changes. */
  private static final Change END = new Change(null, false);

  /** Changes waiting for the file writer at most. */
  private static final int QUEUED = 4096;

  /** Copies as many manifest lines as index lines were kept; returns that number. */
  private long keep(long lines, LineCursor oldManifest, OutputStream manifest) throws IOException {
    try {
      oldManifest.copyLines(lines, manifest);
    } catch (LineCursor.NoLine e) {
      throw new UnusableTree("the last manifest lists fewer units than its index");
    }
    counts.unchanged += lines;
    counts.processed += lines;
    return lines;
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
