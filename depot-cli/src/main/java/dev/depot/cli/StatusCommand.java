package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code depot status}: is the server up, which version, is its database connected. */
@Command(name = "status", description = "Show the server's version, database and workers.")
final class StatusCommand extends ApiCommand {
  @Override
  public Integer call() {
    JsonNode status = api().get("status/");
    print(
        status,
        () -> {
          out().println("Depot " + status.path("versions").path("platform_version").asText());
          out()
              .println(
                  "Database: "
                      + status.path("database_type").asText("?")
                      + (status.path("database_connection").path("connected").asBoolean()
                          ? ", connected"
                          : ", NOT connected"));
          Table workers = new Table("WORKER", "LAST HEARTBEAT");
          status
              .path("known_workers")
              .forEach(
                  w -> workers.row(w.path("name").asText(), w.path("last_heartbeat").asText()));
          out().print(workers.isEmpty() ? "No workers\n" : workers.render());
        });
    return status.path("database_connection").path("connected").asBoolean() ? 0 : DepotCli.FAILED;
  }
}
