package dev.depot.server.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Pulp's task groups: the tasks one request queued together ({@link TaskQueue#enqueueGroup}),
 * followed through a count of their states and cancelled together.
 */
public final class TaskGroups {
  /** The states Pulp's summary counts, in its order; Depot's tasks never reach the last two. */
  private static final List<String> SUMMARY_STATES =
      List.of("accepted", "finished", "running", "canceled", "waiting", "skipped", "suspended");

  private final Jdbi jdbi;
  private final TaskStore store;

  /** Binds the groups to the tasks' database. */
  public TaskGroups(Jdbi jdbi, TaskStore store) {
    this.jdbi = jdbi;
    this.store = store;
  }

  /**
   * How many of the group's tasks are in each state, and {@code total}, as Pulp's {@code
   * state_summary}; empty for a group that has no task (unknown, or purged). A summary of a group
   * whose tasks have all completed is durable before it is answered.
   */
  public Optional<Map<String, Integer>> summary(String groupId) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    SUMMARY_STATES.forEach(state -> counts.put(state, 0));
    counts.put("error", 0);
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT state, COUNT(*) FROM tasks WHERE group_id = :g GROUP BY state")
                .bind("g", groupId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> counts.merge(e.getKey(), e.getValue(), Integer::sum)));
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return Optional.empty();
    }
    counts.put("total", total);
    if (counts.get("waiting") + counts.get("running") == 0) {
      // As a complete task's report: what the summary tells done is on disk first (H2).
      store.flushVisibleCommits();
    }
    return Optional.of(counts);
  }

  /**
   * Cancels every task of the group still to complete (waiting ones at once, running ones by their
   * workers); false when the group has no task.
   */
  public boolean cancel(String groupId) {
    List<String> ids =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT task_id FROM tasks WHERE group_id = :g ORDER BY seq")
                    .bind("g", groupId)
                    .mapTo(String.class)
                    .list());
    ids.forEach(store::requestCancel);
    return !ids.isEmpty();
  }
}
