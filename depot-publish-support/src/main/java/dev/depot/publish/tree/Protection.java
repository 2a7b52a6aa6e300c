package dev.depot.publish.tree;

import dev.depot.publish.files.AtomicMove;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which published HTTPS paths demand a client certificate, and signed by which CA: one PEM file per
 * protected path, {@code <publishRoot>/protection/<path>.pem}, where {@code <path>} is the served
 * path below {@code /pulp/} (e.g. {@code isos/team/releases}). Files, not a table, so the content
 * server, nginx and every node of a cluster read the same truth from the shared publish directory.
 */
public final class Protection {
  private static final String DIR = "protection";

  private Protection() {}

  /** Demands client certificates signed by {@code caPem} below {@code servedPath}. */
  public static void protect(Path publishRoot, String servedPath, String caPem) throws IOException {
    Path file = file(publishRoot, servedPath);
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, caPem, StandardCharsets.US_ASCII);
    AtomicMove.move(temp, file);
  }

  /** Lifts the protection of {@code servedPath}, if any. */
  public static void unprotect(Path publishRoot, String servedPath) throws IOException {
    Files.deleteIfExists(file(publishRoot, servedPath));
  }

  /**
   * The CA certificates (PEM) that guard a request path below {@code /pulp/}, if it or one of its
   * parents is protected.
   */
  public static Optional<String> caFor(Path publishRoot, String requestPath) {
    String[] segments = requestPath.split("/");
    StringBuilder prefix = new StringBuilder();
    for (String segment : segments) {
      if (segment.isEmpty()) {
        continue;
      }
      if (!prefix.isEmpty()) {
        prefix.append('/');
      }
      prefix.append(segment);
      Path file;
      try {
        file = file(publishRoot, prefix.toString());
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // not a path anything could be published at
      }
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return Optional.empty();
  }

  private static Path file(Path publishRoot, String servedPath) {
    Path root = publishRoot.resolve(DIR);
    return TreePaths.resolveInside(root, servedPath + ".pem");
  }
}
