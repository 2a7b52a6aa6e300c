package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code depot task group show|wait|cancel}: Pulp's task groups, the tasks one request queued
 * together (a parallel applicability regeneration), followed by their state summary.
 */
@Command(
    name = "group",
    description = "Task groups: the tasks one request queued together.",
    subcommands = {
      TaskGroupCommand.Show.class,
      TaskGroupCommand.Wait.class,
      TaskGroupCommand.Cancel.class
    })
final class TaskGroupCommand {
  private static final long POLL_MILLIS = 300;

  private TaskGroupCommand() {}

  static String path(String groupId) {
    return "task_groups/" + groupId + "/";
  }

  /** How many of the group's tasks are complete, whatever their end. */
  static int complete(JsonNode summary) {
    return summary.path("finished").asInt()
        + summary.path("error").asInt()
        + summary.path("canceled").asInt()
        + summary.path("skipped").asInt();
  }

  static String describe(String groupId, JsonNode summary) {
    return "Task group "
        + groupId
        + ": "
        + complete(summary)
        + "/"
        + summary.path("total").asInt()
        + " tasks complete ("
        + summary.path("finished").asInt()
        + " finished, "
        + summary.path("error").asInt()
        + " error, "
        + summary.path("canceled").asInt()
        + " canceled, "
        + summary.path("running").asInt()
        + " running, "
        + summary.path("waiting").asInt()
        + " waiting)";
  }

  /**
   * Waits for every task of a group to complete, a plain line on standard error whenever the count
   * changes or {@code DEPOT_PROGRESS_INTERVAL} passes; prints the summary and answers the exit
   * code: failed when any task ended in error or was cancelled.
   */
  static int await(ApiCommand command, String groupId) {
    Duration interval = TaskWatcher.interval(command.root().env);
    JsonNode summary = command.api().get(path(groupId) + "state_summary/");
    String shown = null;
    long lastLine = 0;
    try {
      while (complete(summary) < summary.path("total").asInt()) {
        String line = describe(groupId, summary);
        if (!line.equals(shown) || System.nanoTime() - lastLine > interval.toNanos()) {
          command.err().println(line);
          command.err().flush();
          shown = line;
          lastLine = System.nanoTime();
        }
        Thread.sleep(POLL_MILLIS);
        summary = command.api().get(path(groupId) + "state_summary/");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for task group " + groupId, e);
    }
    JsonNode done = summary;
    var shownJson = ApiClient.JSON.createObjectNode().put("group_id", groupId);
    shownJson.setAll((com.fasterxml.jackson.databind.node.ObjectNode) done);
    command.print(shownJson, () -> command.out().println(describe(groupId, done)));
    boolean failed = done.path("error").asInt() > 0 || done.path("canceled").asInt() > 0;
    return failed ? DepotCli.FAILED : 0;
  }

  @Command(name = "show", description = "Show how many of a group's tasks are in each state.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode summary = api().get(path(id) + "state_summary/");
      print(summary, () -> out().println(describe(id, summary)));
      return 0;
    }
  }

  @Command(name = "wait", description = "Wait for every task of a group to end.")
  static final class Wait extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String id;

    @Override
    public Integer call() {
      return await(this, id);
    }
  }

  @Command(name = "cancel", description = "Cancel a group's waiting and running tasks.")
  static final class Cancel extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String id;

    @Override
    public Integer call() {
      api().delete(path(id));
      JsonNode summary = api().get(path(id) + "state_summary/");
      print(summary, () -> out().println("Cancel requested; " + describe(id, summary)));
      return 0;
    }
  }
}
