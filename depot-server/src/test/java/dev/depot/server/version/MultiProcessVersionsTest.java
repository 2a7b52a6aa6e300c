package dev.depot.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import dev.depot.server.support.WorkerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes sharing PostgreSQL with an API-only server, all syncs of one repository:
 * whichever process takes each, the reservation serializes them, so each sync is one version
 * holding exactly the units before it plus its own. (Which process runs which sync is the queue's
 * choice; the versions must be whole either way.)
 */
class MultiProcessVersionsTest {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @TempDir Path dir;

  @Test
  void syncsFromTwoProcessesMakeOneWholeVersionEach() throws Exception {
    try (RunningDepot server =
            RunningDepot.start(
                TestDatabase.POSTGRESQL,
                dir,
                TestDatabase.POSTGRESQL.freshUrl(dir),
                Set.of("api"),
                "api-only",
                4);
        WorkerProcess one = WorkerProcess.start(dir, server.databaseUrl(), "one", 4);
        WorkerProcess two = WorkerProcess.start(dir, server.databaseUrl(), "two", 4)) {
      server.call(
          "POST",
          REPOS,
          """
          {"id": "zoo", "importer_type_id": "echo_importer",
           "importer_config": {"notes_per_sync": 2}}
          """);
      awaitWorkers(server);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ids.add(
            server
                .call("POST", REPOS + "zoo/actions/sync/", "{}")
                .json()
                .at("/spawned_tasks/0/task_id")
                .asText());
      }
      Set<String> workers = new HashSet<>();
      for (String id : ids) {
        JsonNode task = server.awaitTask(id);
        assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
        workers.add(task.at("/worker_name").asText());
      }

      assertThat(workers).isSubsetOf("one", "two");
      JsonNode versions = server.call("GET", REPOS + "zoo/versions/", null).json();
      assertThat(versions).hasSize(13);
      Set<String> tasks = new HashSet<>();
      for (JsonNode v : versions) {
        long number = v.at("/number").asLong();
        assertThat(v.at("/content_unit_counts/note").asLong()).isEqualTo(2 * number);
        if (number > 0) {
          assertThat(v.at("/added/note").asLong()).isEqualTo(2);
          tasks.add(v.at("/task_id").asText());
        }
      }
      assertThat(tasks).containsExactlyInAnyOrderElementsOf(ids);
      JsonNode units =
          server.call("POST", REPOS + "zoo/versions/7/search/units/", "{\"criteria\": {}}").json();
      assertThat(units).hasSize(14);
    }
  }

  /**
   * A sync killed with its process after saving units never recorded its version: the next task on
   * the repository does, before it runs, so a publish serves what the repository holds.
   */
  @Test
  void aPublishAfterASyncKilledWithItsProcessServesTheUnitsTheSyncSaved() throws Exception {
    try (RunningDepot server =
        RunningDepot.start(
            TestDatabase.POSTGRESQL,
            dir,
            TestDatabase.POSTGRESQL.freshUrl(dir),
            Set.of("api"),
            "api-only",
            3)) {
      server.call(
          "POST",
          REPOS,
          """
          {"id": "zoo", "importer_type_id": "echo_importer",
           "importer_config": {"notes_per_sync": 3, "pause_after_millis": 600000},
           "distributors": [{"distributor_id": "web", "distributor_type_id": "echo_distributor"}]}
          """);
      String sync;
      try (WorkerProcess doomed = WorkerProcess.start(dir, server.databaseUrl(), "doomed", 3)) {
        sync =
            server
                .call("POST", REPOS + "zoo/actions/sync/", "{}")
                .json()
                .at("/spawned_tasks/0/task_id")
                .asText();
        for (int i = 0; i < 600 && notes(server) < 3; i++) {
          Thread.sleep(100);
        }
        assertThat(notes(server)).as("the sync saved its notes").isEqualTo(3);
        doomed.kill();
      }
      assertThat(server.awaitTask(sync).at("/state").asText()).isEqualTo("error");

      try (WorkerProcess survivor = WorkerProcess.start(dir, server.databaseUrl(), "next", 3)) {
        JsonNode publish =
            server.awaitTask(
                server.call("POST", REPOS + "zoo/actions/publish/", "{\"id\": \"web\"}"));
        assertThat(publish.at("/state").asText()).as(publish.toString()).isEqualTo("finished");
        assertThat(publish.at("/result/summary/units").asLong())
            .as("units published; %s", publish)
            .isEqualTo(3);
      }
      JsonNode versions = server.call("GET", REPOS + "zoo/versions/", null).json();
      assertThat(versions.get(0).at("/content_unit_counts/note").asLong()).isEqualTo(3);
    }
  }

  private static long notes(RunningDepot server) throws Exception {
    return server.call("GET", REPOS + "zoo/", null).json().at("/content_unit_counts/note").asLong();
  }

  private static void awaitWorkers(RunningDepot server) throws Exception {
    for (int i = 0; i < 300; i++) {
      JsonNode status = server.send("GET", "/pulp/api/v2/status/", null, null).json();
      if (status.at("/known_workers").size() >= 2) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the second worker process did not come up");
  }
}
