package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.KilledServerOnEachDatabase;
import dev.depot.server.support.ServerProcess;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What any API answer showed survives a crash, not only a task's state: a repository deleted by a
 * task, polled with {@code GET} until it answers 404 and the server killed ({@code SIGKILL}) at
 * once, is still gone after the restart, on H2 and PostgreSQL. H2 shows a commit to other sessions
 * a moment before its thread has written it, the longer the more rows it changed (here the
 * repository's thousands of units), and before every API answer wrote what it could see, a client
 * told 404 could find the repository back after the crash.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SeenGoneCrashTest extends KilledServerOnEachDatabase {
  private static final String REPOS = "/pulp/api/v2/repositories/";
  private static final int ROUNDS = 3;

  @Test
  void aRepositorySeenDeletedStaysDeletedAfterAKill() throws Exception {
    Path data = dir.resolve("data");
    url = database.freshUrl(dir);
    server = ServerProcess.start(data, url, "first");
    TestApi api = server.api();
    for (int round = 0; round < ROUNDS; round++) {
      String repo = REPOS + "zoo" + round + "/";
      TestApi.Reply created =
          api.call(
              "POST",
              REPOS,
              """
              {"id": "zoo%d", "importer_type_id": "echo_importer",
               "importer_config": {"notes_per_sync": 20000, "notes_per_batch": 5000}}
              """
                  .formatted(round));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      JsonNode synced = api.awaitTask(api.call("POST", repo + "actions/sync/", "{}"));
      assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");

      TestApi polled = api;
      ServerProcess running = server;
      CompletableFuture<Void> killedOnceGone =
          CompletableFuture.runAsync(
              () -> {
                try {
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                  while (polled.call("GET", repo, null).status() != 404) {
                    assertThat(System.nanoTime()).as("never deleted").isLessThan(deadline);
                  }
                  running.kill();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      TestApi.Reply delete = api.call("DELETE", repo, null);
      assertThat(delete.status()).as(delete.body()).isEqualTo(202);
      killedOnceGone.get(90, TimeUnit.SECONDS);

      server = ServerProcess.start(data, url, "after-kill-" + round);
      api = server.api();
      assertThat(api.call("GET", repo, null).status())
          .as("round %d: the repository answered 404 before the kill", round)
          .isEqualTo(404);
    }
  }
}
