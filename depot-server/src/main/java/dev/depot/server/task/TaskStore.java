package dev.depot.server.task;

import dev.depot.server.db.Dialect;
import dev.depot.server.db.H2Durability;
import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * SQL for tasks and workers. Claiming is the heart of it: a worker takes the oldest waiting task
 * whose resource has no earlier task still waiting or running, so tasks on one resource run one at
 * a time in queue order and others run in parallel, with no dispatcher in between.
 */
public final class TaskStore {
  private static final String ELIGIBLE =
      "t.state = 'waiting' AND (t.resource IS NULL OR NOT EXISTS (SELECT 1 FROM tasks o"
          + " WHERE o.resource = t.resource AND o.seq < t.seq"
          + " AND o.state IN ('waiting', 'running')))";

  private final Jdbi jdbi;
  private final Dialect dialect;

  /** Binds the store to a database. */
  public TaskStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  /** Inserts a waiting task, in the caller's transaction. */
  public TaskRecord insert(Handle h, NewTask task, Instant now) {
    String id = UUID.randomUUID().toString();
    h.createUpdate(
            "INSERT INTO tasks (task_id, oid, task_type, state, resource, tags, args,"
                + " progress_report, spawned_tasks, cancel_requested, queued_time, group_id)"
                + " VALUES (:id, :oid, :type, 'waiting', :resource, :tags, :args, '{}', '[]',"
                + " FALSE, :now, :group)")
        .bind("id", id)
        .bind("oid", ObjectIds.next())
        .bind("type", task.type())
        .bind("resource", task.resource())
        .bind("tags", Json.write(task.tags()))
        .bind("args", Json.write(task.args()))
        .bind("now", Timestamps.arg(now))
        .bind("group", task.groupId())
        .execute();
    for (String tag : task.tags()) {
      h.createUpdate("INSERT INTO task_tags (task_id, tag) VALUES (:id, :tag)")
          .bind("id", id)
          .bind("tag", tag)
          .execute();
    }
    return find(h, id).orElseThrow();
  }

  /** On PostgreSQL, tells listening processes (at commit) that a task was queued. */
  void announce(Handle h) {
    if (dialect == Dialect.POSTGRESQL) {
      h.execute("NOTIFY " + PostgresWakeups.CHANNEL);
    }
  }

  /**
   * Makes every task state readable now durable before it is reported: on H2 a commit is visible a
   * moment before it is written (see {@link H2Durability}). The task endpoints call it after
   * reading, before answering.
   */
  public void flushVisibleCommits() {
    H2Durability.flushVisibleCommits(jdbi, dialect);
  }

  /** One task. */
  public Optional<TaskRecord> find(String taskId) {
    return jdbi.withHandle(h -> find(h, taskId));
  }

  Optional<TaskRecord> find(Handle h, String taskId) {
    return h.createQuery("SELECT * FROM tasks WHERE task_id = :id")
        .bind("id", taskId)
        .map((rs, ctx) -> task(rs))
        .findOne();
  }

  /**
   * {@link #list(Handle, List, List)} on a handle of its own, each task turned into what the caller
   * keeps of it while the cursor is open.
   */
  public <T> List<T> list(
      List<String> tags, List<TaskState> states, java.util.function.Function<TaskRecord, T> map) {
    return jdbi.withHandle(
        h -> {
          try (Stream<TaskRecord> all = list(h, tags, states)) {
            return all.map(map).toList();
          }
        });
  }

  /**
   * Tasks having all the given tags (any state list, empty for all states), oldest first, those of
   * task groups left out as Pulp lists them; the stream holds a cursor and must be closed.
   */
  public Stream<TaskRecord> list(Handle h, List<String> tags, List<TaskState> states) {
    StringBuilder sql = new StringBuilder("SELECT * FROM tasks t WHERE t.group_id IS NULL");
    for (int i = 0; i < tags.size(); i++) {
      sql.append(
              " AND EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = t.task_id AND g.tag = :tag")
          .append(i)
          .append(')');
    }
    if (!states.isEmpty()) {
      sql.append(" AND t.state IN (<states>)");
    }
    sql.append(" ORDER BY t.seq");
    var query = h.createQuery(sql.toString()).setFetchSize(200);
    for (int i = 0; i < tags.size(); i++) {
      query.bind("tag" + i, tags.get(i));
    }
    if (!states.isEmpty()) {
      query.bindList("states", states.stream().map(TaskState::wire).toList());
    }
    return query.map((rs, ctx) -> task(rs)).stream();
  }

