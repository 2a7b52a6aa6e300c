package dev.depot.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * How {@link UnitSink#storeFile} puts a unit's file in the content store: copied next to its place
 * under a hidden temporary name, its digest checked on the way, then renamed into place. A file
 * only ever appears at a unit's storage path whole and verified, which is what lets every caller
 * take a file that is there as stored.
 */
final class StoredFiles {
  private static final int BUFFER = 64 * 1024;

  private StoredFiles() {}

  /** Stores {@code content} as {@code unit}'s file, unless the file is there already. */
  static Unit store(Unit unit, String fileName, InputStream content, FileDigest expected)
      throws IOException {
    Path target = target(unit);
    if (Files.isRegularFile(target)) {
      return unit;
    }
    Files.createDirectories(target.getParent());
    // Not Files.createTempFile: its owner-only permissions would stick to the stored file, and the
    // web server that serves published links may run as another user.
    Path temp = target.resolveSibling("." + UUID.randomUUID() + ".part");
    try {
      MessageDigest digest = expected == null ? null : expected.newDigest();
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        copy(content, out, digest);
      }
      if (expected != null) {
        FileDigest actual = expected.computed(digest);
        if (!actual.equals(expected)) {
          throw new FileDigestMismatchException(fileName, expected, actual);
        }
      }
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
    return unit;
  }

  /** Stores the file at {@code source} (left where it is) as {@code unit}'s file. */
  static Unit store(Unit unit, String fileName, Path source, FileDigest expected)
      throws IOException {
    if (Files.isRegularFile(target(unit))) {
      return unit; // not even opened: a stored file is never read again to store it
    }
    try (InputStream in = Files.newInputStream(source)) {
      return store(unit, fileName, in, expected);
    }
  }

  /** Moves {@code source} into place as {@code unit}'s file, unless the file is there already. */
  static Unit adopt(Unit unit, String fileName, Path source, FileDigest checked)
      throws IOException {
    Path target = target(unit);
    if (Files.isRegularFile(target)) {
      return unit;
    }
    if (!Files.isDirectory(target.getParent())) {
      // Asked first: createDirectories of an existing directory fails inside, an exception and
      // its stack trace a unit whose download already made the directory.
      Files.createDirectories(target.getParent());
    }
    try {
      // A rename within the store's file system: the file appears at its place whole, as a copy's
      // temporary file would. Replacing is harmless, as in moveIntoPlace.
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return unit;
    } catch (AtomicMoveNotSupportedException e) {
      // Another file system: copy with the digest checked, then let the source go as promised.
      store(unit, fileName, source, checked);
      Files.deleteIfExists(source);
      return unit;
    }
  }

  /**
   * Moves the directory {@code source} into place as {@code unit}'s content, unless it is there.
   */
  static Unit adoptDirectory(Unit unit, Path source) throws IOException {
    Path target = target(unit);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return unit;
    }
    Files.createDirectories(target.getParent());
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Another file system: copy beside the target, then rename that into place.
      Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID());
      try {
        copyTree(source, temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException failed) {
        FileTrees.delete(temp);
        throw failed;
      }
      FileTrees.delete(source);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // Another thread stored the same unit meanwhile: the same key, the same content.
    }
    return unit;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> tree = Files.walk(from)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        Path copy = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(copy);
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(p, copy);
        } // a symlink a plugin wrote is not content: never followed out of the tree
      }
    }
  }

  private static Path target(Unit unit) {
    if (unit.storagePath() == null) {
      throw new IllegalArgumentException(
          "unit " + unit.unitKey() + " of type " + unit.typeId() + " has no file to store");
    }
    return unit.storagePath();
  }

  private static void copy(InputStream in, OutputStream out, MessageDigest digest)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      // A cancelled sync interrupts its threads: a long copy stops instead of finishing unseen.
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("storing the file was interrupted");
      }
      out.write(buffer, 0, n);
      if (digest != null) {
        digest.update(buffer, 0, n);
      }
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      // Replacing is harmless: a file another thread stored meanwhile has the same unit key.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
