package dev.depot.server.content;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.Unit;
import dev.depot.publish.tree.LinkTemplates;
import dev.depot.server.db.Dialect;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Keeps orphan removal and the adding of units to repositories apart, across every process that
 * shares the database. Without it a sync can find a stored unit's file in place and skip the
 * download, an orphan cleanup can then delete that unit's row and file, and the sync's save would
 * store the unit again with no file behind it.
 *
 * <p>Orphan removal holds the lock row exclusively while it deletes rows and files; a transaction
 * that adds units holds it in share mode (exclusively on H2, which has no shared row lock) from
 * before it looks units up until it commits, and checks their files under it. Each side therefore
 * sees the other's work whole: either the orphans and their files are gone, or the units are
 * associated and no longer orphans.
 */
final class ContentFilesLock {
  private ContentFilesLock() {}

  /** Holds off orphan removal until the handle's transaction ends. */
  static void share(Handle h, Dialect dialect) {
    lock(h, dialect == Dialect.POSTGRESQL ? "FOR SHARE" : "FOR UPDATE");
  }

  /** Waits for every transaction adding units to end and keeps new ones waiting until this ends. */
  static void exclusive(Handle h) {
    lock(h, "FOR UPDATE");
  }

  private static void lock(Handle h, String mode) {
    h.createQuery("SELECT id FROM content_files_lock " + mode).mapTo(Integer.class).list();
  }

  /**
   * Throws unless every stored unit that has a file still has it; call under {@link #share}.
   *
   * @param given the units as the plugin gave them, named in the exception
   * @param stored the units as stored, in the same order
   */
  static void requireFiles(List<Unit> given, List<Unit> stored) {
    List<Unit> missing = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      var path = stored.get(i).storagePath();
      if (path != null && !Files.exists(path)) {
        missing.add(given.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingUnitFilesException(missing);
    }
  }

  /**
   * Gives each stored unit with a file its {@link LinkTemplates link template}; call under {@link
   * #share}, so that orphan removal, which deletes templates, cannot run meanwhile.
   */
  static void makeTemplates(List<Unit> stored) {
    for (Unit unit : stored) {
      if (unit.storagePath() != null) {
        LinkTemplates.create(unit.storagePath());
      }
    }
  }
}
