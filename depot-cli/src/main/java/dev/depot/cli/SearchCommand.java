package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code depot search COLLECTION}: Pulp's criteria on any collection that has a {@code search/},
 * for those without a search command of their own (distributors, users, roles, groups).
 */
@Command(
    name = "search",
    description =
        "Search a collection with Pulp's criteria: repositories, distributors, tasks, consumers,"
            + " users, roles, repo_groups, consumer_groups.")
final class SearchCommand extends ApiCommand {
  private static final List<String> COLLECTIONS =
      List.of(
          "repositories",
          "distributors",
          "tasks",
          "consumers",
          "users",
          "roles",
          "repo_groups",
          "consumer_groups");

  @Parameters(paramLabel = "COLLECTION", description = "One of the collections above.")
  String collection;

  @Mixin SearchOptions search = new SearchOptions();

  @Override
  public Integer call() {
    if (!COLLECTIONS.contains(collection)) {
      throw new IllegalArgumentException(
          "no search on '" + collection + "'; one of " + String.join(", ", COLLECTIONS));
    }
    JsonNode found = api().post(collection + "/search/", Map.of("criteria", search.criteria()));
    print(found, () -> out().print(table(found)));
    return 0;
  }

  /** Each result's id and the rest of what the server returned, on one line. */
  static String table(JsonNode found) {
    Table t = new Table("ID", "DETAILS");
    found.forEach(item -> t.row(id(item), details(item)));
    return t.isEmpty() ? "No matches\n" : t.render();
  }

  private static String id(JsonNode item) {
    for (String key : List.of("login", "task_id", "id")) {
      if (item.hasNonNull(key)) {
        return item.path(key).asText();
      }
    }
    return "";
  }

  /** The rest of the document on one line, without Pulp's bookkeeping keys. */
  private static String details(JsonNode item) {
    ObjectNode rest = item.deepCopy();
    rest.remove(List.of("_id", "_ns", "_href", "id", "login", "task_id"));
    String text = rest.toString();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
