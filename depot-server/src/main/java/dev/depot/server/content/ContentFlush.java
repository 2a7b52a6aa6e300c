package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.publish.files.FileSystemFlush;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts unit files on the disk before the rows naming them commit. A plugin writes a unit's file
 * through the page cache; without a flush, a power cut after the commit leaves the database (which
 * PostgreSQL made durable) naming a file that is missing, empty or torn, and since a file at a
 * unit's place is taken as stored whole, no later sync would fetch it again: content the API
 * reported done would be lost for good.
 *
 * <p>One {@link FileSystemFlush} of the content store's file system per batch of units. Concurrent
 * saves share a flush: one that starts after a caller arrived covers that caller's files. Where the
 * system cannot flush a whole file system, each unit's file and directories are flushed one by one
 * instead.
 */
public final class ContentFlush {
  private static final ContentFlush SYSTEM = new ContentFlush(FileSystemFlush.system());

  /** How one flush reaches the disk; the tests watch it. */
  interface FileSystemSync {
    /** Writes out every dirty file of the file system holding {@code onIt}, or all of them. */
    void sync(Path onIt, List<Path> files) throws IOException;
  }

  private final FileSystemSync sync;
  private final AtomicLong arrived = new AtomicLong();
  private final ReentrantLock flushing = new ReentrantLock();
  private long covered; // guarded by flushing

  /** The flush every server uses. */
  public static ContentFlush system() {
    return SYSTEM;
  }

  /** Through {@code flush}: the system's, or one whose command cannot run (the tests). */
  ContentFlush(FileSystemFlush flush) {
    this(new SystemSync(flush));
  }

  ContentFlush(FileSystemSync sync) {
    this.sync = sync;
  }

  /**
   * Returns once every file of these units written before the call is on the disk; units without a
   * file cost nothing.
   *
   * @throws UncheckedIOException when the disk refuses the write: the rows must not commit
   */
  public void flush(List<Unit> units) {
    List<Path> files = new ArrayList<>();
    for (Unit unit : units) {
      if (unit.storagePath() != null) {
        files.add(unit.storagePath());
      }
    }
    if (files.isEmpty()) {
      return;
    }
    long ticket = arrived.incrementAndGet();
    flushing.lock();
    try {
      if (covered >= ticket) {
        return; // a flush that began after this call arrived has finished
      }
      long covers = arrived.get();
      sync.sync(files.getFirst(), files);
      covered = covers;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the units' files to the disk", e);
    } finally {
      flushing.unlock();
    }
  }

  /** The system's flush of the store's file system; each unit's file and directories without. */
  private static final class SystemSync implements FileSystemSync {
    private final FileSystemFlush flush;

    SystemSync(FileSystemFlush flush) {
      this.flush = flush;
    }

    @Override
    public void sync(Path onIt, List<Path> files) throws IOException {
      List<Path> paths = new ArrayList<>();
      for (Path file : files) {
        paths.add(file);
        // <type>/<2 hex>/<digest>/<file>: each directory may be new, and its entry must last too.
        Path dir = file.getParent();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
          paths.add(dir);
        }
      }
      flush.flush(existingAncestor(onIt), paths);
    }

    /** A unit's file may be gone (an orphan cleanup): the save then says so, not the flush. */
    private static Path existingAncestor(Path file) {
      Path dir = file.getParent();
      while (dir.getParent() != null && !Files.isDirectory(dir)) {
        dir = dir.getParent();
      }
      return dir;
    }
  }
}
