package dev.depot.server.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.util.resource.Resource;

/**
 * Serves a resource only when its real location, every symlink followed, is inside one of the
 * allowed roots: the content store (where published links point) and the publish directory. A link
 * planted in a published tree that leads anywhere else is answered 404, as if it did not exist.
 */
final class ConfinedResources implements HttpContent.Factory {
  /**
   * How long a path found inside the roots is trusted without resolving it again. Resolving walks
   * every component of the path (a dozen system calls), which would dominate serving small files; a
   * link swapped by a publish still resolves into the roots, so only a hand-planted link could
   * benefit, and only on a path already served, for this long.
   */
  static final long TRUST_NANOS = 1_000_000_000L;

  /** Paths (or directories) trusted at once, at most. */
  static final int MAX_TRUSTED = 10_000;

  private final HttpContent.Factory delegate;
  private final List<Path> allowedRoots;
  private final TrustWindow<String> trustedPaths = new TrustWindow<>(TRUST_NANOS, MAX_TRUSTED);

  ConfinedResources(HttpContent.Factory delegate, List<Path> allowedRoots) {
    this.delegate = delegate;
    this.allowedRoots = realRoots(allowedRoots);
  }

  @Override
  public HttpContent getContent(String path) throws IOException {
    HttpContent content = delegate.getContent(path);
    if (content == null) {
      return null;
    }
    if (!trustedPaths.passes(path, p -> isAllowed(content.getResource()))) {
      return null;
    }
    return content;
  }

  boolean isAllowed(Resource resource) {
    Path path = resource == null ? null : resource.getPath();
    return path != null && isInside(path, allowedRoots);
  }

  /**
   * Whether a path, every symlink followed, lies inside one of the roots (given as real paths, see
   * {@link #realRoots}); a dangling link is not.
   */
  static boolean isInside(Path path, List<Path> realRoots) {
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      return false; // a dangling link: nothing to serve
    }
    for (Path root : realRoots) {
      if (real.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  /** The roots as real paths, so that a root reached through a link still matches. */
  static List<Path> realRoots(List<Path> roots) {
    return roots.stream().map(ConfinedResources::real).toList();
  }

  private static Path real(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root.toAbsolutePath().normalize();
    }
  }
}
