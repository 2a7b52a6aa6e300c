package dev.depot.plugins.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The unit lines of a taken-over index and manifest before a publish's first change, when they are
 * most of the files: they stay in place (see {@link MergeFiles}).
 *
 * <p>Found from the files' ends: the index is read back to its last id before the first change, the
 * manifest back as many lines, so finding the head costs the lines after it (the changes of a
 * growing repository gather at the end), not the whole files. Neither is read back past its middle:
 * a first change before that makes both files written anew. Only complete files qualify: the
 * index's first line gives their unit lines and the manifest's size, which must still be its size.
 *
 * @param lines the unit lines kept (the index's first line not counted)
 * @param indexBytes the old index's offset past them
 * @param manifestBytes the old manifest's offset past them
 */
record KeptHead(long lines, long indexBytes, long manifestBytes) {
  /**
   * The head before {@code firstChange} (null: no change, the whole files); empty when it is not
   * most of the files, or the files are not as the index says.
   */
  static Optional<KeptHead> find(Path index, Path manifest, String firstChange) throws IOException {
    Optional<PublishIndex.Completed> completed = PublishIndex.completed(index);
    if (completed.isEmpty() || completed.get().manifestBytes() != Files.size(manifest)) {
      return Optional.empty();
    }
    long tailLines = 0;
    long indexCut;
    try (LinesFromEnd ids =
        new LinesFromEnd(index, Math.max(PublishIndex.HEADER_BYTES, Files.size(index) / 2))) {
      indexCut = ids.start();
      boolean found = firstChange == null;
      while (!found && ids.previous()) {
        found = ids.line().compareTo(firstChange) < 0;
        if (!found) {
          indexCut = ids.start();
          tailLines++;
        }
      }
      if (!found) {
        return Optional.empty();
      }
    }
    try (LinesFromEnd entries = new LinesFromEnd(manifest, Files.size(manifest) / 2)) {
      for (long i = 0; i < tailLines; i++) {
        if (!entries.previous()) {
          return Optional.empty();
        }
      }
      return Optional.of(
          new KeptHead(completed.get().units() - tailLines, indexCut, entries.start()));
    }
  }
}
