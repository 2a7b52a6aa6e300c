package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;

/**
 * What {@code ./depot} runs once after a build to make the CLI's class-data archive: the classes
 * the JVM loads here are the ones the archive holds and every later command maps instead of loading
 * them. It goes through what most commands do without needing a server: the whole command tree and
 * its help, a request that finds no server, a JSON answer read and printed as a table. (An archive
 * made from whatever command came first held too little after {@code --version}: {@code repo list}
 * took 0.7-0.9 s with it, 0.5 s with this one, on a loaded machine.) Prints nothing.
 */
final class ClassArchiveTraining {
  private ClassArchiveTraining() {}

  /** Runs the training; its output goes nowhere. */
  public static void main(String[] args) throws Exception {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    DepotCli.commandLine(new DepotCli()).usage(nowhere);
    // Port 1 on the loopback: refused at once, so the client's whole failure path runs.
    DepotCli.run(
        new String[] {"--url", "http://127.0.0.1:1", "repo", "list"}, nowhere, nowhere, Map.of());
    JsonNode answer =
        ApiClient.parse(
            """
            [{"id": "zoo", "display_name": "Zoo", "content_unit_counts": {"iso": 3},
              "importers": [{"importer_type_id": "iso_importer"}],
              "distributors": [{"id": "web"}]}]
            """);
    Table table = new Table("ID", "NAME", "UNITS");
    for (JsonNode repo : answer) {
      table.row(
          repo.path("id").asText(),
          repo.path("display_name").asText(),
          repo.path("content_unit_counts"));
    }
    nowhere.print(table.render());
    nowhere.print(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    nowhere.flush();
  }
}
