package dev.depot.publish.tree;

import dev.depot.publish.files.AtomicMove;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;

/** The served side of {@link TreePublisher}: the symlinks clients resolve, switched by rename. */
final class ServedLinks {
  private ServedLinks() {}

  /** Points {@code served} at {@code tree} with one rename, whatever it pointed at before. */
  static void switchLink(Path served, Path tree) throws IOException {
    Files.createDirectories(served.getParent());
    if (Files.isDirectory(served, LinkOption.NOFOLLOW_LINKS)) {
      // Never replace a real directory someone made by hand: that would lose their files.
      throw new FileAlreadyExistsException(served.toString(), null, "is a directory, not a link");
    }
    Path temp = served.resolveSibling("." + served.getFileName() + ".switch-" + UUID.randomUUID());
    Files.createSymbolicLink(temp, tree);
    try {
      AtomicMove.move(temp, served);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    ServedTreeChanges.changed();
  }

  /**
   * Stops serving at {@code served} (removes the link) and removes parent directories that became
   * empty, up to but excluding the protocol root. Missing links are fine.
   */
  static void unpublish(Path served) throws IOException {
    if (!Files.isSymbolicLink(served)) {
      return;
    }
    Files.deleteIfExists(served);
    ServedTreeChanges.changed();
    Path parent = served.getParent();
    try {
      while (parent != null && isEmptyDirectory(parent) && parent.getParent() != null) {
        Files.delete(parent);
        parent = parent.getParent();
      }
    } catch (IOException e) {
      // A sibling was published meanwhile, or the protocol root itself: it stays.
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }
}
