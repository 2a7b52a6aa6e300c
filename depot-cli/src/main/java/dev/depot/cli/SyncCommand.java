package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot repo sync REPO} (waits with a progress bar) and {@code repo sync schedule ...}. */
@Command(
    name = "sync",
    description =
        "Sync a repository from its importer's feed; waits and shows progress. Ctrl-C stops"
            + " watching, not the sync: depot task cancel TASK_ID stops it.",
    subcommands = {SyncCommand.Schedule.class})
final class SyncCommand extends ApiCommand {
  @Parameters(paramLabel = "REPO_ID", arity = "0..1")
  String repo;

  @Option(
      names = "--override",
      paramLabel = "KEY=VALUE",
      description = "Config for this sync only.")
  List<String> overrides;

  @Option(names = "--background", description = "Return the task id at once.")
  boolean background;

  @Override
  public Integer call() {
    if (repo == null) {
      throw new IllegalArgumentException("give the repository to sync: depot repo sync REPO_ID");
    }
    requireImporter();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("override_config", Options.pairs(overrides));
    return follow(
        api().post("repositories/" + repo + "/actions/sync/", body),
        background,
        "Repository " + repo + " synced");
  }

  /**
   * Refuses a repository without an importer before a task is queued, naming the command that gives
   * it one: the server's task error names the REST call, which a CLI user should not have to
   * translate. Only a listing that answers "none" refuses: a user who may start syncs but not read
   * the repository (403), or a missing repository (404), is left to the sync request's own answer.
   */
  private void requireImporter() {
    JsonNode importers;
    try {
      importers = api().get("repositories/" + repo + "/importers/");
    } catch (ApiClient.ApiException e) {
      return;
    }
    if (importers.isArray() && importers.isEmpty()) {
      throw new IllegalArgumentException(
          "repository "
              + repo
              + " has no importer to sync with; give it one: depot repo importer set "
              + repo
              + " --type TYPE --option feed=URL");
    }
  }

  /** Sync schedules: under the repository's importer. */
  @Command(
      name = "schedule",
      description = "Scheduled syncs (ISO 8601 intervals such as R5/2026-12-01T00:00:00Z/PT6H).",
      subcommands = {
        ScheduleCommands.Create.class,
        ScheduleCommands.ListSchedules.class,
        ScheduleCommands.Update.class,
        ScheduleCommands.Delete.class
      })
  static final class Schedule implements ScheduleCommands.Target {
    @Override
    public String path(ApiClient api, String repo, String owner) {
      if (owner != null) {
        // A sync schedule belongs to the importer: a --distributor here would be dropped
        // silently, and the user would believe a publish was scheduled.
        throw new IllegalArgumentException(
            "sync schedules belong to the repository's importer and take no --distributor;"
                + " schedule publishes with: depot repo publish schedule create "
                + repo
                + " --distributor "
                + owner
                + " --schedule ISO8601");
      }
      return "repositories/"
          + repo
          + "/importers/"
          + ImporterCommand.typeOf(api, repo)
          + "/schedules/sync/";
    }
  }
}
