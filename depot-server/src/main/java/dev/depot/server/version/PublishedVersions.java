package dev.depot.server.version;

import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Which version each distributor last published: recorded when a publish succeeds, read by the next
 * publish to ask only for what changed since, and shown to users.
 */
public final class PublishedVersions {
  private PublishedVersions() {}

  /** Records the version a distributor's successful publish published. */
  public static void record(Handle h, String repoId, String distributorId, long version) {
    h.createUpdate(
            "UPDATE repo_distributors SET published_version = :v"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("v", version)
        .bind("repo", repoId)
        .bind("id", distributorId)
        .execute();
  }

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
