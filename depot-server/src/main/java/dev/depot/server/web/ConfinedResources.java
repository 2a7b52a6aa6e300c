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
  private final HttpContent.Factory delegate;
  private final List<Path> allowedRoots;

  ConfinedResources(HttpContent.Factory delegate, List<Path> allowedRoots) {
    this.delegate = delegate;
    this.allowedRoots = allowedRoots.stream().map(ConfinedResources::real).toList();
  }

  @Override
  public HttpContent getContent(String path) throws IOException {
    HttpContent content = delegate.getContent(path);
    if (content == null || isAllowed(content.getResource())) {
      return content;
    }
    return null;
  }

  boolean isAllowed(Resource resource) {
    Path path = resource == null ? null : resource.getPath();
    if (path == null) {
      return false;
    }
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      return false; // a dangling link: nothing to serve
    }
    for (Path root : allowedRoots) {
      if (real.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  private static Path real(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root.toAbsolutePath().normalize();
    }
  }
}
