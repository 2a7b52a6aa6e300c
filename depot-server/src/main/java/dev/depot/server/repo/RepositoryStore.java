package dev.depot.server.repo;

import dev.depot.plugin.PublishedLocation;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * SQL for repositories, their importer and their distributors. Every method runs on the handle it
 * is given, so callers decide what one transaction covers.
 */
public final class RepositoryStore {

  /** Inserts a repository. */
  public void insert(Handle h, RepositoryRecord repo, Instant now) {
    h.createUpdate(
            "INSERT INTO repositories (repo_id, oid, display_name, description, notes, scratchpad,"
                + " created) VALUES (:id, :oid, :name, :description, :notes, :scratchpad, :now)")
        .bind("id", repo.id())
        .bind("oid", repo.oid())
        .bind("name", repo.displayName())
        .bind("description", repo.description())
        .bind("notes", Json.write(repo.notes()))
        .bind("scratchpad", Json.write(repo.scratchpad()))
        .bind("now", Timestamps.arg(now))
        .execute();
    // Version 0: the empty repository, so that the first change makes version 1.
    h.createUpdate(
            "INSERT INTO repo_versions (repo_id, version_number, created, added, removed,"
                + " content_counts) VALUES (:id, 0, :now, '{}', '{}', '{}')")
        .bind("id", repo.id())
        .bind("now", Timestamps.arg(now))
        .execute();
  }

