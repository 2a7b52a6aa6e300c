package dev.depot.server.version;

import dev.depot.plugin.Unit;
import dev.depot.server.content.Cursors;
import dev.depot.server.content.UnitAssociation;
import dev.depot.server.content.UnitQuery;
import dev.depot.server.content.UnitStore;
import dev.depot.server.content.VersionedUnits;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A repository's numbered versions: recorded when a task that changed its content ends, listed,
 * deleted, kept up to the repository's {@code retain_versions}. Changes are stamped with the
 * pending version as they are written (see {@code VersionRows}); recording one costs queries over
 * the changed rows only.
 */
public final class RepositoryVersions {
  private final Jdbi jdbi;
  private final UnitStore store;
  private final Clock clock;

  /**
   * @param jdbi the database
   * @param store the unit store versions are read through
   * @param clock the time versions are stamped with
   */
  public RepositoryVersions(Jdbi jdbi, UnitStore store, Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Records the changes made since the latest version as the next one, if there are any (content
   * that came back to what it was makes none), then drops versions beyond the repository's
   * retention. Called when a task holding the repository's reservation ends, failed or not: what it
   * changed is in the repository either way.
   *
   * @return the new version, if one was recorded
   */
  public Optional<RepositoryVersion> close(String repoId, String taskId) {
    return jdbi.inTransaction(
        h -> {
          Optional<Long> latest = latestOf(h, repoId);
          if (latest.isEmpty()) {
            return Optional.empty();
          }
          long before = latest.get();
          long number = before + 1;
          Map<String, Long> added = VersionedUnits.addedCounts(h, repoId, before, number);
          Map<String, Long> removed = VersionedUnits.removedCounts(h, repoId, before, number);
          if (added.isEmpty() && removed.isEmpty()) {
            return Optional.empty();
          }
          Map<String, Long> counts = new TreeMap<>(contentCounts(h, repoId, before));
          added.forEach((type, n) -> counts.merge(type, n, Long::sum));
          removed.forEach((type, n) -> counts.merge(type, -n, Long::sum));
          counts.values().removeIf(n -> n <= 0);
          RepositoryVersion version =
              new RepositoryVersion(
                  repoId, number, clock.instant(), taskId, added, removed, counts);
          insert(h, version);
          h.createUpdate("UPDATE repositories SET latest_version = :n WHERE repo_id = :repo")
              .bind("n", number)
              .bind("repo", repoId)
              .execute();
          retain(h, repoId);
          return Optional.of(version);
        });
  }

  /** The repository's versions, newest first. */
  public List<RepositoryVersion> list(String repoId) {
    return jdbi.inTransaction(
        h -> {
          requireRepository(h, repoId);
          return h
              .createQuery(
                  "SELECT * FROM repo_versions WHERE repo_id = :repo"
                      + " ORDER BY version_number DESC")
              .bind("repo", repoId)
              .map((rs, ctx) -> read(rs))
              .list()
              .stream()
              .map(v -> withCounts(h, v))
              .toList();
        });
  }

  /** One version; 404 if the repository or the version is not there (deleted or never made). */
  public RepositoryVersion get(String repoId, long number) {
    return jdbi.inTransaction(h -> withCounts(h, require(h, repoId, number)));
  }

  /**
   * Units per type added and removed from one kept version to another (either order).
   *
   * @return {@code added} and {@code removed}, each type to count
   */
  public Map<String, Map<String, Long>> diff(String repoId, long from, long to) {
    return jdbi.inTransaction(
        h -> {
          require(h, repoId, from);
          require(h, repoId, to);
          return Map.of(
              "added", VersionedUnits.addedCounts(h, repoId, from, to),
              "removed", VersionedUnits.removedCounts(h, repoId, from, to));
        });
  }

  /**
   * The units {@code to} holds and {@code from} does not ({@code added}), or the reverse, in unit
   * id order. The stream holds a cursor: close it.
   */
  public Stream<Unit> diffUnits(String repoId, long from, long to, boolean added) {
    jdbi.useTransaction(
        h -> {
          require(h, repoId, from);
          require(h, repoId, to);
        });
    return Cursors.open(
        jdbi,
        h ->
            added
                ? VersionedUnits.added(h, repoId, from, to, List.of())
                : VersionedUnits.removed(h, repoId, from, to, List.of()));
  }

  /**
   * A kept version's associations matching the query. The stream holds a cursor: close it.
   *
   * @throws IllegalArgumentException for a query the store cannot run
   */
  public Stream<UnitAssociation> units(String repoId, long number, UnitQuery query) {
    jdbi.useTransaction(h -> require(h, repoId, number));
    return Cursors.open(jdbi, h -> store.associationsAt(h, repoId, number, query));
  }

  /** The repository's latest version number; 404 if there is no such repository. */
  public long latest(String repoId) {
    return jdbi.withHandle(h -> requireRepository(h, repoId));
  }

  /**
   * Deletes a version that is not the latest. Units only it held leave the version history (and
   * become orphans if no repository or kept version holds them); other versions are unchanged.
   */
  public void delete(String repoId, long number) {
    jdbi.useTransaction(
        h -> {
          long latest = requireRepository(h, repoId);
          require(h, repoId, number);
          if (number == latest) {
            throw InvalidValue.of(
                "version " + number + " is the repository's latest and cannot be deleted",
                "version");
          }
          h.createUpdate("DELETE FROM repo_versions WHERE repo_id = :repo AND version_number = :n")
              .bind("repo", repoId)
              .bind("n", number)
              .execute();
          prune(h, repoId);
        });
  }

  /** Sets how many versions the repository keeps (null: all) and applies it now. */
  public void setRetention(String repoId, Integer retain) {
    if (retain != null && retain < 1) {
      throw InvalidValue.of(
          "retain_versions must be at least 1 (or null to keep all)", "retain_versions");
    }
    jdbi.useTransaction(
        h -> {
          requireRepository(h, repoId);
          h.createUpdate("UPDATE repositories SET retain_versions = :k WHERE repo_id = :repo")
              .bind("k", retain)
              .bind("repo", repoId)
              .execute();
          retain(h, repoId);
        });
  }

  /** The repository's version retention: null keeps all. */
  public Integer retention(String repoId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT retain_versions FROM repositories WHERE repo_id = :repo")
                .bind("repo", repoId)
                .mapTo(Integer.class)
                .findOne()
                .orElse(null));
  }

