package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Dialect;
import dev.depot.server.db.InLists;
import dev.depot.server.db.PlannerStatistics;
import dev.depot.server.db.RacingInserts;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Which units a repository holds: the {@code repo_units} rows, added idempotently (also against a
 * concurrent transaction) and removed, each change stamped on the repository. Everything a sync
 * changes is a row here, of its own repository. The part of {@link UnitStore} that writes them.
 */
final class RepoUnitLinks {
  private final RepositoryUniqueness uniqueness;
  private final PlannerStatistics statistics;
  private final CachedDialect dialect;

  RepoUnitLinks(
      RepositoryUniqueness uniqueness, PlannerStatistics statistics, CachedDialect dialect) {
    this.uniqueness = uniqueness;
    this.statistics = statistics;
    this.dialect = dialect;
  }

  /**
   * {@link #associateAll} for units read earlier from another repository (a copy): those whose rows
   * are gone meanwhile (removed from their repository, then cleaned up as orphans) are left out
   * instead of failing the whole batch on the foreign key. Call it with orphan removal held off
   * ({@link UnitStore#holdOffOrphanRemoval}), so that the units found stay until the caller
   * commits.
   *
   * @return the units that are gone, which were not associated
   */
  List<Unit> associateExisting(Handle h, String repoId, List<Unit> saved, Instant now) {
    if (saved.isEmpty()) {
      return List.of();
    }
    Set<String> present = new HashSet<>();
    for (List<String> ids : InLists.split(saved.stream().map(Unit::id).toList())) {
      present.addAll(
          h.createQuery("SELECT unit_id FROM units WHERE unit_id IN (<ids>)")
              .bindList("ids", ids)
              .mapTo(String.class)
              .list());
    }
    List<Unit> existing = new ArrayList<>(saved.size());
    List<Unit> gone = new ArrayList<>();
    for (Unit unit : saved) {
      (present.contains(unit.id()) ? existing : gone).add(unit);
    }
    associateAll(h, repoId, existing, now);
    return gone;
  }

  /**
   * Associates saved units with a repository, in one batched statement; idempotent. Runs in the
   * caller's transaction; a race with one not yet committed is run again ({@link RacingInserts}).
   *
   * @return how many associations are new
   */
  int associateAll(Handle h, String repoId, List<Unit> saved, Instant now) {
    return RacingInserts.retrying(h, () -> associateAllOnce(h, repoId, saved, now));
  }

  private int associateAllOnce(Handle h, String repoId, List<Unit> batch, Instant now) {
    List<Unit> saved = onceEach(batch);
    uniqueness.makeRoomFor(h, repoId, saved, now);
    long version = VersionedRemovals.pending(h, repoId);
    int added =
        dialect.of(h) == Dialect.POSTGRESQL
            ? PostgresUnitInserts.associate(h, repoId, saved, now, version)
            : associateGuarded(h, repoId, saved, now, version);
    if (added > 0) {
      statistics.wrote(h, added);
      h.createUpdate("UPDATE repositories SET last_unit_added = :now WHERE repo_id = :repo")
          .bind("repo", repoId)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
    return added;
  }

  /**
   * The batch with each unit once: a feed may list one key twice (a modules.yaml with two defaults
   * documents of one module), saved as one unit. On H2 the guarded insert of the repeat did not
   * always see the first row and failed the whole batch on the primary key.
   */
  private static List<Unit> onceEach(List<Unit> batch) {
    Set<String> seen = new HashSet<>();
    List<Unit> once = new ArrayList<>(batch.size());
    for (Unit unit : batch) {
      if (seen.add(unit.id())) {
        once.add(unit);
      }
    }
    return once.size() == batch.size() ? batch : once;
  }

  private static int associateGuarded(
      Handle h, String repoId, List<Unit> saved, Instant now, long version) {
    PreparedBatch inserts =
        h.prepareBatch(
            "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated,"
                + " version_added) SELECT :repo, :unit, :type, :now, :now, :version"
                + " WHERE NOT EXISTS"
                + ASSOCIATED);
    for (Unit unit : saved) {
      inserts
          .bind("repo", repoId)
          .bind("unit", unit.id())
          .bind("type", unit.typeId())
          .bind("now", Timestamps.arg(now))
          .bind("version", version)
          .add();
    }
    int added = 0;
    if (!saved.isEmpty()) {
      for (int n : inserts.execute()) {
        added += n;
      }
    }
    return added;
  }

  /**
   * The guard of an association insert. With the type as well as the ids it matches exactly on
   * either index that starts with the repository: without it, a PostgreSQL planner short of
   * statistics took the (repository, type, unit) index and read the whole repository's range.
   */
  private static final String ASSOCIATED =
      " (SELECT 1 FROM repo_units WHERE repo_id = :repo AND unit_type_id = :type"
          + " AND unit_id = :unit)";

  /**
   * Associates a unit with a repository; idempotent, also against a concurrent transaction ({@link
   * RacingInserts}).
   *
   * @return true if the association is new
   */
  boolean associate(Handle h, String repoId, Unit unit, Instant now) {
    return RacingInserts.retrying(h, () -> associateOnce(h, repoId, unit, now));
  }

  private boolean associateOnce(Handle h, String repoId, Unit unit, Instant now) {
    Objects.requireNonNull(unit.id(), "unit must be saved first");
    uniqueness.makeRoomFor(h, repoId, List.of(unit), now);
    int inserted =
        h.createUpdate(
                "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated,"
                    + " version_added) SELECT :repo, :unit, :type, :now, :now, :version"
                    + " WHERE NOT EXISTS"
                    + ASSOCIATED)
            .bind("repo", repoId)
            .bind("unit", unit.id())
            .bind("type", unit.typeId())
            .bind("now", Timestamps.arg(now))
            .bind("version", VersionedRemovals.pending(h, repoId))
            .execute();
    if (inserted == 1) {
      statistics.wrote(h, 1);
      h.createUpdate("UPDATE repositories SET last_unit_added = :now WHERE repo_id = :repo")
          .bind("repo", repoId)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
    return inserted == 1;
  }

  /**
   * Removes the units from a repository in a few statements whatever their number: a rollback of a
   * thousand units took a thousand round trips of four statements each. Idempotent; the units stay
   * (orphans until cleaned up).
   *
   * @return the units that were associated, so removed
   */
  List<Unit> unassociateEach(Handle h, String repoId, List<Unit> units, Instant now) {
    Set<String> gone =
        new HashSet<>(
            VersionedRemovals.removeEach(h, repoId, units.stream().map(Unit::id).toList()));
    int deleted = gone.size();
    if (deleted > 0) {
      h.createUpdate("UPDATE repositories SET last_unit_removed = :now WHERE repo_id = :repo")
          .bind("repo", repoId)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
    return units.stream().filter(u -> gone.contains(u.id())).toList();
  }
}
