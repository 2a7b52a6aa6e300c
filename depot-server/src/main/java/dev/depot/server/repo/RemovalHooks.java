package dev.depot.server.repo;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import dev.depot.server.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' removed-hooks of distributors and importers already deleted from the database, of
 * repositories and of repository groups. A removed-hook deletes what was published, which no
 * transaction can undo: run inside the removing transaction, a crash after the hook but before the
 * commit left a repository that still existed but was no longer served; run after it, unrecorded, a
 * crash in between left a tree served that no row named. So the removal records its hooks in the
 * transaction that deletes the rows ({@code removal_hooks}), and they run once it committed; a
 * crash in between leaves them recorded, and the next start, a worker's housekeeping or the next
 * claim of an id or served path runs them again. Hooks are idempotent (deleting what is already
 * gone is no error).
 */
public final class RemovalHooks {
  private static final Logger LOG = LoggerFactory.getLogger(RemovalHooks.class);
  private static final String DISTRIBUTOR = "distributor";
  private static final String IMPORTER = "importer";
  private static final String GROUP_DISTRIBUTOR = "group_distributor";

  private final Jdbi jdbi;
  private final PluginRegistry plugins;
  private final PluginCalls calls;

  RemovalHooks(Jdbi jdbi, PluginRegistry plugins, PluginCalls calls) {
    this.jdbi = jdbi;
    this.plugins = plugins;
    this.calls = calls;
  }

  /** A hook still due, as recorded; {@code owner} is the plugin view of its repository or group. */
  private record Due(
      long seq,
      String kind,
      String typeId,
      String distributorId,
      Map<String, Object> config,
      Map<String, Object> owner) {

    String describe() {
      return kind
          + " "
          + typeId
          + (GROUP_DISTRIBUTOR.equals(kind) ? " of group " : " of ")
          + owner.get("id");
    }
  }

  /** What a hook belongs to: a repository or a repository group, with its plugin view. */
  private record Owner(String repoId, String groupId, Map<String, Object> view) {}

  /** Records, in the removing transaction, a distributor's hook to run once that commits. */
  void distributorGoing(Handle h, Repository repo, DistributorRecord distributor) {
    Owner owner = new Owner(repo.id(), null, viewJson(repo));
    record(h, owner, DISTRIBUTOR, distributor.typeId(), distributor.id(), distributor.config());
  }

  /** Records, in the removing transaction, an importer's hook to run once that commits. */
  void importerGoing(Handle h, Repository repo, ImporterRecord importer) {
    Owner owner = new Owner(repo.id(), null, viewJson(repo));
    record(h, owner, IMPORTER, importer.typeId(), null, importer.config());
  }

  /**
   * Records, in the transaction that deletes a repository group's distributor (alone or with its
   * group), its hook to run once that commits; then {@link #finishGroup} runs it.
   *
   * @param group the group as the hook is to see it
   * @param config the distributor's stored config (the plugin defaults are added when it runs)
   */
  public void groupDistributorGoing(
      Handle h,
      RepositoryGroup group,
      String typeId,
      String distributorId,
      Map<String, Object> config) {
    Owner owner = new Owner(null, group.id(), groupJson(group));
    record(h, owner, GROUP_DISTRIBUTOR, typeId, distributorId, config);
  }

  private static void record(
      Handle h,
      Owner owner,
      String kind,
      String typeId,
      String distributorId,
      Map<String, Object> config) {
    h.createUpdate(
            "INSERT INTO removal_hooks (repo_id, group_id, plugin_kind, type_id, distributor_id,"
                + " config, repository, created) VALUES (:repo, :group, :kind, :type,"
                + " :distributor, :config, :repository, :created)")
        .bind("repo", owner.repoId())
        .bind("group", owner.groupId())
        .bind("kind", kind)
        .bind("type", typeId)
        .bind("distributor", distributorId)
        .bind("config", Json.write(config))
        .bind("repository", Json.write(owner.view()))
        .bind("created", Timestamps.arg(Timestamps.now()))
        .execute();
  }

  /** Runs the hooks due for one repository, once its removal committed. */
  void finish(String repoId) {
    run(dueWhere("repo_id", repoId));
  }

  /**
   * Runs the hooks due for one repository group, once its or its distributor's removal committed.
   */
  public void finishGroup(String groupId) {
    run(dueWhere("group_id", groupId));
  }

