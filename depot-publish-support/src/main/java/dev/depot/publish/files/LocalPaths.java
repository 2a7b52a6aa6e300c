package dev.depot.publish.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a local path a user gives in a configuration ({@code file://} feeds, {@code export_dir},
 * {@code install_path}) may not lead to. Such a path is read or written by the server on behalf of
 * whoever may configure one repository, so it must not reach the server's own files: its data
 * directory (database, TLS keys, the admin password, the content store) is private, the path
 * neither inside it nor holding it, links followed; and a directory the server writes into is not
 * one of the system's. Checked when the configuration is validated and again when the path is used,
 * since a link may change in between.
 *
 * <p>The server registers its data directory at start ({@link #registerPrivate}), and the
 * operator's allowed import and export directories when it has some ({@link #allowOnlyBelow});
 * every check asks here, so every content type is held to the same rule.
 */
public final class LocalPaths {
  private static final Set<Path> PRIVATE = ConcurrentHashMap.newKeySet();

  /** Directories whose trees are the system's: nothing is written anywhere inside them. */
  private static final List<Path> SYSTEM_TREES =
      Stream.of(
              "/bin",
              "/boot",
              "/dev",
              "/etc",
              "/lib",
              "/lib32",
              "/lib64",
              "/proc",
              "/root",
              "/run",
              "/sbin",
              "/sys",
              "/usr",
              "/var/spool",
              "/var/lib/dpkg",
              "/var/lib/rpm")
          .map(Path::of)
          .toList();

  /**
   * Directories the system owns whose own entries nothing may write over (their subdirectories may
   * be yours).
   */
  private static final List<Path> SYSTEM_DIRS =
      Stream.of("/", "/home", "/opt", "/srv", "/tmp", "/var", "/var/lib", "/var/tmp")
          .map(Path::of)
          .toList();

  private static volatile List<Path> importRoots = List.of();
  private static volatile List<Path> exportRoots = List.of();

  private LocalPaths() {}

  /**
   * Limits reads ({@code file://} feeds) to below {@code imports} and writes ({@code export_dir},
   * {@code install_path}) to below {@code exports}; an empty list limits nothing more. Replaces
   * what was set before: the server sets its operator's lists at start.
   */
  public static void allowOnlyBelow(List<Path> imports, List<Path> exports) {
    importRoots = imports.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    exportRoots = exports.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** Makes {@code dir} (the server's data directory) private: no user-given path may touch it. */
  public static void registerPrivate(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    PRIVATE.add(absolute);
    PRIVATE.add(resolved(absolute));
  }

  /**
   * Why the server must not read from {@code path} for a user, if it must not: it lies inside a
   * private directory, or holds one, or is not below the operator's allowed import directories.
   */
  public static Optional<String> refusedForReading(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path real = resolved(absolute);
    return outside(absolute, real, importRoots, "allowed-import-paths")
        .or(() -> privateRootTouched(absolute, real));
  }

  /**
   * Whether {@code path} lies inside a private directory (Depot's data directory: its TLS and CA
   * keys, the admin password, the database), as written or once its links are followed. For a path
   * whose own name must not be repeated, such as a key file's.
   */
  public static boolean isPrivate(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path real = resolved(absolute);
    return PRIVATE.stream().anyMatch(root -> absolute.startsWith(root) || real.startsWith(root));
  }

  private static Optional<String> privateRootTouched(Path absolute, Path real) {
    for (Path root : PRIVATE) {
      if (absolute.startsWith(root) || real.startsWith(root)) {
        return Optional.of(described(absolute, real) + " lies inside Depot's data directory");
      }
      if (root.startsWith(absolute) || root.startsWith(real)) {
        return Optional.of(described(absolute, real) + " holds Depot's data directory " + root);
      }
    }
    return Optional.empty();
  }

  /**
   * Why the server must not write into the directory {@code path} for a user, if it must not: it
   * touches a private directory, is a system directory or in one, or is not below the operator's
   * allowed export directories.
   */
  public static Optional<String> refusedForWriting(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path real = resolved(absolute);
    return outside(absolute, real, exportRoots, "allowed-export-paths")
        .or(() -> privateRootTouched(absolute, real))
        .or(() -> systemDirectory(absolute, real));
  }

  private static Optional<String> systemDirectory(Path absolute, Path real) {
    for (Path candidate : List.of(absolute, real)) {
      if (SYSTEM_DIRS.contains(candidate)
          || SYSTEM_TREES.stream().anyMatch(candidate::startsWith)) {
        return Optional.of(described(absolute, real) + " is a system directory");
      }
    }
    return Optional.empty();
  }

  /**
   * Why a write into {@code path} is outside the operator's allowed export directories, if it is:
   * for a caller that has its own rule for the rest (puppet's code directories are in {@code
   * /etc}).
   */
  public static Optional<String> outsideAllowedWrites(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return outside(absolute, resolved(absolute), exportRoots, "allowed-export-paths");
  }

  /** Why the path is not below any of the operator's {@code roots}, when there are some. */
  private static Optional<String> outside(Path absolute, Path real, List<Path> roots, String key) {
    if (roots.isEmpty()
        || roots.stream().anyMatch(r -> absolute.startsWith(r) && real.startsWith(r))) {
      return Optional.empty();
    }
    return Optional.of(
        described(absolute, real)
            + " is not below the server's "
            + key
            + " ("
            + String.join(", ", roots.stream().map(Path::toString).toList())
            + ")");
  }

  /** The path with its longest existing head replaced by that head's real path (links followed). */
  public static Path resolved(Path path) {
    Path head = path.toAbsolutePath().normalize();
    while (head != null && !Files.exists(head)) {
      head = head.getParent();
    }
    if (head == null) {
      return path.toAbsolutePath().normalize();
    }
    try {
      return head.toRealPath()
          .resolve(head.relativize(path.toAbsolutePath().normalize()))
          .normalize();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize(); // vanished meanwhile: the path as written is all
    }
  }

  private static String described(Path path, Path real) {
    return real.equals(path)
        ? path.toString()
        : path + " (" + real + " once its links are followed)";
  }
}
