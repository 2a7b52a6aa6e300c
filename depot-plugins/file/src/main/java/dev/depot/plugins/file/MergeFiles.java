package dev.depot.plugins.file;

import dev.depot.publish.tree.TreePublisher;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The files a publish from changes reads and writes: the taken-over tree's index and manifest, read
 * from a first unit line on, and the new index and manifest, written from there.
 *
 * <p>Units enter with new ids, which sort last, so a growing repository's changes gather at the end
 * of both files. When the first change comes in the second half of the manifest, the lines before
 * it stay where they are: each old file is cut there, its rest moved aside to be read, and the new
 * lines are appended after the head, so the publish writes what follows its first change instead of
 * both files whole. Otherwise both files are written anew from their old copies (reading and
 * writing each once, where a cut would copy most of them twice).
 *
 * @param oldIndex the old index's unit ids still to merge
 * @param oldManifest the old manifest's lines still to merge, line for line beside them
 * @param index the new index, after its kept lines
 * @param manifest the new manifest, after its kept lines
 * @param keptLines the unit lines kept in place, before those
 * @param written the new files' paths, to mark them complete when they are
 */
record MergeFiles(
    LineCursor oldIndex,
    LineCursor oldManifest,
    OutputStream index,
    OutputStream manifest,
    long keptLines,
    Written written)
    implements Closeable {
  /** Where the new files are written, and the version they will show. */
  record Written(Path index, Path manifest, long version) {}

  /**
   * Opens the files of a build that took over a tree, for a merge whose first change is the unit
   * {@code firstChange} (null: none).
   *
   * @throws ChangeMerge.UnusableTree when the tree has no manifest
   */
  static MergeFiles open(
      TreePublisher.Build build, String manifestName, long version, String firstChange)
      throws IOException {
    Path previousIndex = build.previousIndex().orElseThrow();
    Path manifest = build.dir().resolve(manifestName);
    if (!Files.isRegularFile(manifest)) {
      throw new ChangeMerge.UnusableTree("the tree taken over has no " + manifestName);
    }
    Written written = new Written(build.indexFile(), manifest, version);
    Optional<KeptHead> head = KeptHead.find(previousIndex, manifest, firstChange);
    if (head.isPresent()) {
      Optional<Path> manifestRest = build.splitOff(manifestName, head.get().manifestBytes());
      if (manifestRest.isPresent()) {
        Path indexRest = build.splitOffPreviousIndex(head.get().indexBytes());
        PublishIndex.rewriteHeader(build.indexFile(), version, -1, -1);
        return new MergeFiles(
            new LineCursor(indexRest),
            new LineCursor(manifestRest.get()),
            appending(build.indexFile()),
            appending(manifest),
            head.get().lines(),
            written);
      }
    }
    Path oldManifest = build.setAside(manifestName).orElseThrow();
    return new MergeFiles(
        PublishIndex.unitLines(previousIndex),
        new LineCursor(oldManifest),
        PublishIndex.output(build.indexFile(), version),
        new BufferedOutputStream(Files.newOutputStream(manifest), 1 << 16),
        0,
        written);
  }

  /**
   * Marks the new files complete, with the unit lines written: after {@link #close}, once every
   * line is in them.
   */
  void complete(long units) throws IOException {
    PublishIndex.rewriteHeader(
        written.index(), written.version(), units, Files.size(written.manifest()));
  }

  private static OutputStream appending(Path file) throws IOException {
    return new BufferedOutputStream(
        Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16);
  }

  /** Closes the old files and flushes the new ones. */
  @Override
  public void close() throws IOException {
    try (oldIndex;
        oldManifest;
        index;
        manifest) {
      // closed in reverse order, each even if another failed
    }
  }
}
