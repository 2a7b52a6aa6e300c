package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the server says each distributor's last publish is served over HTTP and HTTPS (the {@code
 * published_locations} the platform records, for repositories' distributors and repository groups'
 * alike), for {@code depot webserver-config --from-server}: the generated config lists them, and
 * refuses to be generated when one lies outside the trees it aliases, which means the data
 * directory given is not the server's.
 */
final class ServedLocations {
  /**
   * One recorded location.
   *
   * @param owner whose distributor it is: "repository zoo", "repository group all"
   */
  record Location(
      String owner, String distributorId, String typeId, String protocol, String path, Path tree) {}

  private ServedLocations() {}

  /**
   * Every http and https location the server recorded: repositories' distributors in repository
   * order, then each repository group's.
   */
  static List<Location> fetch(ApiClient api) {
    JsonNode found =
        api.post(
            "distributors/search/",
            Map.of(
                "criteria",
                Map.of(
                    "fields",
                    List.of("id", "repo_id", "distributor_type_id", "published_locations"))));
    List<Location> locations = new ArrayList<>();
    for (JsonNode distributor : found) {
      add(locations, "repository " + distributor.path("repo_id").asText(), distributor);
    }
    // A group's distributors (a group export, say) publish under the same trees.
    for (JsonNode group : api.get("repo_groups/")) {
      String groupId = group.path("id").asText();
      for (JsonNode distributor : api.get("repo_groups/" + groupId + "/distributors/")) {
        add(locations, "repository group " + groupId, distributor);
      }
    }
    return locations;
  }

  private static void add(List<Location> locations, String owner, JsonNode distributor) {
    for (JsonNode location : distributor.path("published_locations")) {
      String protocol = location.path("protocol").asText();
      if (protocol.equals("http") || protocol.equals("https")) {
        locations.add(
            new Location(
                owner,
                distributor.path("id").asText(),
                distributor.path("distributor_type_id").asText(),
                protocol,
                location.path("served_path").asText(),
                location.hasNonNull("tree_path")
                    ? Path.of(location.path("tree_path").asText())
                    : null));
      }
    }
  }

  /**
   * Refuses locations whose tree is not under {@code <published>/<protocol>}: the generated config
   * would not serve them.
   */
  static void requireUnder(Path published, List<Location> locations) {
    for (Location location : locations) {
      Path root = published.resolve(location.protocol());
      if (location.tree() != null && !location.tree().normalize().startsWith(root)) {
        throw new IllegalArgumentException(
            "distributor "
                + location.distributorId()
                + " of "
                + location.owner()
                + " serves "
                + location.path()
                + " from "
                + location.tree()
                + ", outside "
                + root
                + "; give the server's data directory with --data-dir");
      }
    }
  }

  /** Comment lines naming each location, for the generated config. */
  static String comments(List<Location> locations) {
    StringBuilder text = new StringBuilder();
    text.append(
        "# Served paths the server recorded at generation time (new ones need no change):\n");
    for (Location location : locations) {
      text.append("#   ")
          .append(location.protocol())
          .append(' ')
          .append(location.path())
          .append("  (")
          .append(location.owner())
          .append(", distributor ")
          .append(location.distributorId())
          .append(", ")
          .append(location.typeId())
          .append(")\n");
    }
    return text.toString();
  }
}
