package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot repo-group distributor add|list|show|update|remove} and {@code depot repo-group
 * publish}: the distributors that publish a whole repository group at once, e.g. {@code
 * group_export_distributor}.
 */
final class GroupDistributorCommands {
  private GroupDistributorCommands() {}

  private static String path(String group) {
    return "repo_groups/" + group + "/distributors/";
  }

  @Command(
      name = "distributor",
      description = "A repository group's distributors (each publishes every member at once).",
      subcommands = {Add.class, ListDistributors.class, Show.class, Update.class, Remove.class},
      footer = {
        "",
        "Example:",
        "  depot repo-group distributor add media --type group_export_distributor \\",
        "      --id dvd \\",
        "      --option http=true --option https=false --option iso_size=4380",
        "  depot repo-group publish media --distributor dvd"
      })
  static final class Distributors {}

  @Command(name = "add", description = "Attach a distributor to the group.")
  static final class Add extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String group;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        required = true,
        description = "Group distributor type id, e.g. group_export_distributor.")
    String type;

    @Option(names = "--id", paramLabel = "ID", description = "Distributor id (default: generated).")
    String id;

    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("distributor_type_id", type);
      RepoCommand.putIfSet(body, "distributor_id", id);
      body.put("distributor_config", configOptions.toConfig());
      JsonNode added = api().post(path(group), body);
      print(
          added,
          () ->
              out()
                  .println(
                      "Group distributor "
                          + added.path("id").asText()
                          + " ("
                          + type
                          + ") added to "
                          + group));
      return 0;
    }
  }

  @Command(name = "list", description = "List the group's distributors.")
  static final class ListDistributors extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String group;

    @Override
    public Integer call() {
      JsonNode list = api().get(path(group));
      print(list, () -> out().print(table(list)));
      return 0;
    }
  }

  private static String table(JsonNode distributors) {
    Table t = new Table("ID", "TYPE", "LAST PUBLISH", "CONFIG");
    distributors.forEach(
        d ->
            t.row(
                d.path("id").asText(),
                d.path("distributor_type_id").asText(),
                d.path("last_publish").asText(null),
                d.path("config")));
    return t.isEmpty() ? "No distributors\n" : t.render();
  }

  @Command(name = "show", description = "Show one of the group's distributors.")
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID")
    String group;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode distributor = api().get(path(group) + id + "/");
      print(
          distributor, () -> out().print(table(ApiClient.JSON.createArrayNode().add(distributor))));
      return 0;
    }
  }

  @Command(name = "update", description = "Change a group distributor's config.")
  static final class Update extends ApiCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID")
    String group;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String id;

    @Mixin ConfigChanges configChanges = new ConfigChanges();

    @Override
    public Integer call() {
      Map<String, Object> changes = configChanges.toChanges();
      if (changes.isEmpty()) {
        throw new IllegalArgumentException("nothing to change: give --option, --unset or --config");
      }
      JsonNode updated = api().put(path(group) + id + "/", Map.of("distributor_config", changes));
      print(updated, () -> out().println("Group distributor " + id + " of " + group + " updated"));
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a distributor (unpublishes it).")
  static final class Remove extends ApiCommand {
    @Parameters(index = "0", paramLabel = "GROUP_ID")
    String group;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode reply = api().delete(path(group) + id + "/");
      print(reply, () -> out().println("Group distributor " + id + " removed from " + group));
      return 0;
    }
  }

  @Command(
      name = "publish",
      description = "Publish the group through one of its distributors; waits and shows progress.")
  static final class Publish extends ApiCommand {
    @Parameters(paramLabel = "GROUP_ID")
    String group;

    @Option(
        names = "--distributor",
        required = true,
        paramLabel = "ID",
        description = "Which group distributor publishes.")
    String distributor;

    @Option(
        names = "--override",
        paramLabel = "KEY=VALUE",
        description = "Config for this publish only.")
    List<String> overrides;

    @Option(names = "--background", description = "Return the task id at once.")
    boolean background;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", distributor);
      body.put("override_config", Options.pairs(overrides));
      int code =
          follow(
              api().post("repo_groups/" + group + "/actions/publish/", body),
              background,
              "Repository group " + group + " published by " + distributor);
      if (code == 0 && !background && !json()) {
        // The task's result is null, as in Pulp: where it went is the distributor's to say.
        JsonNode published = api().get(path(group) + distributor + "/");
        PublishCommand.printLocations(this, published.path("published_locations"));
      }
      return code;
    }
  }
}
