package dev.depot.server.schedule;

import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.MissingResource;
import dev.depot.server.publish.PublishOperation;
import dev.depot.server.sync.SyncOperation;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.TaskRecord;
import dev.depot.server.task.TaskState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled syncs and publishes. Any number of processes may call {@link #fireDue()}: a schedule
 * fires only for the process whose conditional update moves its {@code next_run} forward, so each
 * due run is queued exactly once.
 */
public final class Schedules {
  /** Schedules of syncs. */
  public static final String SYNC = "sync";

  /** Schedules of publishes. */
  public static final String PUBLISH = "publish";

  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

  private final Jdbi jdbi;
  private final TaskQueue queue;

  /** Schedules whose last attempt to fire failed, so that the log says so once, not each tick. */
  private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Binds the schedules to the database and the queue. */
  public Schedules(Jdbi jdbi, TaskQueue queue) {
    this.jdbi = jdbi;
    this.queue = queue;
  }

  /**
   * Creates a schedule.
   *
   * @param kind {@link #SYNC} or {@link #PUBLISH}
   */
  public ScheduleRecord create(
      String kind,
      String repoId,
      String pluginId,
      IsoSchedule schedule,
      Map<String, Object> overrideConfig,
      boolean enabled,
      Integer failureThreshold) {
    Instant now = Timestamps.now();
    Instant first = schedule.firstRun(now);
    String id = ObjectIds.next();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO schedules (schedule_id, kind, repo_id, plugin_id, schedule,"
                        + " override_config, enabled, failure_threshold, consecutive_failures,"
                        + " remaining_runs, first_run, next_run, total_run_count, last_updated)"
                        + " VALUES (:id, :kind, :repo, :plugin, :schedule, :override, :enabled,"
                        + " :threshold, 0, :remaining, :first, :first, 0, :now)")
                .bind("id", id)
                .bind("kind", kind)
                .bind("repo", repoId)
                .bind("plugin", pluginId)
                .bind("schedule", schedule.text())
                .bind("override", Json.write(overrideConfig))
                .bind("enabled", enabled)
                .bind("threshold", failureThreshold)
                .bind("remaining", schedule.recurrences())
                .bind("first", Timestamps.arg(first))
                .bind("now", Timestamps.arg(now))
                .execute());
    return get(kind, repoId, pluginId, id);
  }

  /** The schedules of one importer or distributor. */
  public List<ScheduleRecord> list(String kind, String repoId, String pluginId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM schedules WHERE kind = :kind AND repo_id = :repo"
                        + " AND plugin_id = :plugin ORDER BY first_run, schedule_id")
                .bind("kind", kind)
                .bind("repo", repoId)
                .bind("plugin", pluginId)
                .map((rs, ctx) -> schedule(rs))
                .list());
  }

  /** One schedule (404 naming it if it is not this importer's or distributor's). */
  public ScheduleRecord get(String kind, String repoId, String pluginId, String id) {
    return jdbi.withHandle(h -> find(h, kind, repoId, pluginId, id));
  }

  private ScheduleRecord find(Handle h, String kind, String repoId, String pluginId, String id) {
    return h.createQuery(
            "SELECT * FROM schedules WHERE schedule_id = :id AND kind = :kind"
                + " AND repo_id = :repo AND plugin_id = :plugin")
        .bind("id", id)
        .bind("kind", kind)
        .bind("repo", repoId)
        .bind("plugin", pluginId)
        .map((rs, ctx) -> schedule(rs))
        .findOne()
        .orElseThrow(() -> MissingResource.of("schedule", id));
  }

  /**
   * Changes a schedule; null arguments keep the current value. A new schedule text restarts the run
   * count and the next run.
   */
  public ScheduleRecord update(
      String kind,
      String repoId,
      String pluginId,
      String id,
      IsoSchedule schedule,
      Map<String, Object> overrideConfig,
      Boolean enabled,
      Integer failureThreshold,
      boolean clearThreshold) {
    jdbi.useTransaction(
        h -> {
          ScheduleRecord current = find(h, kind, repoId, pluginId, id);
          Instant now = Timestamps.now();
          String text = schedule == null ? current.schedule() : schedule.text();
          Integer remaining = schedule == null ? current.remainingRuns() : schedule.recurrences();
          Instant first = schedule == null ? current.firstRun() : schedule.firstRun(now);
          Instant next = schedule == null ? current.nextRun() : first;
          boolean nowEnabled = enabled == null ? current.enabled() : enabled;
          h.createUpdate(
                  "UPDATE schedules SET schedule = :schedule, override_config = :override,"
                      + " enabled = :enabled, failure_threshold = :threshold,"
                      + " consecutive_failures = :failures, remaining_runs = :remaining,"
                      + " first_run = :first, next_run = :next, last_updated = :now"
                      + " WHERE schedule_id = :id")
              .bind("id", id)
              .bind("schedule", text)
              .bind(
                  "override",
                  Json.write(overrideConfig == null ? current.overrideConfig() : overrideConfig))
              .bind("enabled", nowEnabled)
              .bind(
                  "threshold",
                  clearThreshold
                      ? null
                      : failureThreshold == null ? current.failureThreshold() : failureThreshold)
              .bind(
                  "failures", nowEnabled && !current.enabled() ? 0 : current.consecutiveFailures())
              .bind("remaining", remaining)
              .bind("first", Timestamps.arg(first))
              .bind("next", Timestamps.arg(next))
              .bind("now", Timestamps.arg(now))
              .execute();
        });
    return get(kind, repoId, pluginId, id);
  }

  /** Deletes a schedule. */
  public void delete(String kind, String repoId, String pluginId, String id) {
    jdbi.useTransaction(
        h -> {
          find(h, kind, repoId, pluginId, id);
          h.createUpdate("DELETE FROM schedules WHERE schedule_id = :id").bind("id", id).execute();
        });
  }

  /**
   * Queues one task for each enabled schedule whose next run has come, and moves its next run on.
   * Safe to call from every process at once.
   *
   * @return how many runs this call queued
   */
  public int fireDue() {
    Instant now = Timestamps.now();
    List<ScheduleRecord> due =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM schedules WHERE enabled AND next_run IS NOT NULL"
                            + " AND next_run <= :now ORDER BY next_run")
                    .bind("now", Timestamps.arg(now))
                    .map((rs, ctx) -> schedule(rs))
                    .list());
    int fired = 0;
    for (ScheduleRecord schedule : due) {
      TaskRecord task;
      try {
        task = jdbi.inTransaction(h -> fire(h, schedule, now));
      } catch (RuntimeException e) {
        // One schedule that cannot fire (a row this version cannot read) must not hold back the
        // others due after it: they fire, and this one is tried again each second, said once.
        if (failing.add(schedule.id())) {
          LOG.warn(
              "Schedule {} of {} cannot fire: {}", schedule.id(), schedule.repoId(), e.toString());
        }
        continue;
      }
      failing.remove(schedule.id());
      if (task != null) {
        fired++;
        LOG.info(
            "Schedule {} fired {} of {} as task {}",
            schedule.id(),
            schedule.kind(),
            schedule.repoId(),
            task.taskId());
      }
    }
    if (fired > 0) {
      queue.wake();
    }
    return fired;
  }

  private TaskRecord fire(Handle h, ScheduleRecord schedule, Instant now) {
    IsoSchedule parsed = IsoSchedule.parse(schedule.schedule());
    Integer remaining = schedule.remainingRuns() == null ? null : schedule.remainingRuns() - 1;
    Instant next =
        remaining != null && remaining <= 0 ? null : parsed.nextAfter(schedule.nextRun(), now);
    int moved =
        h.createUpdate(
                "UPDATE schedules SET next_run = :next, last_run_at = :now,"
                    + " total_run_count = total_run_count + 1, remaining_runs = :remaining"
                    + " WHERE schedule_id = :id AND next_run = :expected AND enabled")
            .bind("id", schedule.id())
            .bind("next", Timestamps.arg(next))
            .bind("now", Timestamps.arg(now))
            .bind("remaining", remaining)
            .bind("expected", Timestamps.arg(schedule.nextRun()))
            .execute();
    if (moved != 1) {
      return null;
    }
    return queue.enqueue(h, task(schedule));
  }

  private static NewTask task(ScheduleRecord schedule) {
    NewTask base =
        schedule.kind().equals(SYNC)
            ? SyncOperation.task(schedule.repoId(), schedule.overrideConfig())
            : PublishOperation.task(
                schedule.repoId(), schedule.pluginId(), schedule.overrideConfig());
    Map<String, Object> args = new HashMap<>(base.args());
    args.put("schedule_id", schedule.id());
    return new NewTask(base.type(), base.resource(), base.tags(), args);
  }

  /**
   * Counts a scheduled task's outcome: a failure adds to the schedule's consecutive failures and
   * disables it at its threshold; a success resets the count.
   */
  public void recordOutcome(TaskRecord task, TaskState state) {
    Object scheduleId = task.args().get("schedule_id");
    if (scheduleId == null || state == TaskState.CANCELED) {
      return;
    }
    jdbi.useHandle(
        h -> {
          if (state == TaskState.ERROR) {
            h.createUpdate(
                    "UPDATE schedules SET consecutive_failures = consecutive_failures + 1,"
                        + " enabled = CASE WHEN failure_threshold IS NOT NULL AND"
                        + " consecutive_failures + 1 >= failure_threshold THEN FALSE ELSE enabled"
                        + " END WHERE schedule_id = :id")
                .bind("id", scheduleId.toString())
                .execute();
          } else {
            h.createUpdate("UPDATE schedules SET consecutive_failures = 0 WHERE schedule_id = :id")
                .bind("id", scheduleId.toString())
                .execute();
          }
        });
  }

  private static ScheduleRecord schedule(ResultSet rs) throws SQLException {
    return new ScheduleRecord(
        rs.getString("schedule_id"),
        rs.getString("kind"),
        rs.getString("repo_id"),
        rs.getString("plugin_id"),
        rs.getString("schedule"),
        Json.readMap(rs.getString("override_config")),
        rs.getBoolean("enabled"),
        rs.getObject("failure_threshold", Integer.class),
        rs.getInt("consecutive_failures"),
        rs.getObject("remaining_runs", Integer.class),
        Timestamps.read(rs, "first_run"),
        Timestamps.read(rs, "last_run_at"),
        Timestamps.read(rs, "next_run"),
        rs.getInt("total_run_count"),
        Timestamps.read(rs, "last_updated"));
  }
}
