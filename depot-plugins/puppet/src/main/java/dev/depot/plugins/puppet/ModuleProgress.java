package dev.depot.plugins.puppet;

import dev.depot.plugin.ProgressReporter;
import dev.depot.plugin.SyncReport;
import dev.depot.publish.sync.SyncProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A puppet sync's progress, in two steps as Pulp's puppet importer reported it: {@code metadata}
 * (the Forge queries or the manifest, done of total) then {@code modules} (the SDK's {@link
 * SyncProgress}: files, bytes, speed, failed files with their reasons). Its reports carry how many
 * modules were added, failed and removed, and {@code warnings} (under {@code modules}; at the top
 * of the summary): each query that matched no module, which would otherwise end as a sync that
 * succeeded having mirrored nothing, and no one the wiser. The sync's final reports are built here.
 */
final class ModuleProgress {
  final SyncProgress modules;
  private final AtomicLong queriesTotal = new AtomicLong();
  private final AtomicLong queriesDone = new AtomicLong();
  private final AtomicLong added = new AtomicLong();
  private volatile long removed;
  private volatile String metadataState = "not_started";

  ModuleProgress(ProgressReporter reporter) {
    this.modules = new SyncProgress(reporter, this::shape);
  }

  /** The sync starts reading its listing: {@code queries} Forge queries (1 for a manifest). */
  void fetchingMetadata(long queries) {
    queriesTotal.set(queries);
    metadataState = "in_progress";
    modules.state("fetching_metadata");
  }

  /** One query (or the manifest) is read; reported at once, as queries are few and slow. */
  void queryDone() {
    queriesDone.incrementAndGet();
    modules.state("fetching_metadata");
  }

  /** Query {@code term} matched no module of the feed: said in every report from now on. */
  void unmatched(String term) {
    modules.warn("query '" + term + "' matched no module of the feed; it mirrors nothing");
  }

  /** The listing is read: {@code files} modules to bring. */
  void fetchingModules(long files, long bytes) {
    metadataState = "finished";
    modules.planned(files, bytes);
    modules.state("fetching_modules");
  }

  /** A module new to the repository was saved. */
  void added() {
    added.incrementAndGet();
  }

  /** The final report of a sync that went through; files may have failed. */
  SyncReport finished(long removedUnits) {
    removed = removedUnits;
    if (modules.errorCount() > 0) {
      SyncReport.Failed failed = modules.filesFailed("failed");
      return SyncReport.failure(failed.errorMessage(), summary(), failed.details());
    }
    modules.state("complete");
    return SyncReport.success(added.get(), 0, removed, summary(), modules.snapshot());
  }

  /** The final report of a sync that could not go on: {@code message} says why. */
  SyncReport failed(String message) {
    if (!"finished".equals(metadataState)) {
      metadataState = "failed";
    }
    SyncReport.Failed failed = modules.failure("failed", message);
    return SyncReport.failure(message, summary(), failed.details());
  }

  /** The final report of a cancelled sync; what finished is kept. */
  SyncReport cancelled() {
    SyncReport.Canceled cancelled = modules.cancelled("cancelled");
    return SyncReport.canceled(summary(), cancelled.details());
  }

  /** What the sync did, in short: the counts a user reads first. */
  Map<String, Object> summary() {
    SyncProgress.Snapshot now = modules.current();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("state", now.state());
    summary.put("modules_added", added.get());
    summary.put("modules_failed", now.errorCount());
    summary.put("modules_removed", removed);
    if (!now.warnings().isEmpty()) {
      summary.put("warnings", now.warnings());
    }
    return summary;
  }

  private Map<String, Object> shape(SyncProgress.Snapshot snapshot) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("state", metadataState);
    metadata.put("query_total_count", queriesTotal.get());
    metadata.put("query_finished_count", queriesDone.get());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", snapshot.state());
    report.put("metadata", metadata);
    report.put("modules", snapshot.report());
    report.put("modules_added", added.get());
    report.put("modules_failed", snapshot.errorCount());
    report.put("modules_removed", removed);
    // The warnings are in the report once, under "modules", where the SDK's report lists them for
    // every type; the summary, which has no step, lists them at its top.
    return report;
  }
}
