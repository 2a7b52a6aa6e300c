package dev.depot.server.version;

import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Which versions each distributor's published trees show: the last one it published and the one
 * before, recorded when a publish succeeds, and the one a publish is publishing (its tree may be
 * switched in by a publish killed before its success was recorded). The next publish takes over one
 * of those trees and asks only for what changed since its version, so both are <em>pinned</em>:
 * when {@code retain_versions} or a user drops them from the list of versions, pruning spares the
 * rows they hold, and the diff from them stays exact (and no unit a published tree links to becomes
 * an orphan).
 */
public final class PublishedVersions {
  private PublishedVersions() {}

  /**
   * Records the version a distributor's successful publish published; the one it published before
   * becomes its previous one. A version deleted (and pruned) while the publish ran is not pinned:
   * its rows may be gone, so no diff may start from it.
   */
  public static void record(Handle h, String repoId, String distributorId, long version) {
    lockPins(h, repoId);
    h.createUpdate(
            "UPDATE repo_distributors SET previous_published_version = published_version,"
                + " published_version = :v, publishing_version = NULL"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("v", kept(h, repoId, version) ? version : null)
        .bind("repo", repoId)
        .bind("id", distributorId)
        .execute();
  }

  /**
   * Pins the version a publish is about to publish, before its plugin runs: a publish killed with
   * its process after switching its tree in, before {@link #record} ran, leaves that tree served,
   * and the pin keeps the rows it shows (and so the files it links to) until a later publish
   * succeeds. Such a leftover pin, of a killed publish whose tree may still be served, becomes the
   * previous version's pin: the tree before a killed publish's is then not pinned, and a publish
   * that takes it over rebuilds when its version is gone.
   */
  public static void begin(Handle h, String repoId, String distributorId, long version) {
    lockPins(h, repoId);
    h.createUpdate(
            "UPDATE repo_distributors SET previous_published_version ="
                + " COALESCE(publishing_version, previous_published_version),"
                + " publishing_version = :v WHERE repo_id = :repo AND distributor_id = :id")
        .bind("v", version)
        .bind("repo", repoId)
        .bind("id", distributorId)
        .execute();
  }

  /**
   * Whether a publish of this distributor began and neither succeeded nor failed: it was killed
   * with its process, and its tree may be the one served, whatever the last recorded publish says.
   */
  public static boolean killedMidway(Handle h, String repoId, String distributorId) {
    return h.createQuery(
            "SELECT 1 FROM repo_distributors WHERE repo_id = :repo AND distributor_id = :id"
                + " AND publishing_version IS NOT NULL")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /**
   * Drops the pin of a publish that failed or was cancelled: its plugin left the previous tree
   * served, so the version it was publishing is shown nowhere.
   */
  public static void abandon(Handle h, String repoId, String distributorId) {
    h.createUpdate(
            "UPDATE repo_distributors SET publishing_version = NULL"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .execute();
  }

  /**
   * Takes the repository's row lock, which {@link #record} and version pruning both take first: a
   * prune sees every pin recorded before it, and a pin is recorded only for a version no prune has
   * dropped.
   */
  public static void lockPins(Handle h, String repoId) {
    h.createUpdate("UPDATE repositories SET latest_version = latest_version WHERE repo_id = :repo")
        .bind("repo", repoId)
        .execute();
  }

  /**
   * Whether a diff may start from this version: the repository keeps it, or a distributor's tree
   * shows it (its rows were spared by pruning).
   */
  public static boolean diffable(Handle h, String repoId, long version) {
    return kept(h, repoId, version)
        || h.createQuery(
                "SELECT 1 FROM repo_distributors WHERE repo_id = :repo"
                    + " AND (published_version = :v OR previous_published_version = :v"
                    + " OR publishing_version = :v)")
            .bind("repo", repoId)
            .bind("v", version)
            .mapTo(Integer.class)
            .findFirst()
            .isPresent();
  }

  /**
   * The condition, on a {@code repo_units_removed} row, that some distributor's tree shows a
   * version holding it.
   */
  static final String PINNED_ROW =
      "EXISTS (SELECT 1 FROM repo_distributors d WHERE d.repo_id = repo_units_removed.repo_id"
          + " AND (d.published_version >= repo_units_removed.version_added"
          + " AND d.published_version < repo_units_removed.version_removed"
          + " OR d.previous_published_version >= repo_units_removed.version_added"
          + " AND d.previous_published_version < repo_units_removed.version_removed"
          + " OR d.publishing_version >= repo_units_removed.version_added"
          + " AND d.publishing_version < repo_units_removed.version_removed))";

  /** The version the distributor last published, if any. */
  public static OptionalLong of(Handle h, String repoId, String distributorId) {
    return h.createQuery(
            "SELECT published_version FROM repo_distributors"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .mapTo(Long.class)
        .findOne()
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /** Whether the repository still keeps this version. */
  public static boolean kept(Handle h, String repoId, long version) {
    return h.createQuery(
            "SELECT 1 FROM repo_versions WHERE repo_id = :repo AND version_number = :v")
        .bind("repo", repoId)
        .bind("v", version)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /** The repository's latest version number, or -1 if there is no such repository. */
  public static long latest(Handle h, String repoId) {
    return RepositoryVersions.latestOf(h, repoId).orElse(-1L);
  }
}
