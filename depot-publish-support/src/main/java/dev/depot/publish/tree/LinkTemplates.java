package dev.depot.publish.tree;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ready-made symlink to each stored unit's file, kept beside it in the content store, which
 * publishing hard-links into its trees instead of creating a symlink per unit. The published entry
 * is the same symlink either way (same absolute target); a hard link only adds a name to an
 * existing inode, which costs ext4 about a third of a new symlink whose target, longer than 60
 * bytes, needs a block of its own: measured here, 1,000,000 entries in one directory on 4 threads
 * took 14 s as hard links and 40 s as symlinks. Publishing falls back to a symlink whenever a unit
 * has no template, or the tree is on another file system.
 *
 * <p>The platform makes a template when it saves a unit with a file, and removes it with the unit.
 */
public final class LinkTemplates {
  private LinkTemplates() {}

  /** Where the template of the unit stored at {@code storagePath} lives. */
  public static Path of(Path storagePath) {
    return storagePath.resolveSibling("." + storagePath.getFileName() + ".link");
  }

  /**
   * Makes the template of the unit stored at {@code storagePath} (absolute) unless it exists. Only
   * a speed-up, so it never fails: a unit without a template is published with a symlink of its
   * own.
   *
   * @return whether the template exists now (false when its directory is gone, say)
   */
  public static boolean create(Path storagePath) {
    Path template = of(storagePath);
    // Files.exists (following the link to the stored file) first: of the JDK's questions it is the
    // one that answers "missing" without throwing an exception inside, which isSymbolicLink and
    // exists(NOFOLLOW_LINKS) do, with a stack trace, for every new unit of a sync.
    if (Files.exists(template) && Files.isSymbolicLink(template)) {
      return true;
    }
    try {
      Files.createSymbolicLink(template, storagePath);
      return true;
    } catch (FileAlreadyExistsException e) {
      return Files.isSymbolicLink(template); // made before, or meanwhile by another save of it
    } catch (IOException e) {
      return false;
    }
  }

  /** Removes the template of the unit stored at {@code storagePath}, if any. */
  public static void delete(Path storagePath) throws IOException {
    Files.deleteIfExists(of(storagePath));
  }
}
