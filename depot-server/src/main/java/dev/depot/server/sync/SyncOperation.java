package dev.depot.server.sync;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncReport;
import dev.depot.server.conduit.TaskSyncConduit;
import dev.depot.server.db.Timestamps;
import dev.depot.server.history.History;
import dev.depot.server.history.HistoryEntry;
import dev.depot.server.history.HistoryJson;
import dev.depot.server.publish.PublishOperation;
import dev.depot.server.repo.DistributorRecord;
import dev.depot.server.repo.ImporterRecord;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskErrors;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.WorkingDirectories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an importer's {@code syncRepo} as a task: three-layer config, a working directory, the
 * cancel hook wired to the same importer instance, a history entry whatever the outcome, and a
 * publish task for every auto-publish distributor after a sync that did not fail.
 */
public final class SyncOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE = "pulp.server.managers.repo.sync.sync";

  private final RepositoryServices services;
  private final History history;
  private final TaskQueue queue;
  private final WorkingDirectories workingDirs;

  /** Wires the operation. */
  public SyncOperation(
      RepositoryServices services,
      History history,
      TaskQueue queue,
      WorkingDirectories workingDirs) {
    this.services = services;
    this.history = history;
    this.queue = queue;
    this.workingDirs = workingDirs;
  }

  @Override
  public TaskOutcome run(RunningTask task) throws Exception {
    String repoId = task.arg("repo_id");
    RepositoryRecord repo = services.repository(repoId);
    ImporterRecord importerRecord = services.importer(repoId);
    Importer importer = services.plugins().newImporter(importerRecord.typeId());
    PluginCallConfiguration config =
        new PluginCallConfiguration(
            services.defaults().forPlugin(importerRecord.typeId()),
            importerRecord.config(),
            task.mapArg("override_config"));
    TaskSyncConduit conduit = new TaskSyncConduit(services, task, repoId, importerRecord.typeId());
    Instant started = Timestamps.now();
    Path workDir = workingDirs.create(task.id());
    SyncReport report;
    try {
      Repository view =
          services.jdbi().withHandle(h -> services.views().view(h, repo)).withWorkingDir(workDir);
      task.onCancel(importer::cancelSyncRepo);
      report = importer.syncRepo(view, conduit, config);
    } catch (Exception e) {
      HistoryEntry entry =
          history.recordSync(
              entry(
                  repoId,
                  importerRecord,
                  started,
                  "error",
                  e.toString(),
                  new Counts(null, null, null),
                  null));
      return new TaskOutcome.Failed(HistoryJson.sync(entry), TaskErrors.of(e), e.toString());
    } finally {
      // A cancel may have interrupted the plugin; the platform's own writes must still run.
      Thread.interrupted();
      workingDirs.delete(workDir);
    }
    return outcome(repoId, importerRecord, started, conduit, report);
  }

  /** The task's outcome for the plugin's report, recorded in the history (and as last sync). */
  private TaskOutcome outcome(
      String repoId,
      ImporterRecord importerRecord,
      Instant started,
      TaskSyncConduit conduit,
      SyncReport report) {
    Recorder recorder = new Recorder(repoId, importerRecord, started, conduit, report);
    return switch (report) {
      case SyncReport.Synced synced -> {
        Map<String, Object> json =
            recorded(
                recorder.entry(
                    "success", null, Math.max(synced.updatedCount(), conduit.updatedCount())));
        services.jdbi().useHandle(h -> services.repos().setLastSync(h, repoId, started));
        yield new TaskOutcome.Finished(json, autoPublish(repoId));
      }
      case SyncReport.Failed failed -> {
        // Pulp says only "Importer indicated a failed response"; the plugin's own words say why.
        String cause =
            failed.errorMessage() == null || failed.errorMessage().isBlank()
                ? "Importer indicated a failed response"
                : failed.errorMessage();
        yield new TaskOutcome.Failed(
            recorded(recorder.entry("failed", cause, 0)),
            TaskErrors.error("PLP0000", cause, Map.of()),
            null);
      }
      case SyncReport.Canceled canceled ->
          new TaskOutcome.Canceled(recorded(recorder.entry("canceled", null, 0)));
    };
  }

  private Map<String, Object> recorded(HistoryEntry entry) {
    return HistoryJson.sync(history.recordSync(entry));
  }

  /** The history entry of one finished sync; the added and removed counts the platform saw win. */
  private record Recorder(
      String repoId,
      ImporterRecord importer,
      Instant started,
      TaskSyncConduit conduit,
      SyncReport report) {

    HistoryEntry entry(String result, String error, long updated) {
      return SyncOperation.entry(
          repoId,
          importer,
          started,
          result,
          error,
          new Counts(conduit.addedCount(), updated, conduit.removedCount()),
          report);
    }
  }

  private List<String> autoPublish(String repoId) {
    List<String> spawned = new ArrayList<>();
    for (DistributorRecord d :
        services.jdbi().withHandle(h -> services.repos().distributors(h, repoId))) {
      if (d.autoPublish()) {
        spawned.add(queue.enqueue(PublishOperation.task(repoId, d.id(), Map.of())).taskId());
      }
    }
    return spawned;
  }

  /** A history entry's counts; null where the sync never got to count. */
  private record Counts(Long added, Long updated, Long removed) {}

  /** The history entry of a sync; {@code report} is null when the importer never returned one. */
  private static HistoryEntry entry(
      String repoId,
      ImporterRecord importer,
      Instant started,
      String result,
      String error,
      Counts counts,
      SyncReport report) {
    return new HistoryEntry(
        null,
        repoId,
        importer.typeId(),
        importer.typeId(),
        started,
        Timestamps.now(),
        result,
        error,
        null,
        counts.added(),
        counts.updated(),
        counts.removed(),
        report == null ? null : report.summary(),
        report == null ? null : report.details());
  }

  /** The task that syncs a repository. */
  public static dev.depot.server.task.NewTask task(String repoId, Map<String, Object> override) {
    return dev.depot.server.task.NewTask.onRepository(
        TYPE, repoId, "sync", Map.of("repo_id", repoId, "override_config", override));
  }
}
