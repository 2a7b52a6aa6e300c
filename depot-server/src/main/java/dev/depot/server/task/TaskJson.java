package dev.depot.server.task;

import dev.depot.server.db.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pulp's task report and call report shapes. */
public final class TaskJson {
  private static final String TASKS = "/pulp/api/v2/tasks/";

  private TaskJson() {}

  /** A task report. */
  public static Map<String, Object> task(TaskRecord t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_href", TASKS + t.taskId() + "/");
    json.put("task_id", t.taskId());
    json.put("_id", Map.of("$oid", t.oid()));
    json.put("id", t.oid());
    json.put("_ns", "task_status");
    json.put("state", t.state().wire());
    json.put("task_type", t.type());
    json.put("worker_name", t.workerName());
    json.put("tags", t.tags());
    json.put("progress_report", t.progressReport());
    json.put("result", t.result());
    json.put("error", t.error());
    json.put("exception", null);
    json.put("traceback", t.traceback());
    json.put("queued_time", Timestamps.format(t.queuedTime()));
    json.put("start_time", Timestamps.format(t.startTime()));
    json.put("finish_time", Timestamps.format(t.finishTime()));
    json.put("spawned_tasks", t.spawnedTasks().stream().map(TaskJson::link).toList());
    if (t.groupId() != null) {
      json.put("group_id", t.groupId());
    }
    return json;
  }

  /** A link to a task: {@code {_href, task_id}}. */
  public static Map<String, Object> link(String taskId) {
    return Map.of("_href", TASKS + taskId + "/", "task_id", taskId);
  }

  /** Pulp's call report for a task group: {@code {_href, group_id}}. */
  public static Map<String, Object> groupCallReport(String groupId) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("_href", "/pulp/api/v2/task_groups/" + groupId + "/");
    report.put("group_id", groupId);
    return report;
  }

  /** A call report for queued work. */
  public static Map<String, Object> callReport(Object result, List<TaskRecord> spawned) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("result", result);
    report.put("error", null);
    report.put("spawned_tasks", spawned.stream().map(t -> link(t.taskId())).toList());
    return report;
  }
}
