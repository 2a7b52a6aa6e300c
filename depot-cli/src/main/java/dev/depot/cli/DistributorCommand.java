package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot repo distributor add|list|show|update|remove}. */
@Command(
    name = "distributor",
    description = "A repository's distributors (any number, each with its own config).",
    subcommands = {
      DistributorCommand.Add.class,
      DistributorCommand.ListDistributors.class,
      DistributorCommand.Show.class,
      DistributorCommand.Update.class,
      DistributorCommand.Remove.class
    })
final class DistributorCommand {
  /** A table of distributors as the API lists them, one row each, under {@code idHeader}. */
  static Table table(String idHeader, JsonNode distributors) {
    Table t = new Table(idHeader, "TYPE", "AUTO", "LAST PUBLISH", "CONFIG");
    distributors.forEach(
        d ->
            t.row(
                d.path("id").asText(),
                d.path("distributor_type_id").asText(),
                d.path("auto_publish").asBoolean() ? "yes" : "no",
                d.path("last_publish").asText(null),
                d.path("config")));
    return t;
  }

  @Command(name = "add", description = "Attach a distributor to the repository.")
  static final class Add extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        required = true,
        description = "Distributor type id, e.g. iso_distributor.")
    String type;

    @Option(names = "--id", paramLabel = "ID", description = "Distributor id (default: generated).")
    String id;

    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--auto-publish", description = "Publish after every successful sync.")
    boolean autoPublish;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("distributor_type_id", type);
      RepoCommand.putIfSet(body, "distributor_id", id);
      body.put("distributor_config", configOptions.toConfig());
      body.put("auto_publish", autoPublish);
      JsonNode added = api().post("repositories/" + repo + "/distributors/", body);
      print(
          added,
          () ->
              out()
                  .println(
                      "Distributor "
                          + added.path("id").asText()
                          + " ("
                          + type
                          + ") added to "
                          + repo));
      return 0;
    }
  }

  @Command(name = "list", description = "List the repository's distributors.")
  static final class ListDistributors extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @Override
    public Integer call() {
      JsonNode list = api().get("repositories/" + repo + "/distributors/");
      print(
          list,
          () -> {
            Table t = table("ID", list);
            out().print(t.isEmpty() ? "No distributors\n" : t.render());
          });
      return 0;
    }
  }

  @Command(name = "show", description = "Show one distributor.")
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repo;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode d = api().get("repositories/" + repo + "/distributors/" + id + "/");
      print(
          d,
          () -> {
            out().println("Distributor:  " + d.path("id").asText());
            out().println("Type:         " + d.path("distributor_type_id").asText());
            out().println("Auto-publish: " + d.path("auto_publish").asBoolean());
            out().println("Last publish: " + d.path("last_publish").asText("never"));
            Table t = new Table("KEY", "VALUE");
            d.path("config").properties().forEach(e -> t.row(e.getKey(), e.getValue()));
            out().print(t.render());
          });
      return 0;
    }
  }

  @Command(name = "update", description = "Change config keys (others stay) or auto-publish.")
  static final class Update extends ApiCommand {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repo;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String id;

    @Mixin ConfigChanges configChanges = new ConfigChanges();

    @Option(
        names = "--auto-publish",
        paramLabel = "true|false",
        arity = "1",
        description = "Publish after every sync of the repository.")
    Boolean autoPublish;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("distributor_config", configChanges.toChanges());
      if (autoPublish != null) {
        body.put("delta", Map.of("auto_publish", autoPublish));
      }
      // What is served (its paths, protocols and client-certificate protection) changes with the
      // next publish, as in Pulp: a user adding protection must know the tree is open until then.
      return follow(
          api().put("repositories/" + repo + "/distributors/" + id + "/", body),
          false,
          "Distributor "
              + id
              + " of "
              + repo
              + " updated; what it serves changes at its next publish: depot repo publish "
              + repo
              + " --distributor "
              + id);
    }
  }

  @Command(name = "remove", description = "Remove a distributor (unpublishes it).")
  static final class Remove extends ApiCommand {
    @Parameters(index = "0", paramLabel = "REPO_ID")
    String repo;

    @Parameters(index = "1", paramLabel = "DISTRIBUTOR_ID")
    String id;

    @Override
    public Integer call() {
      return follow(
          api().delete("repositories/" + repo + "/distributors/" + id + "/"),
          false,
          "Distributor " + id + " removed from " + repo);
    }
  }
}
