package dev.depot.publish.tree;

import java.nio.file.Path;

/**
 * Checks relative paths that come from outside (unit names, relative URLs) before they touch disk.
 */
public final class TreePaths {
  private TreePaths() {}

  /**
   * Resolves a relative path under a root, refusing anything that could land elsewhere: absolute
   * paths, {@code .} and {@code ..} segments, empty segments, backslashes and NUL.
   *
   * @throws IllegalArgumentException naming the path when it is refused
   */
  public static Path resolveInside(Path root, String relative) {
    if (relative == null || relative.isEmpty() || relative.startsWith("/")) {
      throw new IllegalArgumentException("not a relative path: " + relative);
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.indexOf('\\') >= 0
          || segment.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "path escapes its directory or is malformed: " + relative);
      }
    }
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root.normalize()) || resolved.equals(root.normalize())) {
      throw new IllegalArgumentException("path escapes its directory: " + relative);
    }
    return resolved;
  }
}
