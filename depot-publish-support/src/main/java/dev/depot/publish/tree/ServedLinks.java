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

  /**
   * Points {@code served} at {@code tree} with one rename, whatever it pointed at before.
   *
   * @throws OutsideRootException when a directory on the way is a link out of the protocol root
   *     (one planted by hand): the served link is not made, nor replaced, elsewhere
   */
  static void switchLink(Path served, Path tree) throws IOException {
    Path root = Files.createDirectories(rootBeside(served, tree.getParent()));
    RootedFiles.createDirectoriesInside(root, served.getParent());
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
   * empty, up to but excluding {@code servedRoot}, the protocol root it lies under: nothing outside
   * it is ever touched. Missing links are fine.
   */
  static void unpublish(Path servedRoot, Path served) throws IOException {
    Path root = servedRoot.toAbsolutePath().normalize();
    Path link = served.toAbsolutePath().normalize();
    if (!link.startsWith(root) || link.equals(root)) {
      throw new IllegalArgumentException(served + " is not below " + servedRoot);
    }
    if (!Files.isSymbolicLink(served)) {
      return;
    }
    try {
      RootedFiles.requireInside(root, link.getParent());
    } catch (OutsideRootException e) {
      return; // reached through a link planted on the way: not a link Depot made, and it stays
    }
    Files.deleteIfExists(served);
    ServedTreeChanges.changed();
    Path parent = link.getParent();
    try {
      while (!parent.equals(root) && isEmptyDirectory(parent)) {
        Files.delete(parent);
        parent = parent.getParent();
      }
    } catch (IOException e) {
      // A sibling was published meanwhile: it stays.
    }
  }

  /**
   * The protocol root a link of a tree of {@code masterDir} lies under, where the caller did not
   * say: the child of their deepest common directory (the publish root, as the platform lays it
   * out) that holds the link. A link right in that directory has it as its root.
   */
  static Path rootBeside(Path link, Path masterDir) {
    Path a = link.toAbsolutePath().normalize();
    Path b = masterDir.toAbsolutePath().normalize();
    Path common = a.getRoot();
    for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()); i++) {
      if (!a.getName(i).equals(b.getName(i))) {
        break;
      }
      common = common.resolve(a.getName(i));
    }
    Path below = common.relativize(a);
    return below.getNameCount() > 1 ? common.resolve(below.getName(0)) : common;
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
