package dev.depot.server.content;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Takes units out of a repository while keeping what older versions held: a row added by an earlier
 * version moves to {@code repo_units_removed}, stamped with the pending version, so that the
 * versions before still list it; a row the pending version added itself goes without a trace.
 */
final class VersionedRemovals {
  private VersionedRemovals() {}

  /** The version a change made now belongs to: the one after the latest. */
  static long pending(Handle h, String repoId) {
    return h.createQuery("SELECT latest_version FROM repositories WHERE repo_id = :repo")
            .bind("repo", repoId)
            .mapTo(Long.class)
            .findOne()
            .orElse(0L)
        + 1;
  }

  /**
   * Removes these units from the repository; ids it does not hold are ignored.
   *
   * @return how many left it
   */
  static int remove(Handle h, String repoId, List<String> unitIds) {
    return removeEach(h, repoId, unitIds).size();
  }

  /** As {@link #remove}, answering which of the ids were associated and so removed, in order. */
  static List<String> removeEach(Handle h, String repoId, List<String> unitIds) {
    if (unitIds.isEmpty()) {
      return List.of();
    }
    long pending = pending(h, repoId);
    PreparedBatch keep =
        h.prepareBatch(
            "INSERT INTO repo_units_removed (repo_id, unit_id, unit_type_id, created, updated,"
                + " version_added, version_removed)"
                + " SELECT repo_id, unit_id, unit_type_id, created, updated, version_added,"
                + " :pending FROM repo_units"
                + " WHERE repo_id = :repo AND unit_id = :unit AND version_added < :pending");
    PreparedBatch delete =
        h.prepareBatch("DELETE FROM repo_units WHERE repo_id = :repo AND unit_id = :unit");
    for (String id : unitIds) {
      keep.bind("repo", repoId).bind("unit", id).bind("pending", pending).add();
      delete.bind("repo", repoId).bind("unit", id).add();
    }
    keep.execute();
    // The delete batch answers a count per statement, so the units that were not (or no longer)
    // associated are told apart without a statement of their own.
    int[] counts = delete.execute();
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        removed.add(unitIds.get(i));
      }
    }
    return removed;
  }
}
