package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.cli.DepotCli;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI waiting on a task that no worker can take (the server runs the API role only) says so,
 * rather than printing "waiting" for ever.
 */
class NoWorkerCliTest {
  @TempDir Path dir;

  @Test
  void aTaskNoWorkerCanTakeIsSaidToWaitForOne() throws Exception {
    try (RunningDepot api =
        RunningDepot.start(
            TestDatabase.H2,
            dir.resolve("server"),
            TestDatabase.H2.freshUrl(dir.resolve("server")),
            Set.of("api"),
            null,
            10)) {
      var created =
          api.call(
              "POST",
              "/pulp/api/v2/repositories/",
              "{\"id\": \"zoo\", \"importer_type_id\": \"iso_importer\","
                  + " \"importer_config\": {\"feed\": \""
                  + java.nio.file.Files.createDirectories(dir.resolve("feed")).toUri()
                  + "\"}}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      StringWriter err = new StringWriter();
      Map<String, String> env =
          Map.of("DEPOT_URL", api.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD);
      Thread cli =
          Thread.ofVirtual()
              .start(
                  () ->
                      DepotCli.run(
                          new String[] {"repo", "sync", "zoo"},
                          new PrintWriter(new StringWriter()),
                          new PrintWriter(err, true),
                          env));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!err.toString().contains("No worker is running") && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      String task = api.call("GET", "/pulp/api/v2/tasks/", null).json().at("/0/task_id").asText();
      api.call("DELETE", "/pulp/api/v2/tasks/" + task + "/", null); // lets the CLI return
      cli.join(TimeUnit.SECONDS.toMillis(30));

      assertThat(err.toString())
          .contains("No worker is running to take task " + task)
          .contains("start one (depot server, with the worker role)");
    }
  }
}
