package dev.depot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the client, the output streams, JSON or human output. */
abstract class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  DepotCli root() {
    return (DepotCli) spec.root().userObject();
  }

  ApiClient api() {
    return root().client();
  }

  /** The environment the CLI runs with (tests give their own). */
  java.util.Map<String, String> env() {
    return root().env;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return root().json;
  }

  /** Whether progress is drawn as a bar: human output on an interactive terminal. */
  boolean terminal() {
    return !json() && TaskWatcher.onTerminal();
  }

  /**
   * Where {@link #print} gathers its JSON instead of printing it, while a command that makes
   * several calls (an upload of several files) collects them: stdout must hold one JSON document.
   */
  private ArrayNode gathered;

  /**
   * From now on, {@link #print} gathers its JSON; {@link #printGathered} prints it, as one array.
   */
  void gatherJson() {
    gathered = ApiClient.JSON.createArrayNode();
  }

  /** Prints what {@link #print} gathered since {@link #gatherJson}, as one JSON array. */
  void printGathered() {
    ArrayNode all = gathered;
    gathered = null;
    print(all, () -> {});
  }

  /** Prints the JSON with --json, else runs the human rendering. */
  void print(JsonNode json, Runnable human) {
    if (json() && gathered != null) {
      gathered.add(json);
    } else if (json()) {
      try {
        out().println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      human.run();
    }
    out().flush();
  }

  /**
   * Follows the first task of a call report to its end (drawing progress), unless {@code
   * background}; prints it and returns the exit code.
   */
  int follow(JsonNode callReport, boolean background, String doneMessage) {
    return follow(callReport, background, doneMessage, null);
  }

  /**
   * As {@link #follow(JsonNode, boolean, String)}; a task that did not finish is described after
   * {@code subject} and a colon (the file an upload of several was about, say), when given.
   */
  int follow(JsonNode callReport, boolean background, String doneMessage, String subject) {
    JsonNode spawned = callReport.path("spawned_tasks");
    if (spawned.isEmpty()) {
      print(callReport, () -> out().println(doneMessage));
      return 0;
    }
    if (background) {
      print(
          callReport,
          () ->
              spawned.forEach(
                  t -> out().println("Task " + t.path("task_id").asText() + " queued")));
      return 0;
    }
    JsonNode task = await(spawned.get(0).path("task_id").asText());
    String state = task.path("state").asText();
    print(
        task,
        () -> {
          switch (state) {
            case "finished", "skipped" -> out().println(doneMessage + TaskWatcher.summary(task));
            default ->
                out().println((subject == null ? "" : subject + ": ") + TaskWatcher.describe(task));
          }
        });
    return state.equals("finished") || state.equals("skipped") ? 0 : DepotCli.FAILED;
  }

  /**
   * Follows a queued task. A user may start a task (EXECUTE on a repository) without READ on {@code
   * /v2/tasks/}: the refusal then says that the task runs anyway, or the user takes a sync that
   * goes on for one that failed.
   */
  private JsonNode await(String taskId) {
    try {
      return new TaskWatcher(api(), err(), terminal(), TaskWatcher.interval(root().env))
          .await(taskId);
    } catch (ApiClient.ApiException e) {
      if (e.status() != 403) {
        throw e;
      }
      throw new ApiClient.ApiException(
          e.status(),
          "task "
              + taskId
              + " is queued and will run, but you cannot watch it: "
              + e.getMessage()
              + " (a user with READ on /v2/tasks/ can: depot task show "
              + taskId
              + ")");
    }
  }
}
