package dev.depot.publish.rsync;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * The unit files one push sends, laid out as a tree of links to the content store with the store's
 * layout, for one recursive {@code rsync --copy-links}.
 *
 * <p>Why not {@code --files-from}: rsync reads that list one byte per system call (a poll and a
 * read for each of the ~90 bytes of a store path) and resolves every listed path component by
 * component again, on both ends; for 20,000 units that was more than half of the units step, and
 * several times the CPU of a recursive copy of the same files. Making the links costs two system
 * calls per unit.
 */
final class UnitStage {
  private UnitStage() {}

  /**
   * Makes the tree afresh in {@code stage}: one link per path in {@code list}.
   *
   * @param list NUL-separated paths relative to {@code unitsRoot}, as {@link PushedUnits} writes
   * @param unitsRoot the content store's units root (absolute)
   * @param stage the directory to make; whatever it held is removed first
   */
  static void make(Path list, Path unitsRoot, Path stage) throws IOException {
    RelativeTree.delete(stage);
    Files.createDirectories(stage);
    forEach(list, relative -> link(stage.resolve(relative), unitsRoot.resolve(relative)));
  }

  /**
   * Removes a tree {@link #make} made from the same list. Going by the list, each link and its
   * directory cost one system call each (relative to the open stage directory, where the platform
   * allows), where a walk would also read every directory and look at every entry twice: for a tree
   * of links to 20,000 units, that walk took longer than the transfer.
   */
  static void remove(Path list, Path stage) throws IOException {
    if (Files.notExists(stage)) {
      return;
    }
    try (DirectoryStream<Path> opened = Files.newDirectoryStream(stage)) {
      if (opened instanceof SecureDirectoryStream<Path> dir) {
        forEach(
            list,
            relative -> {
              Path link = Path.of(relative);
              try {
                dir.deleteFile(link);
                if (link.getParent() != null) {
                  dir.deleteDirectory(link.getParent());
                }
              } catch (NoSuchFileException | DirectoryNotEmptyException e) {
                // listed twice, or a directory units share: the sweep below takes it
              }
            });
      } else {
        forEach(
            list,
            relative -> {
              Path link = stage.resolve(relative);
              Files.deleteIfExists(link);
              try {
                if (!link.getParent().equals(stage)) {
                  Files.deleteIfExists(link.getParent());
                }
              } catch (DirectoryNotEmptyException e) {
                // a directory units share: the sweep below takes it
              }
            });
      }
    }
    RelativeTree.delete(stage); // what is left: the directories units share
  }

  private interface PathAction {
    void accept(String relative) throws IOException;
  }

  private static void forEach(Path list, PathAction action) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(list), 1 << 16)) {
      ByteArrayOutputStream path = new ByteArrayOutputStream(256);
      for (int b; (b = in.read()) >= 0; ) {
        if (b != 0) {
          path.write(b);
          continue;
        }
        String relative = path.toString(StandardCharsets.UTF_8);
        path.reset();
        action.accept(relative);
      }
    }
  }

  private static void link(Path link, Path file) throws IOException {
    Path parent = link.getParent();
    // The store keeps each unit in a directory of its own: the parent is nearly always new.
    try {
      Files.createDirectory(parent);
    } catch (FileAlreadyExistsException e) {
      // shared with another unit, or a type or prefix directory
    } catch (NoSuchFileException e) {
      Files.createDirectories(parent);
    }
    try {
      Files.createSymbolicLink(link, file);
    } catch (FileAlreadyExistsException e) {
      // listed twice: once is enough
    }
  }
}
