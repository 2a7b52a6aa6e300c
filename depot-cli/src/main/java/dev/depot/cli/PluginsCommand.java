package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

/** {@code depot plugins list}: the content types, importers and distributors loaded. */
@Command(
    name = "plugins",
    description = "Content types, importers and distributors the server has.",
    subcommands = {PluginsCommand.ListPlugins.class})
final class PluginsCommand {
  @Command(name = "list", description = "List the loaded plugins.")
  static final class ListPlugins extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode types = api().get("plugins/types/");
      JsonNode importers = api().get("plugins/importers/");
      JsonNode distributors = api().get("plugins/distributors/");
      ObjectNode all = ApiClient.JSON.createObjectNode();
      all.set("types", types);
      all.set("importers", importers);
      all.set("distributors", distributors);
      print(
          all,
          () -> {
            Table t = new Table("TYPE", "NAME", "UNIT KEY");
            types.forEach(
                x ->
                    t.row(
                        x.path("id").asText(),
                        x.path("display_name").asText(),
                        String.join(", ", texts(x.path("unit_key")))));
            out().print(t.render());
            out().println();
            Table i = new Table("IMPORTER", "NAME", "TYPES");
            importers.forEach(
                x ->
                    i.row(
                        x.path("id").asText(),
                        x.path("display_name").asText(),
                        String.join(", ", texts(x.path("types")))));
            out().print(i.render());
            out().println();
            Table d = new Table("DISTRIBUTOR", "NAME", "TYPES");
            distributors.forEach(
                x ->
                    d.row(
                        x.path("id").asText(),
                        x.path("display_name").asText(),
                        String.join(", ", texts(x.path("types")))));
            out().print(d.render());
          });
      return 0;
    }
  }

  static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> texts = new java.util.ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
