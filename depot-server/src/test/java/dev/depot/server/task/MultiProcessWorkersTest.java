package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import dev.depot.server.support.WorkerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes sharing PostgreSQL: every task runs exactly once, one at a time per
 * repository, and a worker killed with SIGKILL mid-task has its task failed by the survivors.
 */
class MultiProcessWorkersTest {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @TempDir Path dir;

  @Test
  void fiftyTasksOnTenRepositoriesRunOnceEachOneAtATimePerRepository() throws Exception {
    try (RunningDepot server =
            RunningDepot.start(
                TestDatabase.POSTGRESQL,
                dir,
                TestDatabase.POSTGRESQL.freshUrl(dir),
                Set.of("api", "worker"),
                "in-test",
                10);
        WorkerProcess other = WorkerProcess.start(dir, server.databaseUrl(), "other", 10)) {
      for (int r = 0; r < 10; r++) {
        createRepo(
            server,
            "r" + r,
            "{\"steps\": 2, \"step_millis\": 30, \"relative_url\": \"r" + r + "\"}");
      }
      awaitWorkers(server, 2);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        ids.add(
            server
                .call(
                    "POST",
                    REPOS + "r" + (i % 10) + "/actions/publish/",
                    "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}")
                .json()
                .at("/spawned_tasks/0/task_id")
                .asText());
      }
      Set<String> workers = new HashSet<>();
      for (String id : ids) {
        JsonNode task = server.awaitTask(id);
        assertThat(task.at("/state").asText()).isEqualTo("finished");
        workers.add(task.at("/worker_name").asText());
      }

      assertThat(workers).containsExactlyInAnyOrder("in-test", "other");
      assertThat(countRows(server.databaseUrl(), "SELECT COUNT(*) FROM repo_publish_results"))
          .isEqualTo(50);
      assertNoOverlapPerRepository(server.databaseUrl());
      assertThat(other.isAlive()).isTrue();
    }
  }

  @Test
  void killedWorkersTaskFailsAndTheRestFinish() throws Exception {
    String url = TestDatabase.POSTGRESQL.freshUrl(dir);
    try (RunningDepot api =
        RunningDepot.start(TestDatabase.POSTGRESQL, dir, url, Set.of("api"), "api-only", 3)) {
      createRepo(api, "slow", "{\"steps\": 200, \"step_millis\": 100, \"relative_url\": \"slow\"}");
      createRepo(api, "quick", "{\"relative_url\": \"quick\"}");
      WorkerProcess doomed = WorkerProcess.start(dir, url, "doomed", 3);
      String slow = publish(api, "slow");
      awaitRunning(api, slow);
      String queuedBehind =
          api.call(
                  "POST",
                  REPOS + "slow/actions/publish/",
                  "{\"id\": \"web\", \"override_config\": {\"steps\": 1}}")
              .json()
              .at("/spawned_tasks/0/task_id")
              .asText();
      doomed.kill();
      String quick = publish(api, "quick");

      try (RunningDepot survivor =
          RunningDepot.start(
              TestDatabase.POSTGRESQL, dir.resolve("s"), url, Set.of("worker"), "survivor", 3)) {
        JsonNode lost = api.awaitTask(slow);
        assertThat(lost.at("/state").asText()).isEqualTo("error");
        assertThat(lost.at("/worker_name").asText()).isEqualTo("doomed");
        assertThat(lost.at("/error/description").asText()).contains("went missing");
        assertThat(api.awaitTask(queuedBehind).at("/state").asText()).isEqualTo("finished");
        assertThat(api.awaitTask(quick).at("/state").asText()).isEqualTo("finished");
        JsonNode status = api.send("GET", "/pulp/api/v2/status/", null, null).json();
        assertThat(status.at("/known_workers").findValuesAsText("name"))
            .containsExactly("survivor");
        survivor.stopKeepingDatabase();
      }
      doomed.close();
    }
  }

  @Test
  void theOnlyWorkerKilledHasItsTaskFailedByTheApiProcess() throws Exception {
    String url = TestDatabase.POSTGRESQL.freshUrl(dir);
    try (RunningDepot api =
        RunningDepot.start(TestDatabase.POSTGRESQL, dir, url, Set.of("api"), "api-only", 3)) {
      createRepo(api, "slow", "{\"steps\": 200, \"step_millis\": 100, \"relative_url\": \"slow\"}");
      WorkerProcess doomed = WorkerProcess.start(dir, url, "doomed", 3);
      String slow = publish(api, "slow");
      awaitRunning(api, slow);

      doomed.kill();

      // No other worker is left to notice: the API process does, after the timeout.
      JsonNode lost = api.awaitTask(slow);
      assertThat(lost.at("/state").asText()).isEqualTo("error");
      assertThat(lost.at("/error/description").asText()).contains("went missing");
      doomed.close();
    }
  }

  @Test
  void aKilledWorkersWorkingDirectoryIsDeletedWhenItRestarts() throws Exception {
    String url = TestDatabase.POSTGRESQL.freshUrl(dir);
    try (RunningDepot api =
        RunningDepot.start(TestDatabase.POSTGRESQL, dir, url, Set.of("api"), "api-only", 3)) {
      createRepo(api, "slow", "{\"steps\": 200, \"step_millis\": 100, \"relative_url\": \"slow\"}");
      WorkerProcess doomed = WorkerProcess.start(dir, url, "doomed", 3);
      String slow = publish(api, "slow");
      awaitRunning(api, slow);
      Path left = dir.resolve("working").resolve(slow);
      assertThat(left).isDirectory();

      doomed.kill();
      try (WorkerProcess restarted = WorkerProcess.start(dir, url, "doomed", 3)) {
        assertThat(api.awaitTask(slow).at("/state").asText()).isEqualTo("error");
        // The new process sweeps once started: a JVM start on a busy machine takes a while.
        for (int i = 0; i < 600 && java.nio.file.Files.exists(left); i++) {
          Thread.sleep(100);
        }
        assertThat(left)
            .as("the killed publish's working directory; log: %s", log(dir.resolve("doomed.log")))
            .doesNotExist();
        assertThat(dir.resolve("working")).isDirectory();
      }
      doomed.close();
    }
  }

  @Test
  void aSecondProcessUnderALiveWorkersNameIsRefusedAndItsTaskFinishes() throws Exception {
    String url = TestDatabase.POSTGRESQL.freshUrl(dir);
    try (RunningDepot api =
            RunningDepot.start(TestDatabase.POSTGRESQL, dir, url, Set.of("api"), "api-only", 10);
        WorkerProcess w1 = WorkerProcess.start(dir, url, "w1", 10)) {
      createRepo(api, "slow", "{\"steps\": 20, \"step_millis\": 100, \"relative_url\": \"slow\"}");
      String slow = publish(api, "slow");
      awaitRunning(api, slow);

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  RunningDepot.start(
                      TestDatabase.POSTGRESQL, dir.resolve("dup"), url, Set.of("worker"), "w1", 10))
          .hasMessageContaining("worker name w1 is in use");

      assertThat(api.awaitTask(slow).at("/state").asText())
          .as("the live w1's task is not failed as a previous run's")
          .isEqualTo("finished");
      w1.close();
    }
  }

  @Test
  void aScheduleFiresOncePerIntervalWithTwoServers() throws Exception {
    String url = TestDatabase.POSTGRESQL.freshUrl(dir);
    try (RunningDepot one =
            RunningDepot.start(
                TestDatabase.POSTGRESQL, dir, url, Set.of("api", "worker"), "one", 10);
        RunningDepot two =
            RunningDepot.start(
                TestDatabase.POSTGRESQL, dir.resolve("two"), url, Set.of("worker"), "two", 10)) {
      // Both servers fire due schedules; the race is theirs only once both are up.
      awaitWorkers(one, 2);
      one.call("POST", REPOS, "{\"id\": \"zoo\", \"importer_type_id\": \"echo_importer\"}");
      String start =
          java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      String schedule =
          one.call(
                  "POST",
                  REPOS + "zoo/importers/echo_importer/schedules/sync/",
                  "{\"schedule\": \"R4/" + start + "/PT1S\"}")
              .json()
              .at("/_href")
              .asText();

      awaitExhausted(one, schedule);
      awaitRows(url, "SELECT COUNT(*) FROM repo_sync_results", 4);

      assertThat(countRows(url, "SELECT COUNT(*) FROM tasks")).isEqualTo(4);
      assertThat(countRows(url, "SELECT COUNT(*) FROM repo_sync_results")).isEqualTo(4);
      JsonNode status = one.send("GET", "/pulp/api/v2/status/", null, null).json();
      assertThat(status.at("/known_workers").findValuesAsText("name"))
          .as("both servers were firing schedules all along")
          .containsExactlyInAnyOrder("one", "two");
      two.stopKeepingDatabase();
    }
  }

  @Test
  void aServerThatCannotListenClaimsNoTask() throws Exception {
    try (RunningDepot api =
        RunningDepot.start(
            TestDatabase.POSTGRESQL,
            dir,
            TestDatabase.POSTGRESQL.freshUrl(dir),
            Set.of("api"),
            null,
            10)) {
      createRepo(api, "r", "{\"steps\": 1, \"relative_url\": \"r\"}");
      String task =
          api.call("POST", REPOS + "r/actions/publish/", "{\"id\": \"web\"}")
              .json()
              .at("/spawned_tasks/0/task_id")
              .asText();
      // A second server on the same database and the first one's port: it cannot listen.
      var taken =
          dev.depot.server.config.ServerConfig.of(
                  "127.0.0.1",
                  api.depot().port(),
                  0,
                  dir.resolve("second"),
                  api.databaseUrl(),
                  RunningDepot.PASSWORD,
                  dir.resolve("second/config"))
              .withWorker(Set.of("api", "worker"), "doomed", 10);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  dev.depot.server.Depot.start(
                      taken, new WorkerTimings(50, 500, 100, 10), Map.of()))
          .isNotNull();
      Thread.sleep(500); // longer than its workers would take to claim the task

      assertThat(
              api.call("GET", "/pulp/api/v2/tasks/" + task + "/", null)
                  .json()
                  .at("/state")
                  .asText())
          .as("the task waits for a worker that can run it")
          .isEqualTo("waiting");
    }
  }

  private static void createRepo(RunningDepot server, String id, String config) throws Exception {
    assertThat(
            server
                .call(
                    "POST",
                    REPOS,
                    "{\"id\": \""
                        + id
                        + "\", \"distributors\": [{\"distributor_type_id\": \"echo_distributor\","
                        + " \"distributor_id\": \"web\", \"distributor_config\": "
                        + config
                        + "}]}")
                .status())
        .isEqualTo(201);
  }

  private static String publish(RunningDepot server, String repo) throws Exception {
    return server
        .call("POST", REPOS + repo + "/actions/publish/", "{\"id\": \"web\"}")
        .json()
        .at("/spawned_tasks/0/task_id")
        .asText();
  }

  private static String log(Path file) throws java.io.IOException {
    return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "(none)";
  }

  private static void awaitWorkers(RunningDepot server, int count) throws Exception {
    for (int i = 0; i < 300; i++) {
      JsonNode status = server.send("GET", "/pulp/api/v2/status/", null, null).json();
      if (status.at("/known_workers").size() >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the second worker process did not come up");
  }

  private static void awaitRunning(RunningDepot server, String taskId) throws Exception {
    for (int i = 0; i < 300; i++) {
      JsonNode task = server.call("GET", "/pulp/api/v2/tasks/" + taskId + "/", null).json();
      if (task.at("/state").asText().equals("running")
          && task.at("/progress_report/web/step").asLong() > 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("task " + taskId + " never ran");
  }

  /** Waits until the schedule has no runs left: every interval it had is due and fired. */
  private static void awaitExhausted(RunningDepot server, String href) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode s = server.call("GET", href, null).json();
      if (s.at("/remaining_runs").asInt(-1) == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("schedule " + href + " never ran out");
  }

  /** Waits until {@code sql} counts at least {@code rows}; a duplicate firing shows past it. */
  private static void awaitRows(String url, String sql, long rows) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (countRows(url, sql) >= rows) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("fewer than " + rows + " rows for " + sql);
  }

  private static long countRows(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Each repository's tasks, in queue order, each starting after the previous finished. */
  private static void assertNoOverlapPerRepository(String url) throws Exception {
    Map<String, OffsetDateTime> lastFinish = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT resource, start_time, finish_time FROM tasks ORDER BY seq")) {
      while (rs.next()) {
        String resource = rs.getString(1);
        OffsetDateTime start = rs.getObject(2, OffsetDateTime.class);
        OffsetDateTime finish = rs.getObject(3, OffsetDateTime.class);
        OffsetDateTime previous = lastFinish.get(resource);
        if (previous != null) {
          assertThat(start)
              .as("task on %s started before the previous ended", resource)
              .isAfterOrEqualTo(previous);
        }
        lastFinish.put(resource, finish);
      }
    }
  }
}
