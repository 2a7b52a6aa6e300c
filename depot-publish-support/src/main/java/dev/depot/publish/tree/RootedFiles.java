package dev.depot.publish.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens and checks paths that come from outside (a {@code file://} feed's files, images in a feed
 * directory, a directory an export writes into) so that they never lead out of their root: a
 * symbolic link is followed only while it stays inside the root, as a feed may link its own files
 * to each other; one that leads elsewhere (say, to the server's TLS key) is refused with {@link
 * OutsideRootException}. Every plugin reads its feeds through here, so the rule holds for every
 * content type.
 *
 * <p>The check resolves the real path and opens that without following a final link. What remains
 * is a directory along the path being swapped for a link in the instant between the two, which Java
 * cannot close: it has no way to open a file relative to a directory handle.
 */
public final class RootedFiles {
  private RootedFiles() {}

  /**
   * The real path of {@code relative} under {@code root}, which must exist and stay inside the
   * root's real path.
   *
   * @throws IllegalArgumentException if {@code relative} is malformed or climbs out lexically
   * @throws OutsideRootException if a link leads out of the root
   * @throws java.nio.file.NoSuchFileException if it does not exist
   */
  public static Path realPathInside(Path root, String relative) throws IOException {
    Path lexical = TreePaths.resolveInside(root, relative);
    return checkedRealPath(root.toRealPath(), lexical, relative);
  }

  /**
   * The real path of a directory (or file) that must stay inside {@code root}: e.g. the directory
   * an export is about to write into, after creating it.
   *
   * @throws OutsideRootException if it leads out of the root
   */
  public static Path requireInside(Path root, Path path) throws IOException {
    Path realRoot = root.toRealPath();
    Path absolute = path.toAbsolutePath().normalize();
    if (!absolute.startsWith(root.toAbsolutePath().normalize())) {
      throw new OutsideRootException(path.toString(), root);
    }
    return checkedRealPath(realRoot, absolute, root.relativize(absolute).toString());
  }

  /**
   * Creates {@code dir} and its missing parents below {@code root}, first checking that the part
   * that exists stays inside it: a link already in the tree is never followed out to create
   * directories elsewhere.
   *
   * @return the real path of the directory
   * @throws OutsideRootException if it leads out of the root; nothing is created then
   */
  public static Path createDirectoriesInside(Path root, Path dir) throws IOException {
    Path existing = dir.toAbsolutePath().normalize();
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent();
    }
    requireInside(root, existing);
    Files.createDirectories(dir);
    return requireInside(root, dir);
  }

  private static Path checkedRealPath(Path realRoot, Path path, String entry) throws IOException {
    Path real = path.toRealPath();
    if (!real.startsWith(realRoot)) {
      throw new OutsideRootException(entry, realRoot);
    }
    return real;
  }

  /**
   * Opens a regular file under {@code root} for reading, refusing links that lead out of it.
   *
   * @param relative the file's path relative to the root, as it came from outside
   */
  public static InputStream open(Path root, String relative) throws IOException {
    Path real = realPathInside(root, relative);
    BasicFileAttributes resolved =
        Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!resolved.isRegularFile()) {
      throw new IOException(relative + " in " + root + " is not a regular file");
    }
    // Without following a final link: a file swapped for a link since the check is not opened.
    return Channels.newInputStream(
        FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
  }
}
