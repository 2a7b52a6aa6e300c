package dev.depot.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.depot.server.db.Json;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Event listeners over real HTTP: the API, delivery to a live listener, and dead ones. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EventListenerTest extends ServerOnEachDatabase {
  private static final String EVENTS = "/pulp/api/v2/events/";

  HttpServer listener;
  final List<JsonNode> received = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final CountDownLatch releaseSlow = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    listener.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    listener.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(Json.mapper().readTree(body));
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    listener.createContext(
        "/slow",
        exchange -> {
          try {
            releaseSlow.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    listener.start();
    Reply repo =
        server.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "importer_type_id": "echo_importer", "importer_config": {},
             "distributors": [{"distributor_type_id": "echo_distributor", "distributor_id": "web",
                               "distributor_config": {"relative_url": "zoo"}}]}
            """);
    assertThat(repo.status()).as(repo.body()).isEqualTo(201);
  }

  @AfterEach
  void stop() throws Exception {
    releaseSlow.countDown();
    listener.stop(0); // before the server closes (ServerOnEachDatabase's own @AfterEach)
  }

  private String hook(String path) {
    return "http://127.0.0.1:" + listener.getAddress().getPort() + path;
  }

  private Reply addListener(String url, String types) throws Exception {
    return server.call(
        "POST",
        EVENTS,
        """
        {"notifier_type_id": "http",
         "notifier_config": {"url": "%s", "username": "hook", "password": "s3cret"},
         "event_types": %s}
        """
            .formatted(url, types));
  }

  @Test
  void listenersAreCreatedReadUpdatedAndDeletedWithThePasswordMasked() throws Exception {
    Reply created = addListener(hook("/hook"), "[\"repo.publish.finish\"]");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/id").asText();
    assertThat(created.location()).isEqualTo(EVENTS + id + "/");
    assertThat(created.json().at("/notifier_config/password").asText()).isEqualTo("*****");
    assertThat(created.body()).doesNotContain("s3cret");
    assertThat(server.call("GET", EVENTS, null).body()).doesNotContain("s3cret");
    assertThat(server.call("GET", EVENTS, null).json()).hasSize(1);

    Reply updated =
        server.call(
            "PUT",
            EVENTS + id + "/",
            "{\"event_types\": [\"*\"], \"notifier_config\": {\"username\": null, \"password\": null}}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().at("/event_types/0").asText()).isEqualTo("*");
    assertThat(updated.json().at("/notifier_config").has("username")).isFalse();

    assertThat(addListener(hook("/hook"), "[\"repo.exploded\"]").status()).isEqualTo(400);
    assertThat(addListener("ftp://x/", "[\"*\"]").status()).isEqualTo(400);
    Reply withCredentials = addListener("http://hook:t0ps3cret@127.0.0.1/h", "[\"*\"]");
    assertThat(withCredentials.status()).isEqualTo(400);
    assertThat(withCredentials.body()).contains("notifier_config").doesNotContain("t0ps3cret");
    assertThat(server.call("GET", EVENTS, null).body()).doesNotContain("t0ps3cret");
    assertThat(
            server
                .call(
                    "POST",
                    EVENTS,
                    "{\"notifier_type_id\": \"email\", \"notifier_config\": {}, \"event_types\": [\"*\"]}")
                .status())
        .isEqualTo(400);
    assertThat(server.call("DELETE", EVENTS + id + "/", null).status()).isEqualTo(200);
    assertThat(server.call("GET", EVENTS + id + "/", null).status()).isEqualTo(404);
  }

  @Test
  void aListenerHearsSyncAndPublishStartAndFinishWithTheTaskReport() throws Exception {
    addListener(hook("/hook"), "[\"*\"]");
    JsonNode synced =
        server.awaitTask(server.call("POST", "/pulp/api/v2/repositories/zoo/actions/sync/", "{}"));
    JsonNode published =
        server.awaitTask(
            server.call(
                "POST", "/pulp/api/v2/repositories/zoo/actions/publish/", "{\"id\": \"web\"}"));
    assertThat(published.at("/state").asText()).isEqualTo("finished");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.size() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(received.stream().map(e -> e.at("/event_type").asText()))
        .containsExactlyInAnyOrder(
            "repo.sync.start", "repo.sync.finish", "repo.publish.start", "repo.publish.finish");
    JsonNode finish =
        received.stream()
            .filter(e -> e.at("/event_type").asText().equals("repo.publish.finish"))
            .findFirst()
            .orElseThrow();
    assertThat(finish.at("/task_id").asText()).isEqualTo(published.at("/task_id").asText());
    assertThat(finish.at("/state").asText()).isEqualTo("finished");
    assertThat(finish.at("/payload/repo_id").asText()).isEqualTo("zoo");
    assertThat(finish.at("/payload/distributor_id").asText()).isEqualTo("web");
    JsonNode start =
        received.stream()
            .filter(e -> e.at("/event_type").asText().equals("repo.sync.start"))
            .findFirst()
            .orElseThrow();
    assertThat(start.at("/task_id").asText()).isEqualTo(synced.at("/task_id").asText());
    assertThat(start.at("/state").asText()).isEqualTo("running");
    assertThat(authorizations)
        .allMatch(
            a ->
                a.equals(
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString("hook:s3cret".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void deadAndHangingListenersDoNotSlowPublishing() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    addListener("http://127.0.0.1:" + closedPort + "/gone", "[\"*\"]");
    for (int i = 0; i < 6; i++) {
      addListener(hook("/slow"), "[\"*\"]");
    }
    addListener(hook("/hook"), "[\"repo.publish.finish\"]");

    long started = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      JsonNode published =
          server.awaitTask(
              server.call(
                  "POST",
                  "/pulp/api/v2/repositories/zoo/actions/publish/",
                  "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}"));
      assertThat(published.at("/state").asText()).isEqualTo("finished");
    }
    // Waiting on any listener would cost at least its 5 s timeout per event.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(8_000);
  }
}
