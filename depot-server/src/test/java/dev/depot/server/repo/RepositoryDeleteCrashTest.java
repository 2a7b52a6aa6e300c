package dev.depot.server.repo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A repository delete killed ({@code SIGKILL}) halfway through unpublishing, on H2 and PostgreSQL:
 * the repository is never left existing but no longer served. The first distributor's removed-hook
 * has deleted its served tree and waits (the test plugin's {@code removed_pause_file}) when the
 * server is killed; the second distributor's tree is still there. The restarted server has the
 * repository deleted and has finished unpublishing both before it answers, and the id is free.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RepositoryDeleteCrashTest extends KilledServerOnEachDatabase {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @Test
  void aDeleteKilledWhileUnpublishingIsFinishedByTheNextStart() throws Exception {
    Path data = dir.resolve("data");
    Path pause = Files.createFile(dir.resolve("pause"));
    url = database.freshUrl(dir);
    server = ServerProcess.start(data, url, "first");
    TestApi api = server.api();
    createZoo(api, pause);
    assertThat(api.call("GET", "/pulp/shared/zoo-one/index.txt", null).status()).isEqualTo(200);
    assertThat(api.call("GET", "/pulp/shared/zoo-two/index.txt", null).status()).isEqualTo(200);

    assertThat(api.call("DELETE", REPOS + "zoo/", null).status()).isEqualTo(202);
    awaitStatus(api, "/pulp/shared/zoo-one/index.txt", 404); // "one" unpublished, now waits
    server.kill();
    Files.delete(pause);

    server = ServerProcess.start(data, url, "after-kill");
    api = server.api();
    assertThat(api.call("GET", REPOS + "zoo/", null).status())
        .as("a repository whose unpublishing began is deleted, not left unserved")
        .isEqualTo(404);
    assertThat(api.call("GET", "/pulp/shared/zoo-two/index.txt", null).status())
        .as("the restart finished unpublishing the deleted repository")
        .isEqualTo(404);
    Path masters = data.resolve("published").resolve("master");
    assertThat(masters.resolve("shelf_distributor").resolve("zoo")).doesNotExist();
    assertThat(masters.resolve("crate_distributor").resolve("zoo")).doesNotExist();
    TestApi.Reply again = api.call("POST", REPOS, "{\"id\": \"zoo\"}");
    assertThat(again.status()).as("the id is free again: " + again.body()).isEqualTo(201);
  }

  private static void createZoo(TestApi api, Path pause) throws Exception {
    TestApi.Reply created =
        api.call(
            "POST",
            REPOS,
            """
            {"id": "zoo", "distributors": [
              {"distributor_id": "one", "distributor_type_id": "shelf_distributor",
               "distributor_config": {"relative_url": "zoo-one", "removed_pause_file": "%s"}},
              {"distributor_id": "two", "distributor_type_id": "crate_distributor",
               "distributor_config": {"relative_url": "zoo-two"}}]}
            """
                .formatted(pause));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    for (String distributor : new String[] {"one", "two"}) {
      JsonNode published =
          api.awaitTask(
              api.call(
                  "POST", REPOS + "zoo/actions/publish/", "{\"id\": \"" + distributor + "\"}"));
      assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");
    }
  }

  private static void awaitStatus(TestApi api, String path, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (api.call("GET", path, null).status() != status) {
      assertThat(System.nanoTime()).as(path + " never answered " + status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
