package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depot event-listener list|show|create|update|delete}: Pulp's {@code /events/}. */
@Command(
    name = "event-listener",
    description =
        "Event listeners: URLs the server POSTs each sync and publish start and finish to.",
    subcommands = {
      EventListenerCommands.ListListeners.class,
      EventListenerCommands.Show.class,
      EventListenerCommands.Create.class,
      EventListenerCommands.Update.class,
      EventListenerCommands.Delete.class
    },
    footer = {
      "",
      "Event types: repo.sync.start, repo.sync.finish, repo.publish.start, repo.publish.finish,"
          + " or * for all.",
      "",
      "Example:",
      "  depot event-listener create --option url=https://ci.example.com/hook \\",
      "      --event repo.sync.finish --event repo.publish.finish",
      "  depot event-listener list"
    })
final class EventListenerCommands {
  private EventListenerCommands() {}

  static String table(JsonNode listeners) {
    Table t = new Table("ID", "TYPE", "EVENTS", "URL");
    listeners.forEach(
        l ->
            t.row(
                l.path("id").asText(),
                l.path("notifier_type_id").asText(),
                String.join(" ", PluginsCommand.texts(l.path("event_types"))),
                l.path("notifier_config").path("url").asText("-")));
    return t.isEmpty() ? "No event listeners\n" : t.render();
  }

  @Command(name = "list", description = "List the event listeners.")
  static final class ListListeners extends ApiCommand {
    @Override
    public Integer call() {
      JsonNode listeners = api().get("events/");
      print(listeners, () -> out().print(table(listeners)));
      return 0;
    }
  }

  @Command(name = "show", description = "Show one event listener.")
  static final class Show extends ApiCommand {
    @Parameters(paramLabel = "LISTENER_ID")
    String id;

    @Override
    public Integer call() {
      JsonNode listener = api().get("events/" + id + "/");
      print(listener, () -> out().print(table(ApiClient.JSON.createArrayNode().add(listener))));
      return 0;
    }
  }

  @Command(name = "create", description = "Add an event listener.")
  static final class Create extends ApiCommand {
    @Option(
        names = "--type",
        paramLabel = "TYPE",
        defaultValue = "http",
        description = "The notifier type (default http, the only one Depot has).")
    String type;

    @Option(
        names = "--option",
        paramLabel = "KEY=VALUE",
        description =
            "Notifier config: url, and username and password for basic auth (repeatable).")
    List<String> options = new ArrayList<>();

    @Option(
        names = "--event",
        paramLabel = "TYPE",
        description = "An event type to notify (repeatable; default *, every event).")
    List<String> events = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("notifier_type_id", type);
      body.put("notifier_config", Options.pairs(options));
      body.put("event_types", events.isEmpty() ? List.of("*") : events);
      JsonNode listener = api().post("events/", body);
      print(listener, () -> out().println("Event listener " + listener.path("id").asText()));
      return 0;
    }
  }

  @Command(name = "update", description = "Change an event listener's config or event types.")
  static final class Update extends ApiCommand {
    @Parameters(paramLabel = "LISTENER_ID")
    String id;

    @Option(
        names = "--option",
        paramLabel = "KEY=VALUE",
        description = "Set a notifier config key; KEY= removes it (repeatable).")
    List<String> options = new ArrayList<>();

    @Option(
        names = "--event",
        paramLabel = "TYPE",
        description = "Notify these event types instead (repeatable).")
    List<String> events = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      if (!options.isEmpty()) {
        body.put("notifier_config", Options.pairs(options));
      }
      if (!events.isEmpty()) {
        body.put("event_types", events);
      }
      JsonNode listener = api().put("events/" + id + "/", body);
      print(listener, () -> out().println("Event listener " + id + " updated"));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete an event listener.")
  static final class Delete extends ApiCommand {
    @Parameters(paramLabel = "LISTENER_ID")
    String id;

    @Override
    public Integer call() {
      api().delete("events/" + id + "/");
      print(
          ApiClient.JSON.createObjectNode().put("deleted", id),
          () -> out().println("Event listener " + id + " deleted"));
      return 0;
    }
  }
}