  /** Drops the versions beyond the repository's retention, oldest first. */
  private static void retain(Handle h, String repoId) {
    Integer keep =
        h.createQuery("SELECT retain_versions FROM repositories WHERE repo_id = :repo")
            .bind("repo", repoId)
            .mapTo(Integer.class)
            .findOne()
            .orElse(null);
    if (keep == null) {
      return;
    }
    List<Long> numbers =
        h.createQuery(
                "SELECT version_number FROM repo_versions WHERE repo_id = :repo"
                    + " ORDER BY version_number DESC")
            .bind("repo", repoId)
            .mapTo(Long.class)
            .list();
    if (numbers.size() <= keep) {
      return;
    }
    h.createUpdate("DELETE FROM repo_versions WHERE repo_id = :repo AND version_number < :oldest")
        .bind("repo", repoId)
        .bind("oldest", numbers.get(keep - 1))
        .execute();
    prune(h, repoId);
  }

  /**
   * Forgets removed rows no kept version holds and no distributor's published tree shows (see
   * {@link PublishedVersions}). A row removed by the pending version (a task still running) is held
   * by the latest version, which is always kept.
   */
  private static void prune(Handle h, String repoId) {
    PublishedVersions.lockPins(h, repoId);
    h.createUpdate(
            "DELETE FROM repo_units_removed WHERE repo_id = :repo AND NOT EXISTS"
                + " (SELECT 1 FROM repo_versions v WHERE v.repo_id = repo_units_removed.repo_id"
                + " AND v.version_number >= repo_units_removed.version_added"
                + " AND v.version_number < repo_units_removed.version_removed) AND NOT "
                + PublishedVersions.PINNED_ROW)
        .bind("repo", repoId)
        .execute();
  }

  static Optional<Long> latestOf(Handle h, String repoId) {
    return h.createQuery("SELECT latest_version FROM repositories WHERE repo_id = :repo")
        .bind("repo", repoId)
        .mapTo(Long.class)
        .findOne();
  }

  static long requireRepository(Handle h, String repoId) {
    return latestOf(h, repoId).orElseThrow(() -> MissingResource.of("repository", repoId));
  }

  static RepositoryVersion require(Handle h, String repoId, long number) {
    requireRepository(h, repoId);
    return h.createQuery(
            "SELECT * FROM repo_versions WHERE repo_id = :repo AND version_number = :n")
        .bind("repo", repoId)
        .bind("n", number)
        .map((rs, ctx) -> read(rs))
        .findOne()
        .orElseThrow(
            () ->
                new MissingResource(
                    Map.of("repository", repoId, "version", number),
                    "List the kept versions with GET .../versions/"));
  }

  /**
   * The version's units per type, counted and stored the first time they are asked for: what a
   * publish of the version shows plugins instead of counting the repository's rows again.
   */
  public static Map<String, Long> contentCounts(Handle h, String repoId, long number) {
    return withCounts(h, require(h, repoId, number)).contentCounts();
  }

  private static RepositoryVersion withCounts(Handle h, RepositoryVersion v) {
    if (v.contentCounts() != null) {
      return v;
    }
    Map<String, Long> counts = VersionedUnits.countsAt(h, v.repoId(), v.number());
    h.createUpdate(
            "UPDATE repo_versions SET content_counts = :counts"
                + " WHERE repo_id = :repo AND version_number = :n")
        .bind("counts", Json.write(counts))
        .bind("repo", v.repoId())
        .bind("n", v.number())
        .execute();
    return new RepositoryVersion(
        v.repoId(), v.number(), v.created(), v.taskId(), v.added(), v.removed(), counts);
  }

  private static void insert(Handle h, RepositoryVersion v) {
    h.createUpdate(
            "INSERT INTO repo_versions (repo_id, version_number, created, task_id, added,"
                + " removed, content_counts) VALUES (:repo, :n, :created, :task, :added,"
                + " :removed, :counts)")
        .bind("repo", v.repoId())
        .bind("n", v.number())
        .bind("created", Timestamps.arg(v.created()))
        .bind("task", v.taskId())
        .bind("added", Json.write(v.added()))
        .bind("removed", Json.write(v.removed()))
        .bind("counts", Json.write(v.contentCounts()))
        .execute();
  }

  private static RepositoryVersion read(ResultSet rs) throws SQLException {
    String counts = rs.getString("content_counts");
    return new RepositoryVersion(
        rs.getString("repo_id"),
        rs.getLong("version_number"),
        Timestamps.read(rs, "created"),
        rs.getString("task_id"),
        longs(rs.getString("added")),
        longs(rs.getString("removed")),
        counts == null ? null : longs(counts));
  }

  private static Map<String, Long> longs(String json) {
    Map<String, Long> map = new TreeMap<>();
    Json.readMap(json).forEach((k, v) -> map.put(k, ((Number) v).longValue()));
    return map;
  }
}
