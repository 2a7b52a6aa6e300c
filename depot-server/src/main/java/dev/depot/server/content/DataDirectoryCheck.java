package dev.depot.server.content;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Refuses a database whose units' files live under another data directory. Units name their files
 * by absolute path, and published trees link to them so: a data directory copied or restored to
 * another path, with its database, would serve nothing, and its publishes and orphan removals would
 * link to and delete the files of the directory it was copied from, when that one is still there.
 */
public final class DataDirectoryCheck {
  private DataDirectoryCheck() {}

  /**
   * Throws when a stored unit's file lies outside the content store's root, as written or with
   * links followed (a data directory reached through another link to it is the same one).
   */
  public static void refuseForeign(Jdbi jdbi, ContentStore content) {
    Optional<String> stored =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT storage_path FROM units WHERE storage_path IS NOT NULL"
                            + " ORDER BY unit_id LIMIT 1")
                    .mapTo(String.class)
                    .findOne());
    if (stored.isEmpty()) {
      return;
    }
    Path root = content.root();
    Path file = Path.of(stored.get()).toAbsolutePath().normalize();
    if (file.startsWith(root) || realPathInside(file, root)) {
      return;
    }
    throw new IllegalStateException(
        "the database's unit files are under another data directory: "
            + file
            + " is not inside "
            + root
            + ". Start Depot with the data directory this database was used with (--data-dir),"
            + " or restore the data directory to its old path: Depot names its files by absolute"
            + " path and cannot be moved to another one yet.");
  }

  private static boolean realPathInside(Path file, Path root) {
    try {
      return file.toRealPath().startsWith(root.toRealPath());
    } catch (IOException missing) {
      return false;
    }
  }
}
