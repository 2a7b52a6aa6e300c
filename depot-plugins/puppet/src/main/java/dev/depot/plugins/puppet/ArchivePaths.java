package dev.depot.plugins.puppet;

/**
 * The rules every entry of a module tarball follows: a relative path below the archive's root, no
 * {@code ..} or {@code .} segment, no backslash or NUL, and links whose target stays inside the
 * archive. Devices and FIFOs are refused: a module is files and directories.
 */
final class ArchivePaths {
  private ArchivePaths() {}

  static void check(TarEntries.Entry entry) throws InvalidModuleException {
    String path = stripTrailingSlash(entry.path());
    if (!isSafeRelative(path)) {
      throw new InvalidModuleException("tarball entry goes out of the archive: " + entry.path());
    }
    switch (entry.type()) {
      case '3', '4', '6' ->
          throw new InvalidModuleException("tarball entry is a device or FIFO: " + entry.path());
      case '1' -> {
        if (!isSafeRelative(entry.linkTarget())) {
          throw new InvalidModuleException(
              "tarball hard link points out of the archive: " + entry.path());
        }
      }
      case '2' -> {
        if (!symlinkStaysInside(path, entry.linkTarget())) {
          throw new InvalidModuleException(
              "tarball symlink points out of the archive: "
                  + entry.path()
                  + " -> "
                  + entry.linkTarget());
        }
      }
      default -> {}
    }
  }

  /** Whether {@code path} is {@code <top>/<file>}, with a {@code ./} prefix allowed. */
  static boolean isTopLevelFile(String path, String file) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    int slash = p.indexOf('/');
    return slash > 0 && p.substring(slash + 1).equals(file);
  }

  /**
   * Whether {@code path} is {@code <file>} at the archive's root, with a {@code ./} prefix allowed.
   */
  static boolean isRootFile(String path, String file) {
    return (path.startsWith("./") ? path.substring(2) : path).equals(file);
  }

  static boolean isSafeRelative(String path) {
    if (path == null
        || path.isEmpty()
        || path.startsWith("/")
        || path.contains("\\")
        || path.indexOf('\0') >= 0) {
      return false;
    }
    String p = path.startsWith("./") ? path.substring(2) : path;
    for (String segment : stripTrailingSlash(p).split("/")) {
      if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
        return p.isEmpty() || p.equals(".");
      }
    }
    return true;
  }

  private static boolean symlinkStaysInside(String path, String target) {
    if (target == null || target.isEmpty() || target.startsWith("/") || target.contains("\\")) {
      return false;
    }
    String p = path.startsWith("./") ? path.substring(2) : path;
    int depth = p.split("/").length - 1; // directories above the link
    for (String segment : target.split("/")) {
      if (segment.equals("..")) {
        depth--;
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
      if (depth < 0) {
        return false;
      }
    }
    return true;
  }

  private static String stripTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
