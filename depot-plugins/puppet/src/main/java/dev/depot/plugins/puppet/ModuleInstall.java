package dev.depot.plugins.puppet;

import dev.depot.plugin.FileTrees;
import dev.depot.publish.files.AtomicMove;
import dev.depot.publish.tree.TreePaths;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Installs modules the way {@code puppet module install} lays them out ({@code <dir>/<name>/}, the
 * tarball's top directory stripped) into a fresh set beside the target, then switches the target's
 * symlink to it in one rename: a reader sees the old set or the new one. Each entry is checked
 * again as it is extracted; links inside tarballs are not extracted (a module needs none), and
 * every path is resolved inside its module directory.
 */
final class ModuleInstall {
  private static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> PLAIN =
      PosixFilePermissions.fromString("rw-r--r--");

  /** The file in the sets' directory naming the distributor that last published there. */
  private static final String OWNER = ".owner";

  /**
   * The file in the sets' directory recording that the target was the user's empty directory before
   * Depot's link replaced it, with its permissions: uninstalling puts it back. It lives with the
   * target, not with one distributor, so whichever distributor uninstalls there restores it.
   */
  private static final String USERS_DIRECTORY = ".users-directory";

  /**
   * The file in the sets' directory naming the topmost directory above install_path that the first
   * publish created: uninstalling removes those again (each only while empty).
   */
  private static final String CREATED_PARENTS = ".created-parents";

  private final InstallTarget target;
  private final Path set;

  /** The topmost directory {@link #begin} had to create above the sets, if any. */
  private final Optional<Path> created;

  private ModuleInstall(InstallTarget target, Path set, Optional<Path> created) {
    this.target = target;
    this.set = set;
    this.created = created;
  }

  /** Begins a new set of modules for {@code target}. */
  static ModuleInstall begin(InstallTarget target) throws IOException {
    target.checkOwnable();
    if (Files.isSymbolicLink(target.versions())) {
      // Every entry but the sets in use is deleted from it: through a link planted there, that
      // would be another directory's files.
      throw new IOException(target.versions() + " is a symlink Depot did not make; refused");
    }
    Optional<Path> created = topmostMissing(target.versions());
    Path versions = Files.createDirectories(target.versions());
    Path set = Files.createTempDirectory(versions, "building-");
    // A temporary directory is its owner's only; a Puppet server running as another user reads
    // the modules, as it would those `puppet module install` put there.
    Files.setPosixFilePermissions(set, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new ModuleInstall(target, set, created);
  }

  /** The topmost of {@code dir} and its ancestors that does not exist yet. */
  private static Optional<Path> topmostMissing(Path dir) {
    Path missing = null;
    for (Path p = dir;
        p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        p = p.getParent()) {
      missing = p;
    }
    return Optional.ofNullable(missing);
  }

  /** Extracts {@code tarball} as module {@code name} of the new set. */
  void install(String name, Path tarball) throws IOException {
    Path module = Files.createDirectory(TreePaths.resolveInside(set, name));
    String top = moduleTop(tarball);
    try (InputStream in = open(tarball)) {
      TarEntries entries = new TarEntries(in);
      for (Optional<TarEntries.Entry> e = entries.next(); e.isPresent(); e = entries.next()) {
        TarEntries.Entry entry = e.get();
        ArchivePaths.check(entry);
        Optional<String> inside = belowTop(entry.path(), top);
        if (inside.isEmpty()) {
          continue; // the top directory itself, or another one puppet does not install either
        }
        Path path = TreePaths.resolveInside(module, inside.get());
        if (entry.type() == '5') {
          Files.createDirectories(path);
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          try (OutputStream out = Files.newOutputStream(path)) {
            entries.copyBody(out);
          }
          // As puppet extracts a module: 0755 when its owner may execute it, else 0644.
          Files.setPosixFilePermissions(path, entry.isOwnerExecutable() ? EXECUTABLE : PLAIN);
        }
      }
    }
  }

  /** Switches the target to the new set, and removes every set but the one just replaced. */
  void commit() throws IOException {
    Path done = set.resolveSibling(set.getFileName().toString().replace("building-", "set-"));
    AtomicMove.move(set, done);
    Optional<Path> previous = current();
    Path temp = target.link().resolveSibling("." + target.link().getFileName() + ".switch");
    Files.deleteIfExists(temp);
    Files.createSymbolicLink(temp, target.link().getParent().relativize(done));
    boolean takeOver = Files.isDirectory(target.link(), LinkOption.NOFOLLOW_LINKS);
    if (takeOver) {
      // The empty directory checkOwnable let Depot take over: recorded before it goes, so that
      // removing the distributor gives the user back the directory they made.
      Path record = target.versions().resolve(USERS_DIRECTORY);
      Files.writeString(
          record, PosixFilePermissions.toString(Files.getPosixFilePermissions(target.link())));
      Files.delete(target.link());
    }
    try {
      AtomicMove.move(temp, target.link());
    } catch (IOException e) {
      if (takeOver) {
        restoreUsersDirectory(target);
      }
      throw e;
    }
    recordCreatedParents();
    // Readers that resolved the link a moment ago may still read the previous set: it stays.
    try (Stream<Path> sets = Files.list(target.versions())) {
      for (Path old : sets.toList()) {
        if (isSet(old) && !old.equals(done) && !previous.map(old::equals).orElse(false)) {
          FileTrees.delete(old);
        }
      }
    }
  }

  /** Whether {@code entry} is a set of modules Depot made (built, or left half-built). */
  private static boolean isSet(Path entry) {
    String name = entry.getFileName().toString();
    return name.startsWith("set-") || name.startsWith("building-");
  }

  /**
   * Drops the set being built: the target still shows the previous one. A first install that failed
   * leaves nothing beside the target, nor the directories above it that it had to create.
   */
  void abandon() throws IOException {
    FileTrees.delete(set);
    if (target.isDepotsLink()) {
      return; // a set is served: the sets' directory stays with it
    }
    try (Stream<Path> sets = Files.list(target.versions())) {
      if (sets.findAny().isPresent()) {
        return;
      }
    }
    Files.delete(target.versions());
    if (created.isPresent()) {
      removeEmptyParents(target, created.get());
    }
  }

  /** Records the directories above install_path this first publish created, if it made any. */
  private void recordCreatedParents() throws IOException {
    Path record = target.versions().resolve(CREATED_PARENTS);
    if (created.isPresent() && !created.get().equals(target.versions()) && !Files.exists(record)) {
      Files.writeString(record, created.get().toString(), StandardOpenOption.CREATE_NEW);
    }
  }

  /**
   * Removes the directories above the target up to {@code topmost}, each only while empty: whatever
   * someone else put there meanwhile keeps its directory.
   */
  private static void removeEmptyParents(InstallTarget target, Path topmost) throws IOException {
    for (Path p = target.versions().getParent();
        p != null && p.startsWith(topmost);
        p = p.getParent()) {
      try {
        Files.delete(p);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
    }
  }

  /** Records which distributor installs at {@code target} now: the last one to publish there. */
  static void claim(InstallTarget target, String owner) throws IOException {
    Path file = target.versions().resolve(OWNER);
    Path temp = target.versions().resolve(OWNER + ".new");
    // Made anew, never opened through a link someone who may write beside install_path left there.
    Files.deleteIfExists(temp);
    Files.writeString(temp, owner, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    AtomicMove.move(temp, file);
  }

  /** Whether {@code owner} was the last to publish at {@code target}. */
  static boolean ownedBy(InstallTarget target, String owner) throws IOException {
    Path file = target.versions().resolve(OWNER);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && Files.readString(file).equals(owner)
        && target.isDepotsLink();
  }

  /**
   * Removes the target's link and every set: the distributor is gone. A symlink there that Depot
   * did not make (one the publish refused to replace) is the user's, and stays.
   */
  static void uninstall(InstallTarget target) throws IOException {
    Optional<Path> createdParents = Optional.empty();
    if (Files.isSymbolicLink(target.link()) && target.isDepotsLink()) {
      Files.delete(target.link());
      restoreUsersDirectory(target);
      createdParents = createdParents(target);
    }
    FileTrees.delete(target.versions());
    if (createdParents.isPresent()) {
      removeEmptyParents(target, createdParents.get());
    }
  }

  /** The topmost directory above the target that its first publish created, as recorded. */
  private static Optional<Path> createdParents(InstallTarget target) throws IOException {
    Path record = target.versions().resolve(CREATED_PARENTS);
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path topmost = Path.of(Files.readString(record).strip());
    // Only ever an ancestor of the target: a record naming anything else removes nothing.
    return target.link().getParent().startsWith(topmost) && topmost.getNameCount() > 0
        ? Optional.of(topmost)
        : Optional.empty();
  }

  /** Puts back the empty directory the target was before Depot's link replaced it, if it was. */
  private static void restoreUsersDirectory(InstallTarget target) throws IOException {
    Path record = target.versions().resolve(USERS_DIRECTORY);
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String permissions = Files.readString(record).strip();
    Files.createDirectory(target.link());
    Files.setPosixFilePermissions(target.link(), PosixFilePermissions.fromString(permissions));
  }

  private Optional<Path> current() throws IOException {
    if (!Files.isSymbolicLink(target.link())) {
      return Optional.empty();
    }
    return Optional.of(
        target.link().resolveSibling(Files.readSymbolicLink(target.link())).normalize());
  }

  /**
   * The top directory holding the module's metadata.json: puppet installs that directory only,
   * whatever else the tarball holds beside it.
   */
  private static String moduleTop(Path tarball) throws IOException {
    try (InputStream in = open(tarball)) {
      TarEntries entries = new TarEntries(in);
      for (Optional<TarEntries.Entry> e = entries.next(); e.isPresent(); e = entries.next()) {
        String path = e.get().path();
        if (e.get().isFile() && ArchivePaths.isTopLevelFile(path, "metadata.json")) {
          String p = path.startsWith("./") ? path.substring(2) : path;
          return p.substring(0, p.indexOf('/'));
        }
      }
    }
    throw new InvalidModuleException("no metadata.json in the tarball's top directory: " + tarball);
  }

  private static InputStream open(Path tarball) throws IOException {
    return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)), 64 * 1024);
  }

  private static Optional<String> belowTop(String path, String top) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    int slash = p.indexOf('/');
    if (slash < 0 || slash == p.length() - 1 || !p.substring(0, slash).equals(top)) {
      return Optional.empty();
    }
    String rest = p.substring(slash + 1);
    return Optional.of(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
  }
}
