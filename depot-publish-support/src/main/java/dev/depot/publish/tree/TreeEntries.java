package dev.depot.publish.tree;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves entries of a tree being built, refusing a path whose directories include a symbolic link
 * to a directory. A build that takes over an earlier tree finds whatever is on the disk there: a
 * directory replaced by a link to elsewhere would have the publish add and delete links, and write
 * metadata, in that other place. Each directory is looked at once per build (a publish links
 * thousands of files into a few dozen directories); directories the build makes itself pass.
 */
final class TreeEntries {
  private final Path dir;
  private final Set<Path> checked = ConcurrentHashMap.newKeySet();

  TreeEntries(Path dir) {
    this.dir = dir;
  }

  /**
   * The path of {@code relativePath} in the tree.
   *
   * @throws IllegalArgumentException when the relative path is unsafe ({@link TreePaths})
   * @throws IOException naming the entry when a directory on its way is a link or a file
   */
  Path resolve(String relativePath) throws IOException {
    Path path = TreePaths.resolveInside(dir, relativePath);
    Path relative = dir.relativize(path);
    Path at = dir;
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      at = at.resolve(relative.getName(i));
      if (!checked.contains(at) && isLinkToDirectory(at)) {
        throw new IOException(
            relativePath
                + ": "
                + dir.relativize(at)
                + " in the tree is a symbolic link to a directory, which a publish does not write"
                + " through (publish with force_full to rebuild the tree)");
      }
    }
    return path;
  }

  /**
   * Opens {@code file} for writing, made or emptied, but not through a link at its name (a tree
   * taken over may have one there): that would write elsewhere.
   */
  OutputStream create(Path file, String relativePath) throws IOException {
    try {
      return Files.newOutputStream(
          file,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) { // ELOOP, which Java reports as a plain IOException
      if (!Files.isSymbolicLink(file)) {
        throw e;
      }
      throw new IOException(
          relativePath
              + " in the tree is a symbolic link, which a publish does not write through"
              + " (publish with force_full to rebuild the tree)",
          e);
    }
  }

  /**
   * Whether {@code at} is a link leading to a directory. A real directory is remembered; a missing
   * one the build makes itself; a file, or a link to one, fails the write by itself (two units'
   * names clashing, which the plugin reports).
   */
  private boolean isLinkToDirectory(Path at) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (attributes.isDirectory()) {
      checked.add(at);
      return false;
    }
    return attributes.isSymbolicLink() && Files.isDirectory(at);
  }
}
