package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code depot plugins list|show}: the content types, importers and distributors loaded, and the
 * HTTP APIs plugins serve beside their trees.
 */
@Command(
    name = "plugins",
    description = "Content types, importers and distributors the server has.",
    subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.Show.class})
final class PluginsCommand {
  @Command(name = "list", description = "List the loaded plugins.")
  static final class ListPlugins extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode types = api().get("plugins/types/");
      JsonNode importers = api().get("plugins/importers/");
      JsonNode distributors = api().get("plugins/distributors/");
      JsonNode apis = api().get("plugins/content_apis/");
      ObjectNode all = ApiClient.JSON.createObjectNode();
      all.set("types", types);
      all.set("importers", importers);
      all.set("distributors", distributors);
      all.set("content_apis", apis);
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
            if (!apis.isEmpty()) { // what a fronting web server must proxy to Depot
              out().println();
              Table a = new Table("CONTENT API", "SERVED BY");
              apis.forEach(x -> a.row(x.path("prefix").asText(), x.path("class").asText()));
              out().print(a.render());
            }
          });
      return 0;
    }
  }

  @Command(
      name = "show",
      description =
          "Show a content type (its unit key and the fields searched on), an importer or a"
              + " distributor.",
      footer = {"", "Example:", "  depot plugins show rpm", "  depot plugins show yum_importer"})
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "A content type, importer or distributor id.")
    String id;

    @Override
    public Integer call() {
      // The three share no namespace the server enforces: look in each, types first.
      for (String kind : java.util.List.of("types", "importers", "distributors")) {
        JsonNode found;
        try {
          found = api().get("plugins/" + kind + "/" + id + "/");
        } catch (ApiClient.ApiException e) {
          if (e.status() == 404) {
            continue;
          }
          throw e;
        }
        print(found, () -> out().print(describe(kind, found)));
        return 0;
      }
      throw new ApiClient.ApiException(
          404, "no content type, importer or distributor " + id + " (see depot plugins list)");
    }

    private static String describe(String kind, JsonNode found) {
      StringBuilder text = new StringBuilder();
      String what =
          switch (kind) {
            case "types" -> "Type:";
            case "importers" -> "Importer:";
            default -> "Distributor:";
          };
      line(text, what, found.path("id").asText());
      line(text, "Name:", found.path("display_name").asText());
      if (kind.equals("types")) {
        line(text, "Description:", found.path("description").asText("-"));
        line(text, "Unit key:", String.join(", ", texts(found.path("unit_key"))));
        line(text, "Search indexes:", String.join(", ", texts(found.path("search_indexes"))));
      } else {
        line(text, "Types:", String.join(", ", texts(found.path("types"))));
      }
      return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
      text.append(String.format("%-17s", label)).append(value).append('\n');
    }
  }

  static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> texts = new java.util.ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
