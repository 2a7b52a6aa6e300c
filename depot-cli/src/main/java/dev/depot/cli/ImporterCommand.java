package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot repo importer set|show|update|remove}. */
@Command(
    name = "importer",
    description = "A repository's importer (one per repository).",
    subcommands = {
      ImporterCommand.Set.class,
      ImporterCommand.Show.class,
      ImporterCommand.Update.class,
      ImporterCommand.Remove.class
    })
final class ImporterCommand {

  /** The type id of the repository's importer (404 from the server if it has none). */
  static String typeOf(ApiClient api, String repo) {
    JsonNode importers = api.get("repositories/" + repo + "/importers/");
    if (importers.isEmpty()) {
      throw new ApiClient.ApiException(404, "Repository " + repo + " has no importer");
    }
    return importers.get(0).path("importer_type_id").asText();
  }

  @Command(name = "set", description = "Give the repository an importer, replacing any other.")
  static final class Set extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @Option(
        names = "--type",
        required = true,
        paramLabel = "TYPE",
        description = "Importer type id, e.g. iso_importer.")
    String type;

    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("importer_type_id", type);
      body.put("importer_config", configOptions.toConfig());
      return follow(
          api().post("repositories/" + repo + "/importers/", body),
          false,
          "Importer " + type + " set on " + repo);
    }
  }

  @Command(name = "show", description = "Show the repository's importer.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @Override
    public Integer call() {
      JsonNode importer =
          api().get("repositories/" + repo + "/importers/" + typeOf(api(), repo) + "/");
      print(
          importer,
          () -> {
            out().println("Importer:  " + importer.path("importer_type_id").asText());
            out().println("Last sync: " + importer.path("last_sync").asText("never"));
            Table t = new Table("KEY", "VALUE");
            importer.path("config").properties().forEach(e -> t.row(e.getKey(), e.getValue()));
            out().print(t.render());
          });
      return 0;
    }
  }

  @Command(name = "update", description = "Change importer config keys (others stay).")
  static final class Update extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @Mixin ConfigChanges configChanges = new ConfigChanges();

    @Override
    public Integer call() {
      String type = typeOf(api(), repo);
      return follow(
          api()
              .put(
                  "repositories/" + repo + "/importers/" + type + "/",
                  Map.of("importer_config", configChanges.toChanges())),
          false,
          "Importer " + type + " of " + repo + " updated");
    }
  }

  @Command(name = "remove", description = "Remove the repository's importer.")
  static final class Remove extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @Override
    public Integer call() {
      String type = typeOf(api(), repo);
      return follow(
          api().delete("repositories/" + repo + "/importers/" + type + "/"),
          false,
          "Importer " + type + " removed from " + repo);
    }
  }
}
