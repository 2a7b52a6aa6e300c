package dev.depot.server.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.server.support.KilledServerOnEachDatabase;
import dev.depot.server.support.ServerProcess;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An importer removed on its own, and the server killed ({@code SIGKILL}) while the plugin's
 * removed-hook runs (the test importer's {@code removed_pause_file} holds it there), on H2 and
 * PostgreSQL. The removal commits before the hook runs, so the importer is gone from the API while
 * the hook waits; the restarted server has run the hook before it answers. (Run inside the removing
 * transaction, the hook held the removal uncommitted: a kill there kept an importer whose clean-up
 * had run.)
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ImporterRemovalCrashTest extends KilledServerOnEachDatabase {
  private static final String ZOO = "/pulp/api/v2/repositories/zoo/";
  private static final String IMPORTER = ZOO + "importers/echo_importer/";

  @Test
  void anImporterRemovalKilledInItsHookIsFinishedByTheNextStart() throws Exception {
    Path data = dir.resolve("data");
    Path pause = Files.createFile(dir.resolve("pause"));
    Path mark = dir.resolve("removed");
    url = database.freshUrl(dir);
    server = ServerProcess.start(data, url, "first");
    TestApi api = server.api();
    TestApi.Reply created =
        api.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "importer_type_id": "echo_importer",
             "importer_config": {"removed_pause_file": "%s", "removed_mark": "%s"}}
            """
                .formatted(pause, mark));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    TestApi.Reply removal = api.call("DELETE", IMPORTER, null);
    assertThat(removal.status()).as(removal.body()).isEqualTo(202);
    awaitStatus(api, IMPORTER, 404); // the removal committed; the hook waits
    assertThat(mark).as("the hook has not run yet").doesNotExist();
    server.kill();
    Files.delete(pause);

    server = ServerProcess.start(data, url, "after-kill");
    api = server.api();
    assertThat(api.call("GET", IMPORTER, null).status()).isEqualTo(404);
    assertThat(mark).as("the restart ran the removed importer's hook").hasContent("zoo");
    TestApi.Reply again =
        api.call(
            "POST",
            ZOO + "importers/",
            "{\"importer_type_id\": \"echo_importer\", \"importer_config\": {}}");
    assertThat(api.awaitTask(again).at("/state").asText()).isEqualTo("finished");
  }

  private static void awaitStatus(TestApi api, String path, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (api.call("GET", path, null).status() != status) {
      assertThat(System.nanoTime()).as(path + " never answered " + status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
