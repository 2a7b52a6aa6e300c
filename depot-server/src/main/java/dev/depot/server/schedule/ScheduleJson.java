package dev.depot.server.schedule;

import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.RepositoryJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pulp's JSON shape of a schedule. */
public final class ScheduleJson {
  private ScheduleJson() {}

  /** A schedule, under its importer's or distributor's path. */
  public static Map<String, Object> of(ScheduleRecord s) {
    boolean sync = s.kind().equals(Schedules.SYNC);
    String base =
        "/pulp/api/v2/repositories/"
            + s.repoId()
            + (sync ? "/importers/" : "/distributors/")
            + s.pluginId()
            + "/schedules/"
            + s.kind()
            + "/";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", s.id());
    json.put("_href", base + s.id() + "/");
    json.put("schedule", s.schedule());
    json.put("args", sync ? List.of(s.repoId()) : List.of(s.repoId(), s.pluginId()));
    // Masked as the config it overrides is: a sync's override may carry a password or a key.
    json.put(
        "kwargs",
        Map.of(
            "overrides", RepositoryJson.masked(s.overrideConfig()), "scheduled_call_id", s.id()));
    json.put("enabled", s.enabled());
    json.put("failure_threshold", s.failureThreshold());
    json.put("consecutive_failures", s.consecutiveFailures());
    json.put("remaining_runs", s.remainingRuns());
    json.put("first_run", Timestamps.format(s.firstRun()));
    json.put("last_run_at", Timestamps.format(s.lastRunAt()));
    json.put("next_run", Timestamps.format(s.nextRun()));
    json.put("last_updated", s.lastUpdated().toEpochMilli() / 1000.0);
    json.put("total_run_count", s.totalRunCount());
    json.put(
        "resource",
        (sync ? "pulp:importer:" : "pulp:distributor:") + s.repoId() + ":" + s.pluginId());
    json.put(
        "task",
        sync
            ? "pulp.server.tasks.repository.sync_with_auto_publish"
            : "pulp.server.tasks.repository.publish");
    return json;
  }
}
