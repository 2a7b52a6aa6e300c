package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot task list|search|show|cancel|wait|purge|group}. */
@Command(
    name = "task",
    description = "Tasks: syncs, publishes and other long work.",
    subcommands = {
      TaskCommand.ListTasks.class,
      TaskCommand.SearchTasks.class,
      TaskCommand.ShowTask.class,
      TaskCommand.CancelTask.class,
      TaskCommand.WaitTask.class,
      TaskCommand.PurgeTasks.class,
      TaskGroupCommand.class
    })
final class TaskCommand {
  @Command(name = "list", description = "List tasks, oldest first.")
  static final class ListTasks extends ApiCommand {
    @Option(
        names = "--repo",
        paramLabel = "REPO_ID",
        description = "Only tasks on this repository.")
    String repo;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "Only tasks in these states (repeatable).")
    List<String> states = new ArrayList<>();

    @Override
    public Integer call() {
      List<String> query = new ArrayList<>();
      if (repo != null) {
        query.add("tag=" + URLEncoder.encode("pulp:repository:" + repo, StandardCharsets.UTF_8));
      }
      states.forEach(s -> query.add("state=" + URLEncoder.encode(s, StandardCharsets.UTF_8)));
      JsonNode tasks = api().get("tasks/" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
      print(tasks, () -> out().print(table(tasks)));
      return 0;
    }
  }

  static String table(JsonNode tasks) {
    Table t = new Table("TASK", "STATE", "TYPE", "TAGS", "STARTED", "FINISHED");
    tasks.forEach(
        x ->
            t.row(
                x.path("task_id").asText(),
                x.path("state").asText(),
                shortType(x.path("task_type").asText()),
                String.join(" ", PluginsCommand.texts(x.path("tags"))),
                x.path("start_time").asText(null),
                x.path("finish_time").asText(null)));
    return t.isEmpty() ? "No tasks\n" : t.render();
  }

  @Command(
      name = "search",
      description = "Search tasks with Pulp's criteria.",
      footer = {
        "",
        "Example:",
        "  depot task search --filter '{\"state\": {\"$in\": [\"error\", \"canceled\"]}}' \\",
        "      --sort finish_time:desc --limit 5"
      })
  static final class SearchTasks extends ApiCommand {
    @Mixin SearchOptions search = new SearchOptions();

    @Override
    public Integer call() {
      JsonNode tasks = api().post("tasks/search/", Map.of("criteria", search.criteria()));
      print(tasks, () -> out().print(search.table(tasks, TaskCommand::table)));
      return 0;
    }
  }

  static String shortType(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }

  @Command(name = "show", description = "Show one task with its progress, result and error.")
  static final class ShowTask extends ApiCommand {
    @Parameters(paramLabel = "TASK_ID")
    String id;

    @Override
    public Integer call() throws Exception {
      JsonNode task = api().get("tasks/" + id + "/");
      print(
          task,
          () -> {
            out().println("Task:     " + task.path("task_id").asText());
            out().println("Type:     " + task.path("task_type").asText());
            out().println("State:    " + task.path("state").asText());
            out().println("Tags:     " + String.join(" ", PluginsCommand.texts(task.path("tags"))));
            out().println("Worker:   " + task.path("worker_name").asText("-"));
            out().println("Started:  " + task.path("start_time").asText("-"));
            out().println("Finished: " + task.path("finish_time").asText("-"));
            TaskProgress progress = TaskProgress.of(task.path("progress_report"));
            if (!progress.isEmpty()) {
              out().println("Progress: " + progress.counts());
            }
            if (!task.path("error").isNull() && !task.path("error").isMissingNode()) {
              out().println("Error:    " + task.path("error").path("description").asText());
            }
            // Every failed file with its cause; the description names only the first few.
            List<String> failed = TaskWatcher.failedFiles(task.path("progress_report"));
            if (!failed.isEmpty()) {
              out().println("Failed:   " + failed.size() + " file(s)");
              failed.forEach(f -> out().println("  " + f));
            }
          });
      return 0;
    }
  }

  @Command(name = "cancel", description = "Cancel a waiting or running task.")
  static final class CancelTask extends ApiCommand {
    @Parameters(paramLabel = "TASK_ID")
    String id;

    @Override
    public Integer call() {
      // Pulp answers a cancel of an ended task as of any other: "Cancel requested; task X is
      // finished" read as if the cancel had done something.
      JsonNode before = api().get("tasks/" + id + "/");
      String ended = before.path("state").asText();
      if (List.of("finished", "error", "canceled", "skipped").contains(ended)) {
        print(
            before,
            () -> out().println("Task " + id + " had already ended (" + ended + "); not canceled"));
        return 0;
      }
      api().delete("tasks/" + id + "/");
      JsonNode task = api().get("tasks/" + id + "/");
      print(
          task,
          () ->
              out().println("Cancel requested; task " + id + " is " + task.path("state").asText()));
      return 0;
    }
  }

  @Command(name = "wait", description = "Wait for a task to end, showing its progress.")
  static final class WaitTask extends ApiCommand {
    @Parameters(paramLabel = "TASK_ID")
    String id;

    @Override
    public Integer call() {
      return follow(
          ApiClient.JSON
              .createObjectNode()
              .set(
                  "spawned_tasks",
                  ApiClient.JSON
                      .createArrayNode()
                      .add(ApiClient.JSON.createObjectNode().put("task_id", id))),
          false,
          "Task " + id + " done");
    }
  }

  @Command(
      name = "purge",
      description =
          "Delete the records of completed tasks (finished, error or skipped) from the server.",
      footer = {
        "",
        "Example:",
        "  depot task purge --state error --state skipped",
        "  depot task purge --all"
      })
  static final class PurgeTasks extends ApiCommand {
    private static final List<String> COMPLETE = List.of("finished", "error", "skipped");

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "Purge tasks in this state: finished, error or skipped (repeatable).")
    List<String> states = new ArrayList<>();

    @Option(names = "--all", description = "Purge every finished, error and skipped task.")
    boolean all;

    @Override
    public Integer call() {
      if (all == !states.isEmpty()) {
        throw Options.usage(
            spec.commandLine(), "Give --all or the states to purge (--state finished ...)");
      }
      List<String> purged = all ? COMPLETE : states;
      List<String> query = new ArrayList<>();
      purged.forEach(s -> query.add("state=" + URLEncoder.encode(s, StandardCharsets.UTF_8)));
      api().delete("tasks/?" + String.join("&", query));
      var answer = ApiClient.JSON.createObjectNode();
      purged.forEach(answer.putArray("purged_states")::add);
      print(answer, () -> out().println("Purged " + String.join(", ", purged) + " tasks"));
      return 0;
    }
  }
}
