package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.db.FullDisk;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that ends while the database cannot write (its disk full) is recorded ended once the disk
 * has room again, on the same running server: it does not read "running" for as long as the worker
 * lives, holding up every later task on its repository.
 */
class DiskFullTaskEndTest {
  private static final String REPO = "/pulp/api/v2/repositories/";

  @TempDir Path dir;
  RunningDepot server;

  @AfterEach
  void stop() throws Exception {
    FullDisk.full = false;
    if (server != null) {
      server.stopKeepingDatabase(); // the temporary directory holds it
    }
  }

  @Test
  void aTaskThatEndsWhileTheDiskIsFullIsRecordedOnceThereIsRoom() throws Exception {
    FullDisk.register();
    Files.createDirectories(dir.resolve("db"));
    String url = "jdbc:h2:" + FullDisk.SCHEME + ":" + dir.resolve("db/depot");
    // A connection is waited for 1 s, not the production 10 s: each of the worker's three tries to
    // store the task's end fails as it would, only sooner.
    server =
        RunningDepot.start(
            TestDatabase.H2,
            dir.resolve("server"),
            url,
            ServerConfig.ALL_ROLES,
            null,
            new WorkerTimings(200, 500, 100, 30).withDatabaseWait(1_000));
    assertThat(
            server
                .call("POST", REPO, "{\"id\": \"zoo\", \"importer_type_id\": \"echo_importer\"}")
                .status())
        .isEqualTo(201);
    String taskId =
        server
            .call(
                "POST",
                REPO + "zoo/actions/sync/",
                "{\"override_config\": {\"pause_millis\": 1500, \"notes_per_sync\": 0}}")
            .json()
            .at("/spawned_tasks/0/task_id")
            .asText();
    awaitRunning(taskId);

    // The sync ends meanwhile, and each of the worker's tries to store its end fails: each waits
    // for the pool's connection timeout while the database cannot be opened again. Room comes
    // back only once the worker has given up and kept the end for later.
    FullDisk.full = true;
    awaitEndKept();
    FullDisk.full = false;

    JsonNode ended = server.awaitTask(taskId);
    assertThat(ended.at("/state").asText()).isIn("finished", "error");
    JsonNode next = server.awaitTask(server.call("POST", REPO + "zoo/actions/sync/", "{}"));
    assertThat(next.at("/state").asText())
        .as("the repository's next task runs: " + next)
        .isEqualTo("finished");
  }

  private void awaitEndKept() throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    while (server.depot().workers().unrecordedEnds() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the worker never gave up storing the task's end");
      }
      Thread.sleep(50);
    }
  }

  private void awaitRunning(String taskId) throws Exception {
    for (int i = 0; i < 300; i++) {
      String state =
          server
              .call("GET", "/pulp/api/v2/tasks/" + taskId + "/", null)
              .json()
              .at("/state")
              .asText();
      if (state.equals("running")) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("task " + taskId + " never ran");
  }
}
