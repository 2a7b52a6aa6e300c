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
 * <p>The server registers its data directory at start ({@link #registerPrivate}); every check asks
 * here, so every content type is held to the same rule.
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

  private LocalPaths() {}

  /** Makes {@code dir} (the server's data directory) private: no user-given path may touch it. */
  public static void registerPrivate(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    PRIVATE.add(absolute);
    PRIVATE.add(resolved(absolute));
  }

  /**
   * Why the server must not read from {@code path} for a user, if it must not: it lies inside a
   * private directory, or holds one.
   */
  public static Optional<String> refusedForReading(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path real = resolved(absolute);
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
   * Why the server must not write into the directory {@code path} for a user, if it must not: what
   * {@link #refusedForReading} refuses, and the system's directories.
   */
  public static Optional<String> refusedForWriting(Path path) {
    Optional<String> reading = refusedForReading(path);
    if (reading.isPresent()) {
      return reading;
    }
    Path absolute = path.toAbsolutePath().normalize();
    Path real = resolved(absolute);
    for (Path candidate : List.of(absolute, real)) {
      if (SYSTEM_DIRS.contains(candidate)
          || SYSTEM_TREES.stream().anyMatch(candidate::startsWith)) {
        return Optional.of(described(absolute, real) + " is a system directory");
      }
    }
    return Optional.empty();
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
