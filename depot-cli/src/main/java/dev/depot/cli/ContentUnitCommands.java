package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code depot unit search|show|user-metadata}: the server's units of a type, whatever repositories
 * hold them ({@code /content/units/<type>/}), each with the repositories it is in.
 */
@Command(
    name = "unit",
    description = "Units stored on the server, in any repository or none, by type.",
    subcommands = {
      ContentUnitCommands.Search.class,
      ContentUnitCommands.Show.class,
      UnitUserMetadataCommand.class
    },
    footer = {
      "",
      "Example:",
      "  depot unit search iso --filter '{\"name\": {\"$regex\": \"^a\"}}' --limit 10",
      "  depot unit show iso UNIT_ID",
      "  depot unit user-metadata iso UNIT_ID --set team=qa"
    })
final class ContentUnitCommands {
  private ContentUnitCommands() {}

  static String table(JsonNode units) {
    Table t = new Table("ID", "UNIT", "REPOSITORIES");
    units.forEach(
        u ->
            t.row(
                u.path("_id").asText(),
                fields(u),
                String.join(" ", PluginsCommand.texts(u.path("repository_memberships")))));
    return t.isEmpty() ? "No units\n" : t.render();
  }

  /**
   * The unit's own fields on one line, without Pulp's bookkeeping ones (nor an empty {@code
   * pulp_user_metadata}, which every unit has).
   */
  private static String fields(JsonNode unit) {
    ObjectNode rest = ApiClient.JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> e : unit.properties()) {
      if (!e.getKey().startsWith("_")
          && !e.getKey().equals("children")
          && !e.getKey().equals("repository_memberships")
          && !(e.getKey().equals("pulp_user_metadata") && e.getValue().isEmpty())) {
        rest.set(e.getKey(), e.getValue());
      }
    }
    String text = rest.toString();
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }

  @Command(
      name = "search",
      description = "Search a type's units with Pulp's criteria, with the repositories of each.")
  static final class Search extends ApiCommand {
    @Parameters(paramLabel = "TYPE", description = "The unit type, e.g. iso, rpm, puppet_module.")
    String type;

    @Mixin SearchOptions search = new SearchOptions();

    @Override
    public Integer call() {
      JsonNode units =
          api()
              .post(
                  "content/units/" + type + "/search/",
                  Map.of("criteria", search.criteria(), "include_repos", true));
      print(units, () -> out().print(table(units)));
      return 0;
    }
  }

  @Command(name = "show", description = "Show one unit: its fields, as stored.")
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "TYPE", description = "The unit type.")
    String type;

    @Parameters(index = "1", paramLabel = "UNIT_ID", description = "The unit's id (_id).")
    String id;

    @Override
    public Integer call() {
      JsonNode unit = api().get("content/units/" + type + "/" + id + "/");
      print(unit, () -> out().print(table(ApiClient.JSON.createArrayNode().add(unit))));
      return 0;
    }
  }
}
