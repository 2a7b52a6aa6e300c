package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot consumer list|search|show|history}: the server's consumers, for admins. */
final class ConsumerAdminCommands {
  private ConsumerAdminCommands() {}

  @Command(name = "list", description = "List the server's consumers (admin).")
  static final class ListConsumers extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode consumers = api().get("consumers/");
      print(consumers, () -> out().print(table(consumers)));
      return 0;
    }
  }

  static String table(JsonNode consumers) {
    Table t = new Table("ID", "NAME", "NOTES");
    consumers.forEach(
        c ->
            t.row(
                c.path("id").asText(),
                c.path("display_name").asText(),
                c.path("notes").isEmpty() ? null : c.path("notes").toString()));
    return t.isEmpty() ? "No consumers\n" : t.render();
  }

  @Command(
      name = "search",
      description = "Search the server's consumers with Pulp's criteria (admin).",
      footer = {
        "",
        "Example:",
        "  depot consumer search --filter '{\"notes.site\": \"north\"}' --sort id:desc"
      })
  static final class SearchConsumers extends ApiCommand {
    @Mixin SearchOptions search = new SearchOptions();

    @Override
    public Integer call() {
      JsonNode consumers =
          api().post("consumers/search/", java.util.Map.of("criteria", search.criteria()));
      print(consumers, () -> out().print(search.table(consumers, ConsumerAdminCommands::table)));
      return 0;
    }
  }

  @Command(name = "show", description = "Show a consumer and its bindings (admin).")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "CONSUMER_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode consumer = api().get("consumers/" + id + "/");
      JsonNode bindings = api().get("consumers/" + id + "/bindings/");
      ObjectNode json = consumer.deepCopy();
      json.set("bindings", bindings);
      print(
          json,
          () -> {
            out().println("Consumer:     " + consumer.path("id").asText());
            out().println("Name:         " + consumer.path("display_name").asText());
            out().println("Description:  " + consumer.path("description").asText("-"));
            out().println("Notes:        " + consumer.path("notes"));
            Table t = new Table("REPO", "DISTRIBUTOR", "TYPE", "URLS");
            bindings.forEach(
                b ->
                    t.row(
                        b.path("repo_id").asText(),
                        b.path("distributor_id").asText(),
                        b.path("type_id").asText(),
                        b.path("details").path("urls").isMissingNode()
                            ? null
                            : b.path("details").path("urls").toString()));
            out().print(t.isEmpty() ? "No bindings\n" : t.render());
          });
      return 0;
    }
  }

  @Command(name = "history", description = "A consumer's history (admin).")
  static final class History extends ApiCommand {
    @Parameters(paramLabel = "CONSUMER_ID")
    String id;

    @Option(
        names = "--event-type",
        paramLabel = "TYPE",
        description = "registered, unregistered, repo_bound, repo_unbound (repeatable).")
    List<String> types;

    @Option(
        names = "--start-date",
        paramLabel = "ISO8601",
        description = "Only entries at or after this time.")
    String start;

    @Option(
        names = "--end-date",
        paramLabel = "ISO8601",
        description = "Only entries at or before this time.")
    String end;

    @Option(names = "--limit", paramLabel = "N", description = "At most N entries.")
    Integer limit;

    @Option(
        names = "--sort",
        paramLabel = "ascending|descending",
        description = "Order by time: ascending or descending.")
    String sort;

    @Override
    public Integer call() {
      StringBuilder query = new StringBuilder();
      for (String type : types == null ? List.<String>of() : types) {
        query.append("&event_type=").append(encode(type));
      }
      if (start != null) {
        query.append("&start_date=").append(encode(start));
      }
      if (end != null) {
        query.append("&end_date=").append(encode(end));
      }
      if (limit != null) {
        query.append("&limit=").append(limit);
      }
      if (sort != null) {
        query.append("&sort=").append(encode(sort));
      }
      String path =
          "consumers/" + id + "/history/" + (query.isEmpty() ? "" : "?" + query.substring(1));
      JsonNode entries = api().get(path);
      print(
          entries,
          () -> {
            Table t = new Table("TIMESTAMP", "TYPE", "ORIGINATOR", "DETAILS");
            entries.forEach(
                e ->
                    t.row(
                        e.path("timestamp").asText(),
                        e.path("type").asText(),
                        e.path("originator").asText(),
                        e.path("details").isNull() ? null : e.path("details").toString()));
            out().print(t.isEmpty() ? "No history\n" : t.render());
          });
      return 0;
    }

    private static String encode(String value) {
      return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
