package dev.depot.server.publish;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.server.conduit.TaskPublishConduit;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.MissingResource;
import dev.depot.server.history.History;
import dev.depot.server.history.HistoryEntry;
import dev.depot.server.history.HistoryJson;
import dev.depot.server.repo.DistributorRecord;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskErrors;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import dev.depot.server.task.WorkingDirectories;
import dev.depot.server.version.PublishedVersions;
import dev.depot.server.version.RepositoryVersions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a distributor's {@code publishRepo} as a task. A publish is skipped when nothing changed
 * since the last successful one (no unit added or removed, config untouched, no override, its local
 * trees still there, and the last publish had no override either: its tree was made with it) unless
 * {@code force_full} is set; {@code last_publish} is then still set, as in Pulp. A distributor with
 * a {@code predistributor_id} (rsync) is skipped instead when that distributor has not published
 * since this one last did.
 */
public final class PublishOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE = "pulp.server.managers.repo.publish.publish";

  static final String SKIPPED = "Skipped: Repository content has not changed since last publish.";

  private final RepositoryServices services;
  private final History history;
  private final WorkingDirectories workingDirs;
  private final OverrideCheck overrideCheck;

  /**
   * Checks a publish's {@code override_config} as the config it makes (the REST API does it when
   * the publish is asked; a schedule made before, or a config changed since, is checked again when
   * its publish runs).
   */
  @FunctionalInterface
  public interface OverrideCheck {
    /**
     * @throws dev.depot.server.error.DepotException naming {@code override_config} when the config
     *     it makes is refused
     */
    void check(String repoId, String distributorId, Map<String, Object> override);
  }

  /** Wires the operation. */
  public PublishOperation(
      RepositoryServices services,
      History history,
      WorkingDirectories workingDirs,
      OverrideCheck overrideCheck) {
    this.services = services;
    this.history = history;
    this.workingDirs = workingDirs;
    this.overrideCheck = overrideCheck;
  }

  /** The task that publishes one distributor of a repository, at its latest version. */
  public static NewTask task(String repoId, String distributorId, Map<String, Object> override) {
    return task(repoId, distributorId, override, null);
  }

  /**
   * The task that publishes one distributor of a repository.
   *
   * @param version the repository version to publish; null for the latest when the task runs
   */
  public static NewTask task(
      String repoId, String distributorId, Map<String, Object> override, Long version) {
    Map<String, Object> args = new java.util.LinkedHashMap<>();
    args.put("repo_id", repoId);
    args.put("distributor_id", distributorId);
    args.put("override_config", override);
    if (version != null) {
      args.put("version", version);
    }
    return NewTask.onRepository(
        TYPE, repoId, "publish", args, "pulp:repository_distributor:" + distributorId);
  }

  @Override
  public TaskOutcome run(RunningTask task) throws Exception {
    String repoId = task.arg("repo_id");
    String distributorId = task.arg("distributor_id");
    RepositoryRecord repo = services.repository(repoId);
    DistributorRecord record =
        services
            .jdbi()
            .withHandle(h -> services.repos().distributor(h, repoId, distributorId))
            .orElseThrow(
                () -> MissingResource.of("repository", repoId, "distributor", distributorId));
    Map<String, Object> override = task.mapArg("override_config");
    PluginCallConfiguration config =
        new PluginCallConfiguration(
            services.defaults().forPlugin(record.typeId()), record.config(), override);
    Instant started = Timestamps.now();
    long version = version(task, repoId);
    Optional<TaskOutcome> early =
        refusedOverride(record, override, started)
            .or(() -> skipped(repo, record, override, config, version, started));
    if (early.isPresent()) {
      return early.get();
    }
    Distributor distributor = services.plugins().newDistributor(record.typeId());
    Path workDir = workingDirs.create(task.id());
    // Before the plugin can switch a tree in: a kill between its switch and the recorded success
    // must not leave a served tree whose version pruning and orphan cleanup do not spare.
    services.jdbi().useTransaction(h -> PublishedVersions.begin(h, repoId, distributorId, version));
    PublishReport report;
    try {
      Repository view =
          services
              .jdbi()
              .inTransaction(
                  h ->
                      services
                          .views()
                          .view(repo, RepositoryVersions.contentCounts(h, repoId, version)))
              .withWorkingDir(workDir);
      TaskPublishConduit conduit =
          new TaskPublishConduit(services, task, repoId, distributorId, version);
      task.onCancel(distributor::cancelPublishRepo);
      report = distributor.publishRepo(view, conduit, config);
    } catch (Exception e) {
      abandon(record);
      HistoryEntry entry =
          history.recordPublish(entry(record, started, "error", e.toString(), null, null));
      return new TaskOutcome.Failed(HistoryJson.publish(entry), TaskErrors.of(e), e.toString());
    } finally {
      // A cancel may have interrupted the plugin; the platform's own writes must still run.
      Thread.interrupted();
      workingDirs.delete(workDir);
    }
    return outcome(record, started, report, version, overrideKeys(override));
  }

  /** A publish whose override makes a config refused now fails before anything is published. */
  private Optional<TaskOutcome> refusedOverride(
      DistributorRecord record, Map<String, Object> override, Instant started) {
    if (override == null || override.isEmpty()) {
      return Optional.empty();
    }
    try {
      overrideCheck.check(record.repoId(), record.id(), override);
      return Optional.empty();
    } catch (dev.depot.server.error.DepotException e) {
      HistoryEntry entry =
          history.recordPublish(entry(record, started, "error", e.getMessage(), null, null));
      return Optional.of(
          new TaskOutcome.Failed(HistoryJson.publish(entry), TaskErrors.of(e), e.toString()));
    }
  }

  /** The skipped outcome of a publish with nothing to do, recorded; empty when it has work. */
  private Optional<TaskOutcome> skipped(
      RepositoryRecord repo,
      DistributorRecord record,
      Map<String, Object> override,
      PluginCallConfiguration config,
      long version,
      Instant started) {
    String repoId = repo.id();
    // A publish killed midway may have switched in a tree of another version or config than the
    // last recorded one: publish again rather than trust the record.
    boolean sameVersion =
        services
            .jdbi()
            .withHandle(
                h ->
                    PublishedVersions.of(h, repoId, record.id())
                            .equals(java.util.OptionalLong.of(version))
                        && !PublishedVersions.killedMidway(h, repoId, record.id()));
    // Pulp's same_override: the tree served was made with an override, so it is not what this
    // publish would make even when nothing else changed.
    boolean lastOverridden =
        !services
            .jdbi()
            .withHandle(h -> services.repos().lastOverrideKeys(h, repoId, record.id()))
            .isEmpty();
    if (!sameVersion
        || lastOverridden
        || !unchanged(repo, record, override, config, predistributorLastPublish(repoId, config))
        || !treesStillThere(record)) {
      return Optional.empty();
    }
    services
        .jdbi()
        .useHandle(h -> services.repos().setLastPublish(h, repoId, record.id(), started));
    HistoryEntry entry =
        history.recordPublish(entry(record, started, "skipped", null, SKIPPED, SKIPPED));
    return Optional.of(new TaskOutcome.Skipped(HistoryJson.publish(entry)));
  }

  /**
   * Whether every local tree the last publish reported is still there: one removed by hand (or lost
   * with a disk) is published again instead of the publish being skipped as unchanged.
   */
  static boolean treesStillThere(DistributorRecord record) {
    if (record.published() == null) {
      return true;
    }
    return record.published().stream()
        .map(dev.depot.plugin.PublishedLocation::treePath)
        .filter(java.util.Objects::nonNull)
        .allMatch(java.nio.file.Files::isDirectory);
  }

  /** The version asked for, still kept, or the latest. */
  private long version(RunningTask task, String repoId) {
    Object asked = task.record().args().get("version");
    return services
        .jdbi()
        .withHandle(
            h -> {
              if (asked == null) {
                return PublishedVersions.latest(h, repoId);
              }
              long number = ((Number) asked).longValue();
              if (!PublishedVersions.kept(h, repoId, number)) {
                throw new MissingResource(Map.of("repository", repoId, "version", number));
              }
              return number;
            });
  }

  /** The task's outcome for the plugin's report, recorded in the history (and as last publish). */
  private TaskOutcome outcome(
      DistributorRecord record,
      Instant started,
      PublishReport report,
      long version,
      Set<String> overrideKeys) {
    String repoId = record.repoId();
    String distributorId = record.id();
    return switch (report) {
      case PublishReport.Published published -> {
        services
            .jdbi()
            .useTransaction(
                h -> {
                  // First: it locks the repository's row, which other writers lock before their
                  // distributors' rows too.
                  PublishedVersions.record(h, repoId, distributorId, version);
                  services
                      .repos()
                      .setPublished(
                          h, repoId, distributorId, started, published.locations(), overrideKeys);
                });
        HistoryEntry entry =
            history.recordPublish(
                entry(record, started, "success", null, report.summary(), report.details()));
        yield new TaskOutcome.Finished(HistoryJson.publish(entry), List.of());
      }
      case PublishReport.Failed failed -> {
        abandon(record);
        String message = "Distributor " + distributorId + " failed to publish repository " + repoId;
        HistoryEntry entry =
            history.recordPublish(
                entry(record, started, "failed", message, report.summary(), report.details()));
        yield new TaskOutcome.Failed(
            HistoryJson.publish(entry),
            TaskErrors.error(
                "PLP0034",
                message,
                Map.of(
                    "distributor_id", distributorId,
                    "repo_id", repoId,
                    "summary", String.valueOf(report.summary()))),
            null);
      }
      case PublishReport.Canceled canceled -> {
        abandon(record);
        HistoryEntry entry =
            history.recordPublish(
                entry(record, started, "canceled", null, report.summary(), report.details()));
        yield new TaskOutcome.Canceled(HistoryJson.publish(entry));
      }
    };
  }

  /** The keys an override sets that shape the tree; {@code force_full} only forces a publish. */
  private static Set<String> overrideKeys(Map<String, Object> override) {
    Set<String> keys = new java.util.TreeSet<>(override == null ? Set.of() : override.keySet());
    keys.remove("force_full");
    return keys;
  }

  /** A failed or cancelled publish left the previous tree served: its version needs no pin. */
  private void abandon(DistributorRecord record) {
    services.jdbi().useHandle(h -> PublishedVersions.abandon(h, record.repoId(), record.id()));
  }

  private static boolean unchanged(
      RepositoryRecord repo,
      DistributorRecord distributor,
      Map<String, Object> override,
      PluginCallConfiguration config,
      Optional<Instant> predistributorLastPublish) {
    Instant last = distributor.lastPublish();
    if (last == null
        || !override.isEmpty()
        || config.getBoolean("force_full", false)
        || !notAfter(distributor.lastUpdated(), last)) {
      return false;
    }
    if (config.contains("predistributor_id")) {
      // Pulp: a distributor that pushes another's published tree (rsync) has nothing new to push
      // until that one publishes again. A missing or never-published one is left to the plugin,
      // which says so.
      return predistributorLastPublish.map(pre -> !pre.isAfter(last)).orElse(false);
    }
    return notAfter(repo.lastUnitAdded(), last) && notAfter(repo.lastUnitRemoved(), last);
  }

  private Optional<Instant> predistributorLastPublish(
      String repoId, PluginCallConfiguration config) {
    Optional<String> id;
    try {
      id = config.getString("predistributor_id");
    } catch (RuntimeException e) {
      return Optional.empty(); // not a string: the plugin's validation says so
    }
    return id.flatMap(
        pre ->
            services
                .jdbi()
                .withHandle(h -> services.repos().distributor(h, repoId, pre))
                .map(DistributorRecord::lastPublish));
  }

  private static boolean notAfter(Instant when, Instant reference) {
    return when == null || !when.isAfter(reference);
  }

  private static HistoryEntry entry(
      DistributorRecord d,
      Instant started,
      String result,
      String error,
      Object summary,
      Object details) {
    return new HistoryEntry(
        null,
        d.repoId(),
        d.id(),
        d.typeId(),
        started,
        Timestamps.now(),
        result,
        error,
        null,
        null,
        null,
        null,
        summary,
        details);
  }
}
