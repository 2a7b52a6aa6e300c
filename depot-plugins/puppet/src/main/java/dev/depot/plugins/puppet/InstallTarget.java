package dev.depot.plugins.puppet;

import dev.depot.publish.files.LocalPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where {@code puppet_install_distributor} installs, and the rules keeping it from touching what it
 * must not: {@code install_path} (plus {@code subdir}) is a symlink Depot owns, switched in one
 * rename between complete sets of modules kept beside it in {@code .<name>.depot/}. A real
 * directory there is taken over only when empty; system directories (and anything in them, but for
 * puppet's code directories), the file system root and Depot's own data directory are refused.
 */
record InstallTarget(Path link) {
  private static final List<Path> SYSTEM =
      Stream.of(
              "/",
              "/bin",
              "/boot",
              "/dev",
              "/etc",
              "/home",
              "/lib",
              "/lib32",
              "/lib64",
              "/opt",
              "/proc",
              "/root",
              "/run",
              "/sbin",
              "/srv",
              "/sys",
              "/tmp",
              "/usr",
              "/var",
              "/var/lib",
              "/etc/puppetlabs",
              "/etc/puppetlabs/code",
              "/etc/puppet",
              "/usr/share/puppet")
          .map(Path::of)
          .toList();

  /** Where puppet reads modules from, which install_path may lie below (not be). */
  private static final List<Path> PUPPET_CODE =
      Stream.of("/etc/puppetlabs/code", "/etc/puppet/code", "/usr/share/puppet/modules")
          .map(Path::of)
          .toList();

  /**
   * The target {@code install_path} and {@code subdir} name.
   *
   * @param dataDir Depot's data directory: nothing below it may be an install target
   * @throws IllegalArgumentException naming the key and why
   */
  static InstallTarget of(String installPath, String subdir, Path dataDir) {
    Path base = Path.of(installPath);
    if (!base.isAbsolute()) {
      throw new IllegalArgumentException("install_path must be absolute: " + installPath);
    }
    Path target = base.normalize();
    if (subdir != null) {
      if (!ArchivePaths.isSafeRelative(subdir) || subdir.startsWith("./")) {
        throw new IllegalArgumentException("subdir must be a relative path without ..: " + subdir);
      }
      target = target.resolve(subdir).normalize();
    }
    if (!target.equals(base.resolve(subdir == null ? "" : subdir))) {
      throw new IllegalArgumentException(
          "install_path "
              + installPath
              + (subdir == null ? "" : " with subdir " + subdir)
              + " has . or .. in it; give a plain absolute path");
    }
    // Checked as written and as the file system resolves it: a symlinked parent directory must
    // not lead the install into a system directory or into Depot's own data.
    Path real = LocalPaths.resolved(target);
    if (SYSTEM.contains(target) || SYSTEM.contains(real)) {
      throw new IllegalArgumentException(
          "install_path " + target + described(target, real) + " is a system directory; refused");
    }
    if (dataDir != null
        && (target.startsWith(dataDir.toAbsolutePath().normalize())
            || real.startsWith(LocalPaths.resolved(dataDir.toAbsolutePath().normalize())))) {
      throw new IllegalArgumentException(
          "install_path "
              + target
              + described(target, real)
              + " lies inside Depot's data directory; refused");
    }
    // Below puppet's own code directories is what install_path is for; elsewhere the system's
    // directories (/usr/local/bin, /etc/cron.d, ...) are as out of bounds as for any export.
    Path written = target;
    boolean puppetCode =
        PUPPET_CODE.stream().anyMatch(c -> written.startsWith(c) && real.startsWith(c));
    Optional<String> refused =
        puppetCode ? LocalPaths.outsideAllowedWrites(target) : LocalPaths.refusedForWriting(target);
    if (refused.isPresent()) {
      throw new IllegalArgumentException("install_path " + refused.get() + "; refused");
    }
    return new InstallTarget(target);
  }

  private static String described(Path target, Path real) {
    return real.equals(target) ? "" : " (" + real + " once its links are followed)";
  }

  /** Where the sets of modules are kept: {@code <parent>/.<name>.depot/}. */
  Path versions() {
    return link.resolveSibling("." + link.getFileName() + ".depot");
  }

  /** Whether the target is a symlink into {@link #versions()}, as a publish makes it. */
  boolean isDepotsLink() throws IOException {
    if (!Files.isSymbolicLink(link)) {
      return false;
    }
    return link.resolveSibling(Files.readSymbolicLink(link)).normalize().startsWith(versions());
  }

  /**
   * Refuses a target Depot does not own: anything but a missing path, an empty directory, or a
   * symlink into {@link #versions()}.
   */
  void checkOwnable() throws IOException {
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(link)) {
      if (!isDepotsLink()) {
        throw new IOException(link + " is a symlink Depot did not make; refused");
      }
      return;
    }
    if (!Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(link + " is a file, not a directory; refused");
    }
    try (Stream<Path> entries = Files.list(link)) {
      if (entries.findAny().isPresent()) {
        throw new IOException(
            link + " holds files Depot did not install; empty it or choose another install_path");
      }
    }
  }
}
