package dev.depot.server.task;

import dev.depot.server.search.SearchCollection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/** Tasks as the search API sees them: Pulp's task status documents, oldest first. */
public final class TaskCollection implements SearchCollection<TaskRecord> {
  private static final Map<String, Column> COLUMNS =
      Map.of(
          "task_id",
          new Column("task_id", Kind.TEXT),
          "id",
          new Column("oid", Kind.TEXT),
          "state",
          new Column("state", Kind.TEXT),
          "task_type",
          new Column("task_type", Kind.TEXT),
          "worker_name",
          new Column("worker_name", Kind.TEXT),
          "queued_time",
          new Column("queued_time", Kind.TIME),
          "start_time",
          new Column("start_time", Kind.TIME),
          "finish_time",
          new Column("finish_time", Kind.TIME),
          "tags",
          new Column(
              "EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = tasks.task_id AND g.tag = %s)",
              Kind.ELEMENT));
  private static final Set<String> FIELDS =
      Set.of(
          "_href",
          "task_id",
          "_id",
          "id",
          "_ns",
          "state",
          "task_type",
          "worker_name",
          "tags",
          "progress_report",
          "result",
          "error",
          "exception",
          "traceback",
          "queued_time",
          "start_time",
          "finish_time",
          "spawned_tasks");

  @Override
  public String from() {
    return "tasks";
  }

  @Override
  public String order() {
    return "seq";
  }

  @Override
  public Map<String, Column> columns() {
    return COLUMNS;
  }

  @Override
  public Set<String> fields() {
    return FIELDS;
  }

  /** A task is named by its {@code task_id}: it stays with {@code fields}. */
  @Override
  public Set<String> alwaysReturned() {
    return Set.of("task_id");
  }

  @Override
  public TaskRecord row(ResultSet row) throws SQLException {
    return TaskStore.task(row);
  }

  @Override
  public Map<String, Object> document(TaskRecord row) {
    return TaskJson.task(row);
  }
}