  /**
   * Claims the next eligible task for a worker, or returns empty. On PostgreSQL rows being claimed
   * by another worker are skipped ({@code FOR UPDATE SKIP LOCKED}); on H2, which runs in one
   * process, a conditional update settles races.
   */
  public Optional<TaskRecord> claim(String workerName) {
    return jdbi.inTransaction(
        h -> {
          String select =
              "SELECT t.task_id FROM tasks t WHERE "
                  + ELIGIBLE
                  // state is fixed by the WHERE, so this is queue order; naming it lets H2 walk
                  // the (state, seq) index in order and stop at the first eligible task, where
                  // ORDER BY seq alone made it test every waiting task and sort them, per claim.
                  + " ORDER BY t.state, t.seq LIMIT 1"
                  + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE OF t SKIP LOCKED" : "");
          Optional<String> id = h.createQuery(select).mapTo(String.class).findOne();
          if (id.isEmpty()) {
            return Optional.empty();
          }
          int claimed =
              h.createUpdate(
                      "UPDATE tasks SET state = 'running', worker_name = :worker,"
                          + " start_time = :now WHERE task_id = :id AND state = 'waiting'")
                  .bind("id", id.get())
                  .bind("worker", workerName)
                  .bind("now", Timestamps.arg(Timestamps.now()))
                  .execute();
          return claimed == 1 ? find(h, id.get()) : Optional.<TaskRecord>empty();
        });
  }

