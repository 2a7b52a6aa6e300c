package dev.depot.server.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Whether a file a content API names may be served: a regular file whose real location, every
 * symlink followed, is inside the allowed roots, as {@link ConfinedResources} says. Resolving the
 * whole path on every request (a system call per component) was a quarter of a Forge API answer's
 * CPU time; the files such an API names are mostly regular files in a few directories of a
 * published tree, so a directory found inside the roots is trusted for a second, as the content
 * server trusts the paths it serves, and the file itself costs one lstat. A file that is a link is
 * resolved whole every time.
 */
final class ConfinedFiles {
  private final List<Path> realRoots;
  private final TrustWindow<Path> trustedDirectories =
      new TrustWindow<>(ConfinedResources.TRUST_NANOS, ConfinedResources.MAX_TRUSTED);

  /** Confines files to {@code realRoots} ({@link ConfinedResources#realRoots}). */
  ConfinedFiles(List<Path> realRoots) {
    this.realRoots = List.copyOf(realRoots);
  }

  /** Whether {@code file} is a regular file inside the roots, links followed. */
  boolean isServable(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return false; // missing, or a directory on its way cannot be read: nothing to serve
    }
    if (attributes.isSymbolicLink()) {
      return ConfinedResources.isInside(file, realRoots) && Files.isRegularFile(file);
    }
    Path dir = file.toAbsolutePath().getParent();
    return attributes.isRegularFile() && dir != null && isTrustedDirectory(dir);
  }

  private boolean isTrustedDirectory(Path dir) {
    return trustedDirectories.passes(dir, d -> ConfinedResources.isInside(d, realRoots));
  }
}
