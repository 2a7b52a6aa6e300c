package dev.depot.server.publish;

import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.server.conduit.TaskGroupPublishConduit;
import dev.depot.server.db.Timestamps;
import dev.depot.server.group.GroupDistributorRecord;
import dev.depot.server.group.GroupDistributors;
import dev.depot.server.group.GroupRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskErrors;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import dev.depot.server.task.WorkingDirectories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs a group distributor's {@code publishGroup} as a task reserved on the group. As in Pulp the
 * distributor's {@code last_publish} is set whether the plugin succeeded or failed, and the task's
 * result is null; the plugin's report is kept as the task's progress.
 */
public final class GroupPublishOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE = "pulp.server.managers.repo.group.publish.publish";

  private final RepositoryServices services;
  private final GroupDistributors distributors;
  private final WorkingDirectories workingDirs;

  /** Wires the operation. */
  public GroupPublishOperation(
      RepositoryServices services, GroupDistributors distributors, WorkingDirectories workingDirs) {
    this.services = services;
    this.distributors = distributors;
    this.workingDirs = workingDirs;
  }

  /** The task that publishes one distributor of a repository group. */
  public static NewTask task(String groupId, String distributorId, Map<String, Object> override) {
    return new NewTask(
        TYPE,
        "repository_group:" + groupId,
        List.of(
            "pulp:repository_group:" + groupId,
            "pulp:repository_group_distributor:" + distributorId,
            "pulp:action:publish"),
        Map.of("group_id", groupId, "distributor_id", distributorId, "override_config", override));
  }

  @Override
  public TaskOutcome run(RunningTask task) throws Exception {
    String groupId = task.arg("group_id");
    String distributorId = task.arg("distributor_id");
    GroupRecord group = distributors.groups().get(groupId);
    GroupDistributorRecord record = distributors.get(groupId, distributorId);
    PluginCallConfiguration config = distributors.config(record, task.mapArg("override_config"));
    GroupDistributor plugin = services.plugins().newGroupDistributor(record.typeId());
    Instant started = Timestamps.now();
    Path workDir = workingDirs.create(task.id());
    PublishReport report;
    try {
      RepositoryGroup view = GroupDistributors.view(group, workDir);
      TaskGroupPublishConduit conduit =
          new TaskGroupPublishConduit(services, distributors, task, record, group.memberIds());
      task.onCancel(plugin::cancelPublishGroup);
      report = plugin.publishGroup(view, conduit, config);
    } catch (Exception e) {
      Thread.interrupted();
      distributors.setLastPublish(groupId, distributorId, started);
      return new TaskOutcome.Failed(null, TaskErrors.of(e), e.toString());
    } finally {
      // A cancel may have interrupted the plugin; the platform's own writes must still run.
      Thread.interrupted();
      workingDirs.delete(workDir);
    }
    distributors.setLastPublish(groupId, distributorId, started);
    return switch (report) {
      case PublishReport.Published published -> {
        if (!distributors.setPublished(groupId, distributorId, published.locations())) {
          distributors.unpublishRemoved(group, record);
          yield removedWhilePublishing(groupId, distributorId);
        }
        yield new TaskOutcome.Finished(null, List.of());
      }
      case PublishReport.Canceled canceled -> new TaskOutcome.Canceled(null);
      case PublishReport.Failed failed ->
          new TaskOutcome.Failed(
              null,
              TaskErrors.error(
                  "PLP0034",
                  "Group distributor "
                      + distributorId
                      + " failed to publish repository group "
                      + groupId,
                  Map.of(
                      "distributor_id", distributorId,
                      "group_id", groupId,
                      "summary", String.valueOf(failed.summary()))),
              null);
    };
  }

  private static TaskOutcome removedWhilePublishing(String groupId, String distributorId) {
    return new TaskOutcome.Failed(
        null,
        TaskErrors.error(
            "PLP0034",
            "Group distributor "
                + distributorId
                + " was removed from repository group "
                + groupId
                + " while it published; what it published was removed",
            Map.of("distributor_id", distributorId, "group_id", groupId)),
        null);
  }
}
