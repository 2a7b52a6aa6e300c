package dev.depot.publish.tree;

import java.nio.file.Path;

/**
 * Checks relative paths that come from outside (unit names, relative URLs) before they touch disk.
 */
public final class TreePaths {
  /**
   * The longest segment taken, in UTF-8 bytes: a file system's 255 less the 6 the content store
   * adds for the link it keeps beside each unit's file ({@code .<name>.link}). A longer name would
   * only fail when stored, with an error naming the server's own directories.
   */
  public static final int MAX_SEGMENT_BYTES = 249;

  private TreePaths() {}

  /**
   * Resolves a relative path under a root, refusing anything that could land elsewhere: absolute
   * paths, {@code .} and {@code ..} segments, empty segments, backslashes, NUL, and segments longer
   * than {@link #MAX_SEGMENT_BYTES}.
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
      if (segment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw new IllegalArgumentException(
            "a name in the path is longer than "
                + MAX_SEGMENT_BYTES
                + " bytes: "
                + segment.substring(0, 40)
                + "...");
      }
    }
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root.normalize()) || resolved.equals(root.normalize())) {
      throw new IllegalArgumentException("path escapes its directory: " + relative);
    }
    return resolved;
  }
}
