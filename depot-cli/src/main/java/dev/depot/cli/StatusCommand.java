package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code depot status}: is the server up, which version, is its database connected. */
@Command(
    name = "status",
    description = "Show the server's version, database, workers and processes.")
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
          // Every process on the database with its build: an upgrade waits for all of them.
          Table processes = new Table("PROCESS", "ROLES", "VERSION", "PID", "LAST HEARTBEAT");
          status
              .path("known_processes")
              .forEach(
                  p ->
                      processes.row(
                          p.path("name").asText(),
                          roles(p.path("roles")),
                          p.path("version").asText(),
                          p.path("pid").asText(),
                          p.path("last_heartbeat").asText()));
          if (!processes.isEmpty()) {
            out().print(processes.render());
          }
        });
    return status.path("database_connection").path("connected").asBoolean() ? 0 : DepotCli.FAILED;
  }

  private static String roles(JsonNode roles) {
    StringBuilder text = new StringBuilder();
    roles.forEach(r -> text.append(text.isEmpty() ? "" : ",").append(r.asText()));
    return text.toString();
  }
}
