package dev.depot.publish.iso;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to put in an image: where it goes, how big it is, and where its bytes come from.
 *
 * @param path the path inside the image, relative, {@code /}-separated; parent directories are
 *     implied
 * @param size the file's size in bytes; the writer refuses a source whose size differs when it is
 *     copied
 * @param source the file whose bytes are copied into the image
 */
public record IsoEntry(String path, long size, Path source) {
  /** Checks that nothing is missing; the path and size are checked when the entry is used. */
  public IsoEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
  }
}
