package dev.depot.publish.tree;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Cutting a file in two where it stands: what {@link TreePublisher.Build#splitOff} does. */
final class FileCut {
  private FileCut() {}

  /**
   * Moves the bytes of {@code file} past its first {@code keep} to the new file {@code rest} (the
   * kernel copies them), then truncates {@code file} to its head.
   */
  static void split(Path file, long keep, Path rest) throws IOException {
    try (FileChannel head =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel tail =
            FileChannel.open(rest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long size = head.size();
      if (keep < 0 || keep > size) {
        throw new IllegalArgumentException(
            "cannot keep " + keep + " bytes of " + file + ", which holds " + size);
      }
      for (long at = keep; at < size; ) {
        at += head.transferTo(at, size - at, tail);
      }
      head.truncate(keep);
    }
  }

  /** Whether another name shares the file's bytes: a cut would change that one too. */
  static boolean hasOtherLinks(Path file) throws IOException {
    return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue()
        != 1;
  }
}
