package dev.depot.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.KilledServerOnEachDatabase;
import dev.depot.server.support.ServerProcess;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repository group's distributor removed, alone or with its group, and the server killed ({@code
 * SIGKILL}) after the removal committed but before the plugin unpublished (the test plugin's {@code
 * removed_pause_file} holds it there), on H2 and PostgreSQL: the restarted server has unpublished
 * the group's tree before it answers, so no tree is left served that no distributor names, and the
 * path is free for another distributor.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupDistributorRemovalCrashTest extends KilledServerOnEachDatabase {
  private static final String GROUPS = "/pulp/api/v2/repo_groups/";
  private static final String BUNDLE = GROUPS + "all/distributors/bundle/";
  private static final String TREE = "/pulp/shared/bundled/index.txt";

  @Test
  void aDistributorRemovalKilledBeforeUnpublishingIsFinishedByTheNextStart() throws Exception {
    TestApi api = killedWhileRemoving(BUNDLE);

    assertThat(api.call("GET", BUNDLE, null).status()).isEqualTo(404);
    assertThat(api.call("GET", GROUPS + "all/", null).status()).isEqualTo(200);
    assertThat(api.call("GET", TREE, null).status())
        .as("the restart unpublished the removed distributor's tree")
        .isEqualTo(404);
    assertPathFreeAgain(api);
  }

  @Test
  void aGroupDeleteKilledBeforeUnpublishingIsFinishedByTheNextStart() throws Exception {
    TestApi api = killedWhileRemoving(GROUPS + "all/");

    assertThat(api.call("GET", GROUPS + "all/", null).status())
        .as("a group whose distributor's unpublishing began is deleted")
        .isEqualTo(404);
    assertThat(api.call("GET", TREE, null).status())
        .as("the restart unpublished the deleted group's tree")
        .isEqualTo(404);
    assertPathFreeAgain(api);
  }

  /**
   * Publishes group {@code all}'s distributor {@code bundle}, sends {@code DELETE path} and kills
   * the server once the distributor is gone from the API but its tree still served; answers the
   * restarted server's API.
   */
  private TestApi killedWhileRemoving(String path) throws Exception {
    Path data = dir.resolve("data");
    Path pause = Files.createFile(dir.resolve("pause"));
    url = database.freshUrl(dir);
    server = ServerProcess.start(data, url, "first");
    TestApi api = server.api();
    publishBundle(api, pause);
    assertThat(api.call("GET", TREE, null).status()).isEqualTo(200);

    TestApi first = api;
    CompletableFuture<TestApi.Reply> removal =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return first.call("DELETE", path, null);
              } catch (Exception killed) {
                return null; // the server dies while it answers
              }
            });
    awaitStatus(api, BUNDLE, 404); // removed and committed; the plugin waits to unpublish
    assertThat(api.call("GET", TREE, null).status()).as("not unpublished yet").isEqualTo(200);
    assertThat(removal).isNotDone();
    server.kill();
    Files.delete(pause);

    server = ServerProcess.start(data, url, "after-kill");
    return server.api();
  }

  private static void publishBundle(TestApi api, Path pause) throws Exception {
    TestApi.Reply repo = api.call("POST", "/pulp/api/v2/repositories/", "{\"id\": \"zoo\"}");
    assertThat(repo.status()).as(repo.body()).isEqualTo(201);
    TestApi.Reply group = api.call("POST", GROUPS, "{\"id\": \"all\", \"repo_ids\": [\"zoo\"]}");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    TestApi.Reply added =
        api.call(
            "POST",
            GROUPS + "all/distributors/",
            """
            {"distributor_id": "bundle", "distributor_type_id": "bundle_group_distributor",
             "distributor_config": {"relative_url": "bundled", "removed_pause_file": "%s"}}
            """
                .formatted(pause));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    JsonNode published =
        api.awaitTask(api.call("POST", GROUPS + "all/actions/publish/", "{\"id\": \"bundle\"}"));
    assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");
  }

  /** Another group's distributor may now take the path the removed one served. */
  private static void assertPathFreeAgain(TestApi api) throws Exception {
    api.call("POST", GROUPS, "{\"id\": \"other\", \"repo_ids\": [\"zoo\"]}");
    TestApi.Reply taken =
        api.call(
            "POST",
            GROUPS + "other/distributors/",
            """
            {"distributor_id": "bundle", "distributor_type_id": "bundle_group_distributor",
             "distributor_config": {"relative_url": "bundled"}}
            """);
    assertThat(taken.status()).as(taken.body()).isEqualTo(201);
  }

  private static void awaitStatus(TestApi api, String path, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (api.call("GET", path, null).status() != status) {
      assertThat(System.nanoTime()).as(path + " never answered " + status).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
