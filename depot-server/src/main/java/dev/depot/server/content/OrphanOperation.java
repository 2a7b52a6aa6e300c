package dev.depot.server.content;

import dev.depot.server.task.NewTask;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes orphans as a task: all of them, those of a type, or one. Not reserved on any resource (as
 * in Pulp): the delete itself checks each unit is still an orphan. Result: {@code {type: count}}.
 */
public final class OrphanOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE = "pulp.server.tasks.content.delete_orphans";

  private final Orphans orphans;

  /**
   * @param orphans where orphans are found and deleted
   */
  public OrphanOperation(Orphans orphans) {
    this.orphans = orphans;
  }

  /**
   * The task.
   *
   * @param typeId only this type, or null for all
   * @param unitId only this unit (of {@code typeId}), or null
   */
  public static NewTask task(String typeId, String unitId) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("type_id", typeId);
    args.put("unit_id", unitId);
    return new NewTask(
        TYPE, null, List.of("pulp:content_unit:orphans", "pulp:action:delete_orphans"), args);
  }

  @Override
  public TaskOutcome run(RunningTask task) {
    return new TaskOutcome.Finished(
        orphans.delete(task.arg("type_id"), task.arg("unit_id")), List.of());
  }
}