  void setProgress(String taskId, Map<String, Object> progress) {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE tasks SET progress_report = :p WHERE task_id = :id")
                .bind("id", taskId)
                .bind("p", Json.write(progress))
                .execute());
  }

  /**
   * Completes a running task; a task already complete (cancelled meanwhile, or marked lost) keeps
   * its state.
   */
  void complete(
      String taskId,
      TaskState state,
      Object result,
      Map<String, Object> error,
      String traceback,
      List<String> spawned) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE tasks SET state = :state, result = :result, error = :error,"
                        + " traceback = :traceback, spawned_tasks = :spawned, finish_time = :now"
                        + " WHERE task_id = :id AND state = 'running'")
                .bind("id", taskId)
                .bind("state", state.wire())
                .bind("result", result == null ? null : Json.write(result))
                .bind("error", error == null ? null : Json.write(error))
                .bind("traceback", traceback)
                .bind("spawned", Json.write(spawned))
                .bind("now", Timestamps.arg(Timestamps.now()))
                .execute());
  }

  /**
   * Cancels a task: a waiting one at once, a running one by flagging it for its worker.
   *
   * @return the state after the request, empty if no such task
   */
  public Optional<TaskState> requestCancel(String taskId) {
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(
                  "UPDATE tasks SET state = 'canceled', finish_time = :now"
                      + " WHERE task_id = :id AND state = 'waiting'")
              .bind("id", taskId)
              .bind("now", Timestamps.arg(Timestamps.now()))
              .execute();
          h.createUpdate(
                  "UPDATE tasks SET cancel_requested = TRUE WHERE task_id = :id"
                      + " AND state = 'running'")
              .bind("id", taskId)
              .execute();
          return find(h, taskId).map(TaskRecord::state);
        });
  }

  /** Running tasks of this worker whose cancel was requested. */
  List<String> cancelRequested(String workerName) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT task_id FROM tasks WHERE worker_name = :w AND state = 'running'"
                        + " AND cancel_requested")
                .bind("w", workerName)
                .mapTo(String.class)
                .list());
  }

  /** Marks a cancelled running task as canceled (the handler has stopped). */
  void markCanceled(String taskId, Object result) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE tasks SET state = 'canceled', result = :result, finish_time = :now"
                        + " WHERE task_id = :id AND state = 'running'")
                .bind("id", taskId)
                .bind("result", result == null ? null : Json.write(result))
                .bind("now", Timestamps.arg(Timestamps.now()))
                .execute());
  }

  // -- workers --------------------------------------------------------------------------------

  /** When the worker of this name last heartbeat, if it is listed. */
  java.util.Optional<Instant> lastHeartbeat(String workerName) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT last_heartbeat FROM workers WHERE name = :name")
                .bind("name", workerName)
                .map((rs, ctx) -> Timestamps.read(rs, "last_heartbeat"))
                .findOne());
  }

  void heartbeat(String workerName, int concurrency, Instant started) {
    jdbi.useTransaction(
        h -> {
          Instant now = Timestamps.now();
          int updated =
              h.createUpdate("UPDATE workers SET last_heartbeat = :now WHERE name = :name")
                  .bind("name", workerName)
                  .bind("now", Timestamps.arg(now))
                  .execute();
          if (updated == 0) {
            h.createUpdate(
                    "INSERT INTO workers (name, started, last_heartbeat, concurrency)"
                        + " VALUES (:name, :started, :now, :c)")
                .bind("name", workerName)
                .bind("started", Timestamps.arg(started))
                .bind("now", Timestamps.arg(now))
                .bind("c", concurrency)
                .execute();
          }
        });
  }

  /**
   * Fails the running tasks of workers silent for longer than {@code timeoutSeconds} (and of {@code
   * restarted}, a worker name this process had before a restart), then forgets those workers. Their
   * reservations go with their tasks' states.
   *
   * @return the tasks failed, by the worker that ran them
   */
  Map<String, List<String>> reapLostWorkers(long timeoutSeconds, String restarted) {
    Instant cutoff = Timestamps.now().minusSeconds(timeoutSeconds);
    return jdbi.inTransaction(
        h -> {
          List<String> lost =
              h.createQuery("SELECT name FROM workers WHERE last_heartbeat < :cutoff")
                  .bind("cutoff", Timestamps.arg(cutoff))
                  .mapTo(String.class)
                  .list();
          if (restarted != null && !lost.contains(restarted)) {
            lost = new java.util.ArrayList<>(lost);
            lost.add(restarted);
          }
          Map<String, List<String>> failed = new java.util.TreeMap<>();
          for (String worker : lost) {
            String message =
                worker.equals(restarted)
                    ? "Worker " + worker + " restarted while running this task"
                    : "Worker " + worker + " went missing while running this task";
            // Named for the log: an operator looks for what the lost worker was doing.
            List<String> tasks =
                h.createQuery(
                        "SELECT task_id FROM tasks WHERE worker_name = :w AND state = 'running'"
                            + " ORDER BY task_id FOR UPDATE")
                    .bind("w", worker)
                    .mapTo(String.class)
                    .list();
            h.createUpdate(
                    "UPDATE tasks SET state = 'error', error = :error, finish_time = :now"
                        + " WHERE worker_name = :w AND state = 'running'")
                .bind("w", worker)
                .bind("error", Json.write(TaskErrors.error("PLP0049", message, Map.of())))
                .bind("now", Timestamps.arg(Timestamps.now()))
                .execute();
            h.createUpdate("DELETE FROM workers WHERE name = :w").bind("w", worker).execute();
            if (!tasks.isEmpty()) {
              failed.put(worker, tasks);
            }
          }
          return failed;
        });
  }

  /** Live workers with their last heartbeat. */
  public List<Map<String, Object>> workers() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT name, last_heartbeat, concurrency FROM workers ORDER BY name")
                .map(
                    (rs, ctx) ->
                        Map.<String, Object>of(
                            "_id", rs.getString("name"),
                            "name", rs.getString("name"),
                            "last_heartbeat",
                                Timestamps.format(Timestamps.read(rs, "last_heartbeat")),
                            "concurrency", rs.getInt("concurrency")))
                .list());
  }

  void removeWorker(String workerName) {
    jdbi.useHandle(
        h -> h.createUpdate("DELETE FROM workers WHERE name = :w").bind("w", workerName).execute());
  }

  /** Deletes complete tasks in the given states; returns how many. */
  public int purge(List<TaskState> states) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM tasks WHERE state IN (<states>)")
                .bindList("states", states.stream().map(TaskState::wire).toList())
                .execute());
  }

  @SuppressWarnings("unchecked")
  static TaskRecord task(ResultSet rs) throws SQLException {
    String result = rs.getString("result");
    String error = rs.getString("error");
    return new TaskRecord(
        rs.getString("task_id"),
        rs.getString("oid"),
        rs.getString("task_type"),
        TaskState.of(rs.getString("state")),
        rs.getString("resource"),
        (List<String>) (List<?>) Json.readList(rs.getString("tags")),
        Json.readMap(rs.getString("args")),
        rs.getString("worker_name"),
        Json.readMap(rs.getString("progress_report")),
        result == null ? null : Json.readValue(result),
        error == null ? null : Json.readMap(error),
        rs.getString("traceback"),
        (List<String>) (List<?>) Json.readList(rs.getString("spawned_tasks")),
        rs.getBoolean("cancel_requested"),
        Timestamps.read(rs, "queued_time"),
        Timestamps.read(rs, "start_time"),
        Timestamps.read(rs, "finish_time"),
        rs.getString("group_id"));
  }
}
