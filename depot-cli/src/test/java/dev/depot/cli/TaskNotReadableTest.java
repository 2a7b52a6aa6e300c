package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user granted EXECUTE on repositories but not READ on tasks (as the README's publishers role)
 * starts a sync the server queues, then may not read the task: the CLI says the sync runs anyway.
 */
class TaskNotReadableTest {
  @TempDir Path dir;
  HttpServer api;

  @AfterEach
  void stop() {
    if (api != null) {
      api.stop(0);
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private String serve() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/pulp/api/v2/repositories/zoo/actions/sync/",
        exchange ->
            answer(
                exchange,
                202,
                """
                {"result": null, "error": null, "spawned_tasks":
                  [{"_href": "/pulp/api/v2/tasks/t1/", "task_id": "t1"}]}
                """));
    api.createContext(
        "/pulp/api/v2/tasks/",
        exchange ->
            answer(
                exchange,
                403,
                """
                {"http_status": 403, "error_code": "PLP0026",
                 "error_message": "Permission denied: alice may not READ on /v2/tasks/t1/"}
                """));
    api.start();
    return "http://127.0.0.1:" + api.getAddress().getPort() + "/";
  }

  @Test
  void aSyncTheUserMayStartButNotWatchIsSaidToBeQueued() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        DepotCli.run(
            new String[] {"repo", "sync", "zoo"},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of(
                "DEPOT_DATA_DIR",
                dir.toString(),
                "DEPOT_URL",
                serve(),
                "DEPOT_USER",
                "alice",
                "DEPOT_PASSWORD",
                "secret"));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("task t1 is queued and will run, but you cannot watch it")
        .contains("alice may not READ on /v2/tasks/t1/")
        .contains("depot task show t1");
  }
}
