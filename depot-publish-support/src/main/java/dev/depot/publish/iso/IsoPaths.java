package dev.depot.publish.iso;

import java.nio.charset.StandardCharsets;

/**
 * Checks paths inside an image, shared by the image builder and the planner so both refuse alike.
 */
final class IsoPaths {
  /** Rock Ridge NM carries any length, but no POSIX file system takes a longer name back. */
  static final int MAX_NAME_BYTES = 255;

  /** ISO 9660 data lengths are 32-bit; multi-extent files are out of scope. */
  static final long MAX_FILE_BYTES = 0xFFFF_FFFFL;

  private IsoPaths() {}

  /**
   * Splits a relative {@code a/b/c} path into its names.
   *
   * @throws IllegalArgumentException naming the path when it is empty, absolute, has empty, {@code
   *     .} or {@code ..} segments, NUL, or a name longer than 255 UTF-8 bytes
   */
  static String[] segments(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("not a relative file path: " + path);
    }
    String[] names = path.split("/", -1);
    for (String name : names) {
      if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("malformed path in image: " + path);
      }
      if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw new IllegalArgumentException(
            "name longer than " + MAX_NAME_BYTES + " bytes in image path: " + path);
      }
    }
    return names;
  }

  /** Refuses files an ISO 9660 extent cannot hold, naming them. */
  static void checkSize(String path, long size) {
    if (size < 0 || size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          "file of "
              + size
              + " bytes cannot be stored in an ISO 9660 image (4 GiB limit per file): "
              + path);
    }
  }
}