  private List<Long> dueWhere(String column, String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT seq FROM removal_hooks WHERE " + column + " = :id ORDER BY seq")
                .bind("id", id)
                .mapTo(Long.class)
                .list());
  }

  /**
   * Runs every hook still due: those a crash or a failure left. At start, in workers' housekeeping,
   * and before anything claims an id or a served path a pending hook would clean up after.
   */
  public void finishAll() {
    run(
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT seq FROM removal_hooks ORDER BY seq")
                    .mapTo(Long.class)
                    .list()));
  }

  private void run(List<Long> due) {
    for (long seq : due) {
      try {
        runOne(seq);
      } catch (RuntimeException e) {
        // The removal itself is committed; the hook stays recorded for the next sweep.
        LOG.warn("A removed-hook could not run now; it is kept to run again", e);
      }
    }
  }

  /**
   * Runs one hook with its row locked: two processes never run it at once, and whoever looks next
   * (a new repository of the same id, say) waits until it has run.
   */
  private void runOne(long seq) {
    jdbi.useTransaction(
        h -> {
          Optional<Due> due =
              h.createQuery("SELECT * FROM removal_hooks WHERE seq = :seq FOR UPDATE")
                  .bind("seq", seq)
                  .map((rs, ctx) -> due(rs))
                  .findOne();
          if (due.isEmpty()) {
            return; // run meanwhile by another thread or process
          }
          try {
            call(due.get());
          } catch (LinkageError e) {
            // A plugin built against another SDK fails the same way every time: retrying it at
            // each start and each create would only repeat the failure.
            Due failed = due.get();
            LOG.warn("{} failed to clean up; not retried", failed.describe(), e);
          }
          h.createUpdate("DELETE FROM removal_hooks WHERE seq = :seq").bind("seq", seq).execute();
        });
  }

  /** The hook, when its plugin is still installed (otherwise there is nobody to call). */
  private void call(Due due) {
    PluginCallConfiguration config = calls.config(due.typeId(), due.config());
    switch (due.kind()) {
      case DISTRIBUTOR -> {
        Repository repo = view(due.owner());
        if (plugins.hasDistributor(due.typeId())) {
          calls.distributorRemoved(
              plugins.newDistributor(due.typeId()), due.distributorId(), repo, config);
        }
        removeEmptyMasterDirectory(due.typeId(), repo.id());
      }
      case IMPORTER -> {
        if (plugins.hasImporter(due.typeId())) {
          calls.importerRemoved(plugins.newImporter(due.typeId()), view(due.owner()), config);
        }
      }
      case GROUP_DISTRIBUTOR -> {
        if (plugins.hasGroupDistributor(due.typeId())) {
          calls.groupDistributorRemoved(
              plugins.newGroupDistributor(due.typeId()),
              due.distributorId(),
              groupView(due.owner()),
              config);
        }
      }
      // Recorded by a newer Depot sharing the database: kept for it to run.
      default -> throw new IllegalStateException("unknown removed-hook kind " + due.kind());
    }
  }

  /**
   * Deletes {@code master/<type>/<repo>} once no distributor of the type keeps trees there, so a
   * deleted repository leaves no empty directory behind. Only an empty real directory goes: a
   * symlink there is not followed, a directory with entries stays.
   */
  private void removeEmptyMasterDirectory(String typeId, String repoId) {
    Path repoDir = plugins.platform().masterDir(typeId, repoId, "_").getParent();
    if (!Files.isDirectory(repoDir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.delete(repoDir);
    } catch (DirectoryNotEmptyException | NoSuchFileException kept) {
      // Another distributor of the type keeps its trees there, or it is gone already.
    } catch (IOException e) {
      LOG.warn("Could not remove the empty directory {}", repoDir, e);
    }
  }

  private static Due due(ResultSet rs) throws SQLException {
    return new Due(
        rs.getLong("seq"),
        rs.getString("plugin_kind"),
        rs.getString("type_id"),
        rs.getString("distributor_id"),
        Json.readMap(rs.getString("config")),
        Json.readMap(rs.getString("repository")));
  }

  /** The plugin view as recorded: what the hook would have been given before the delete. */
  private static Map<String, Object> viewJson(Repository repo) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", repo.id());
    json.put("display_name", repo.displayName());
    json.put("description", repo.description());
    json.put("notes", repo.notes());
    json.put("content_unit_counts", repo.contentUnitCounts());
    json.put("last_unit_added", instant(repo.lastUnitAdded()));
    json.put("last_unit_removed", instant(repo.lastUnitRemoved()));
    return json;
  }

  /** A group's plugin view as recorded, without the working directory a task would give it. */
  private static Map<String, Object> groupJson(RepositoryGroup group) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", group.id());
    json.put("display_name", group.displayName());
    json.put("description", group.description());
    json.put("notes", group.notes());
    json.put("repo_ids", group.repoIds());
    return json;
  }

  @SuppressWarnings("unchecked")
  private static RepositoryGroup groupView(Map<String, Object> json) {
    Object notes = json.get("notes");
    Object members = json.get("repo_ids");
    return new RepositoryGroup(
        (String) json.get("id"),
        (String) json.get("display_name"),
        (String) json.get("description"),
        notes instanceof Map<?, ?> ? (Map<String, Object>) notes : Map.of(),
        members instanceof List<?> ? (List<String>) members : List.of(),
        null);
  }

  @SuppressWarnings("unchecked")
  private static Repository view(Map<String, Object> json) {
    Map<String, Long> counts = new LinkedHashMap<>();
    Object recorded = json.get("content_unit_counts");
    if (recorded instanceof Map<?, ?> map) {
      map.forEach((type, n) -> counts.put(type.toString(), ((Number) n).longValue()));
    }
    Object notes = json.get("notes");
    return new Repository(
        (String) json.get("id"),
        (String) json.get("display_name"),
        (String) json.get("description"),
        notes instanceof Map<?, ?> ? (Map<String, Object>) notes : Map.of(),
        null,
        counts,
        instant(json.get("last_unit_added")),
        instant(json.get("last_unit_removed")));
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(Object text) {
    return text == null ? null : Instant.parse(text.toString());
  }
}
