package dev.depot.publish.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The one way to move a file or directory into place so that a reader sees the old one or the new
 * one, never a missing or half-written one: a single {@code rename(2)} inside one file system.
 * Publishing, downloads, uploads and key files all go through here, so the rules are the same
 * everywhere: {@link #move} is atomic or fails without moving anything; {@link #replaceFile} falls
 * back to a plain replace only where the file system itself cannot rename atomically; and {@link
 * Durability#SYNCED} makes a move survive a power cut where losing it would matter (keys, records),
 * at the price of two disk flushes.
 */
public final class AtomicMove {
  private static final System.Logger LOG = System.getLogger(AtomicMove.class.getName());

  private AtomicMove() {}

  /** Whether a move must reach the disk before it returns. */
  public enum Durability {
    /**
     * The operating system writes the move back when it likes: for files that can be fetched or
     * built again (downloads, published trees), where a flush per file would cost a sync its speed.
     */
    CACHED,
    /**
     * The file's bytes are flushed before the rename and the directory after it, so after a crash
     * the target is the old file or the new one, complete (keys, certificates, settings).
     */
    SYNCED
  }

  /**
   * Renames {@code from} to {@code to} atomically, replacing a file (or an empty directory, or a
   * symbolic link) at {@code to}.
   *
   * @throws AtomicMoveNotSupportedException when the two are on different file systems, or the file
   *     system cannot rename atomically; nothing has moved then
   */
  public static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Moves a complete temporary file over its target in the same directory. Atomic wherever the file
   * system can rename atomically; on one that cannot (some network and FUSE file systems answer
   * {@link AtomicMoveNotSupportedException} even within a directory) it falls back to a plain
   * replace, logged with that reason: a reader may then briefly find no file, but never a partial
   * one, because the temporary file was complete before the move.
   *
   * @param temp the complete new content, a sibling of {@code target}
   * @throws IllegalArgumentException when {@code temp} is not in {@code target}'s directory: a
   *     fallback across file systems would be a copy that readers could see half done
   */
  public static void replaceFile(Path temp, Path target, Durability durability) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Objects.equals(temp.toAbsolutePath().getParent(), dir)) {
      throw new IllegalArgumentException(temp + " is not in the directory of " + target);
    }
    if (durability == Durability.SYNCED) {
      try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        file.force(true);
      }
    }
    try {
      move(temp, target);
    } catch (AtomicMoveNotSupportedException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the file system of {0} cannot rename atomically ({1}); replacing {2} non-atomically",
          dir,
          e.getMessage(),
          target.getFileName());
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    if (durability == Durability.SYNCED) {
      syncDirectory(dir);
    }
  }

  /**
   * Flushes a directory's entries (a rename in it) to disk. POSIX systems allow this through a
   * read-only handle on the directory; elsewhere (Windows) the file system orders its own metadata
   * and there is nothing to open.
   */
  private static void syncDirectory(Path dir) throws IOException {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
