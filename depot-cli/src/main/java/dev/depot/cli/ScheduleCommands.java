package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The schedule commands shared by {@code repo sync schedule} and {@code repo publish schedule}. */
final class ScheduleCommands {
  private ScheduleCommands() {}

  /** Where a kind of schedule lives in the API. */
  interface Target {
    String path(ApiClient api, String repo, String owner);
  }

  abstract static class ScheduleCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repo;

    @Option(
        names = "--distributor",
        paramLabel = "ID",
        description = "The distributor whose publishes are scheduled (publish schedules only).")
    String distributor;

    String base() {
      return ((Target) spec.parent().userObject()).path(api(), repo, distributor);
    }
  }

  static void print(Table t, JsonNode s) {
    t.row(
        s.path("_id").asText(),
        s.path("schedule").asText(),
        s.path("enabled").asBoolean() ? "yes" : "no",
        s.path("next_run").asText(null),
        s.path("total_run_count").asInt(),
        s.path("consecutive_failures").asInt());
  }

  static Table table() {
    return new Table("ID", "SCHEDULE", "ENABLED", "NEXT RUN", "RUNS", "FAILURES");
  }

  @Command(name = "create", description = "Create a schedule.")
  static final class Create extends ScheduleCommand {
    @Option(
        names = "--schedule",
        required = true,
        paramLabel = "ISO8601",
        description = "e.g. PT6H or R5/2026-12-01T00:00:00Z/P1D")
    String schedule;

    @Option(names = "--override", paramLabel = "KEY=VALUE", description = "Config for each run.")
    List<String> overrides;

    @Option(
        names = "--failure-threshold",
        paramLabel = "N",
        description = "Disable after N consecutive failures.")
    Integer failureThreshold;

    @Option(names = "--disabled", description = "Create it disabled.")
    boolean disabled;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("schedule", schedule);
      body.put("override_config", Options.pairs(overrides));
      body.put("enabled", !disabled);
      RepoCommand.putIfSet(body, "failure_threshold", failureThreshold);
      JsonNode created = api().post(base(), body);
      print(
          created,
          () -> {
            Table t = table();
            ScheduleCommands.print(t, created);
            out().print(t.render());
          });
      return 0;
    }
  }

  @Command(name = "list", description = "List schedules.")
  static final class ListSchedules extends ScheduleCommand {
    @Override
    public Integer call() {
      JsonNode list = api().get(base());
      print(
          list,
          () -> {
            Table t = table();
            list.forEach(s -> ScheduleCommands.print(t, s));
            out().print(t.isEmpty() ? "No schedules\n" : t.render());
          });
      return 0;
    }
  }

  @Command(name = "update", description = "Change a schedule.")
  static final class Update extends ScheduleCommand {
    @Parameters(index = "1", paramLabel = "SCHEDULE_ID")
    String id;

    @Option(
        names = "--schedule",
        paramLabel = "ISO8601",
        description = "When to run: an ISO 8601 interval such as R5/2026-12-01T00:00:00Z/PT6H.")
    String schedule;

    @Option(
        names = "--enabled",
        paramLabel = "true|false",
        arity = "1",
        description = "Whether the schedule runs.")
    Boolean enabled;

    @Option(
        names = "--failure-threshold",
        paramLabel = "N",
        description = "Disable the schedule after N failures in a row.")
    Integer failureThreshold;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      RepoCommand.putIfSet(body, "schedule", schedule);
      RepoCommand.putIfSet(body, "enabled", enabled);
      RepoCommand.putIfSet(body, "failure_threshold", failureThreshold);
      JsonNode updated = api().put(base() + id + "/", body);
      print(
          updated,
          () -> {
            Table t = table();
            ScheduleCommands.print(t, updated);
            out().print(t.render());
          });
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a schedule.")
  static final class Delete extends ScheduleCommand {
    @Parameters(index = "1", paramLabel = "SCHEDULE_ID")
    String id;

    @Override
    public Integer call() {
      api().delete(base() + id + "/");
      out().println("Schedule " + id + " deleted");
      return 0;
    }
  }
}