  /** Whether a repository with this id exists. */
  public boolean exists(Handle h, String repoId) {
    return h.createQuery("SELECT COUNT(*) FROM repositories WHERE repo_id = :id")
            .bind("id", repoId)
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** One repository. */
  public Optional<RepositoryRecord> find(Handle h, String repoId) {
    return h.createQuery("SELECT * FROM repositories WHERE repo_id = :id")
        .bind("id", repoId)
        .map((rs, ctx) -> repository(rs))
        .findOne();
  }

  /** Every repository, by id; the stream must be closed. */
  public Stream<RepositoryRecord> all(Handle h) {
    return h
        .createQuery("SELECT * FROM repositories ORDER BY repo_id")
        .map((rs, ctx) -> repository(rs))
        .stream();
  }

  /** Rewrites the user-editable fields and the scratchpad. */
  public void update(Handle h, RepositoryRecord repo) {
    h.createUpdate(
            "UPDATE repositories SET display_name = :name, description = :description,"
                + " notes = :notes, scratchpad = :scratchpad WHERE repo_id = :id")
        .bind("id", repo.id())
        .bind("name", repo.displayName())
        .bind("description", repo.description())
        .bind("notes", Json.write(repo.notes()))
        .bind("scratchpad", Json.write(repo.scratchpad()))
        .execute();
  }

  /** Deletes the repository; importer, distributors and associations go with it. */
  public void delete(Handle h, String repoId) {
    h.createUpdate("DELETE FROM repositories WHERE repo_id = :id").bind("id", repoId).execute();
  }

  // -- importers ------------------------------------------------------------------------------

  /** Inserts or replaces the repository's importer. */
  public void putImporter(Handle h, ImporterRecord importer) {
    h.createUpdate("DELETE FROM repo_importers WHERE repo_id = :id")
        .bind("id", importer.repoId())
        .execute();
    h.createUpdate(
            "INSERT INTO repo_importers (repo_id, oid, importer_type_id, config, scratchpad,"
                + " last_sync, last_updated, last_override_config) VALUES (:repo, :oid, :type,"
                + " :config, :scratchpad, :lastSync, :lastUpdated, '{}')")
        .bind("repo", importer.repoId())
        .bind("oid", importer.oid())
        .bind("type", importer.typeId())
        .bind("config", Json.write(importer.config()))
        .bind(
            "scratchpad", importer.scratchpad() == null ? null : Json.write(importer.scratchpad()))
        .bind("lastSync", Timestamps.arg(importer.lastSync()))
        .bind("lastUpdated", Timestamps.arg(importer.lastUpdated()))
        .execute();
  }

  /** The repository's importer, if it has one. */
  public Optional<ImporterRecord> importer(Handle h, String repoId) {
    return h.createQuery("SELECT * FROM repo_importers WHERE repo_id = :id")
        .bind("id", repoId)
        .map((rs, ctx) -> importer(rs))
        .findOne();
  }

  /** Rewrites the importer's config. */
  public void updateImporterConfig(
      Handle h, String repoId, Map<String, Object> config, Instant now) {
    h.createUpdate(
            "UPDATE repo_importers SET config = :config, last_updated = :now WHERE repo_id = :id")
        .bind("id", repoId)
        .bind("config", Json.write(config))
        .bind("now", Timestamps.arg(now))
        .execute();
  }

  /** Records the start time of the last successful sync. */
  public void setLastSync(Handle h, String repoId, Instant when) {
    h.createUpdate("UPDATE repo_importers SET last_sync = :t WHERE repo_id = :id")
        .bind("id", repoId)
        .bind("t", Timestamps.arg(when))
        .execute();
  }

  /** Removes the importer and its sync schedules. */
  public void deleteImporter(Handle h, String repoId) {
    h.createUpdate("DELETE FROM schedules WHERE repo_id = :id AND kind = 'sync'")
        .bind("id", repoId)
        .execute();
    h.createUpdate("DELETE FROM repo_importers WHERE repo_id = :id").bind("id", repoId).execute();
  }

  /** Replaces the importer's scratchpad. */
  public void setImporterScratchpad(Handle h, String repoId, Map<String, Object> scratchpad) {
    h.createUpdate("UPDATE repo_importers SET scratchpad = :s WHERE repo_id = :id")
        .bind("id", repoId)
        .bind("s", Json.write(scratchpad))
        .execute();
  }

  // -- distributors ---------------------------------------------------------------------------

  /** Inserts a distributor. */
  public void insertDistributor(Handle h, DistributorRecord d, Instant now) {
    h.createUpdate(
            "INSERT INTO repo_distributors (repo_id, distributor_id, oid, distributor_type_id,"
                + " config, auto_publish, scratchpad, last_publish, last_updated,"
                + " last_override_config, created) VALUES (:repo, :id, :oid, :type, :config,"
                + " :auto, NULL, NULL, :now, '{}', :now)")
        .bind("repo", d.repoId())
        .bind("id", d.id())
        .bind("oid", d.oid())
        .bind("type", d.typeId())
        .bind("config", Json.write(d.config()))
        .bind("auto", d.autoPublish())
        .bind("now", Timestamps.arg(now))
        .execute();
  }

  /** One distributor of a repository. */
  public Optional<DistributorRecord> distributor(Handle h, String repoId, String distributorId) {
    return h.createQuery(
            "SELECT * FROM repo_distributors WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .map((rs, ctx) -> distributor(rs))
        .findOne();
  }

  /** A repository's distributors, in the order they were added. */
  public List<DistributorRecord> distributors(Handle h, String repoId) {
    return h.createQuery("SELECT * FROM repo_distributors WHERE repo_id = :repo ORDER BY seq")
        .bind("repo", repoId)
        .map((rs, ctx) -> distributor(rs))
        .list();
  }

  /** Distributors of one type on repositories other than {@code exceptRepoId}; close it. */
  public Stream<DistributorRecord> distributorsOfType(
      Handle h, String typeId, String exceptRepoId) {
    return h
        .createQuery(
            "SELECT * FROM repo_distributors WHERE distributor_type_id = :type AND repo_id <> :repo"
                + " ORDER BY repo_id, distributor_id")
        .bind("type", typeId)
        .bind("repo", exceptRepoId)
        .map((rs, ctx) -> distributor(rs))
        .stream();
  }

  /** Every repository's distributors, of every type; close it. */
  public Stream<DistributorRecord> allDistributors(Handle h) {
    return h
        .createQuery("SELECT * FROM repo_distributors ORDER BY repo_id, seq")
        .map((rs, ctx) -> distributor(rs))
        .stream();
  }

  /** Rewrites a distributor's config and auto-publish flag. */
  public void updateDistributor(
      Handle h,
      String repoId,
      String distributorId,
      Map<String, Object> config,
      boolean autoPublish,
      Instant now) {
    h.createUpdate(
            "UPDATE repo_distributors SET config = :config, auto_publish = :auto,"
                + " last_updated = :now WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .bind("config", Json.write(config))
        .bind("auto", autoPublish)
        .bind("now", Timestamps.arg(now))
        .execute();
  }

  /** Records the start time of the last successful (or skipped) publish. */
  public void setLastPublish(Handle h, String repoId, String distributorId, Instant when) {
    h.createUpdate(
            "UPDATE repo_distributors SET last_publish = :t"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .bind("t", Timestamps.arg(when))
        .execute();
  }

  /**
   * Records a successful publish: its start time, where it can be reached (replacing what the
   * previous publish reported) and the keys its override set (Pulp's {@code last_override_config}),
   * so the next publish without them is not skipped as unchanged: the tree served was made with
   * them. Only the keys are kept, not their values, which may be secrets.
   */
  public void setPublished(
      Handle h,
      String repoId,
      String distributorId,
      Instant when,
      List<PublishedLocation> locations,
      Set<String> overrideKeys) {
    Map<String, Object> keys = new TreeMap<>();
    overrideKeys.forEach(key -> keys.put(key, true));
    h.createUpdate(
            "UPDATE repo_distributors SET last_publish = :t, published_locations = :where,"
                + " last_override_config = :override"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .bind("t", Timestamps.arg(when))
        .bind("where", PublishedLocations.write(locations))
        .bind("override", Json.write(keys))
        .execute();
  }

  /** The keys the override of the distributor's last successful publish set, none when none. */
  public Set<String> lastOverrideKeys(Handle h, String repoId, String distributorId) {
    return h.createQuery(
            "SELECT last_override_config FROM repo_distributors"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .mapTo(String.class)
        .findOne()
        .map(json -> Set.copyOf(Json.readMap(json).keySet()))
        .orElse(Set.of());
  }

  /** Replaces a distributor's scratchpad. */
  public void setDistributorScratchpad(
      Handle h, String repoId, String distributorId, Map<String, Object> scratchpad) {
    h.createUpdate(
            "UPDATE repo_distributors SET scratchpad = :s"
                + " WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .bind("s", Json.write(scratchpad))
        .execute();
  }

  /** Removes a distributor and its publish schedules. */
  public void deleteDistributor(Handle h, String repoId, String distributorId) {
    h.createUpdate(
            "DELETE FROM schedules WHERE repo_id = :repo AND kind = 'publish' AND plugin_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .execute();
    h.createUpdate("DELETE FROM repo_distributors WHERE repo_id = :repo AND distributor_id = :id")
        .bind("repo", repoId)
        .bind("id", distributorId)
        .execute();
  }

  // -- row mapping ----------------------------------------------------------------------------

  static RepositoryRecord repository(ResultSet rs) throws SQLException {
    return new RepositoryRecord(
        rs.getString("repo_id"),
        rs.getString("oid"),
        rs.getString("display_name"),
        rs.getString("description"),
        Json.readMap(rs.getString("notes")),
        Json.readMap(rs.getString("scratchpad")),
        Timestamps.read(rs, "last_unit_added"),
        Timestamps.read(rs, "last_unit_removed"),
        rs.getLong("latest_version"),
        rs.getObject("retain_versions", Integer.class));
  }

  private static ImporterRecord importer(ResultSet rs) throws SQLException {
    return new ImporterRecord(
        rs.getString("repo_id"),
        rs.getString("oid"),
        rs.getString("importer_type_id"),
        Json.readMap(rs.getString("config")),
        Json.readMap(rs.getString("scratchpad")),
        Timestamps.read(rs, "last_sync"),
        Timestamps.read(rs, "last_updated"));
  }

  static DistributorRecord distributor(ResultSet rs) throws SQLException {
    return new DistributorRecord(
        rs.getString("repo_id"),
        rs.getString("distributor_id"),
        rs.getString("oid"),
        rs.getString("distributor_type_id"),
        Json.readMap(rs.getString("config")),
        rs.getBoolean("auto_publish"),
        Json.readMap(rs.getString("scratchpad")),
        Timestamps.read(rs, "last_publish"),
        Timestamps.read(rs, "last_updated"),
        PublishedLocations.read(rs.getString("published_locations")));
  }
}
