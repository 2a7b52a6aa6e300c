package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.KilledServerOnEachDatabase;
import dev.depot.server.support.ServerProcess;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sync running when its server is killed ({@code SIGKILL}) is reported failed by the very first
 * answer of the restarted server, on H2 and PostgreSQL: the worker fails its previous run's tasks
 * before the server listens. (It listened first, and the worker waits a heartbeat period to be sure
 * no live process has its name: for seconds, the dead sync read "running".)
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RestartFailsDeadTasksFirstTest extends KilledServerOnEachDatabase {
  @Test
  void theFirstAnswerAfterARestartCallsAKilledTaskFailed() throws Exception {
    Path data = dir.resolve("data");
    url = database.freshUrl(dir);
    server = ServerProcess.start(data, url, "first");
    TestApi api = server.api();
    TestApi.Reply created =
        api.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "importer_type_id": "echo_importer",
             "importer_config": {"pause_millis": 600000}}
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    TestApi.Reply sync = api.call("POST", "/pulp/api/v2/repositories/zoo/actions/sync/", "{}");
    String task = "/pulp/api/v2/tasks/" + sync.json().at("/spawned_tasks/0/task_id").asText() + "/";
    awaitState(api, task, "running");
    server.kill();

    server = ServerProcess.start(data, url, "after-kill");
    JsonNode first = server.api().call("GET", task, null).json();

    assertThat(first.at("/state").asText()).as(first.toString()).isEqualTo("error");
  }

  private static void awaitState(TestApi api, String task, String state) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!api.call("GET", task, null).json().at("/state").asText().equals(state)) {
      assertThat(System.nanoTime()).as(task + " never " + state).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
