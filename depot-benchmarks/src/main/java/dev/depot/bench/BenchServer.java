package dev.depot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.Depot;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.db.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** An embedded Depot for a benchmark, driven over its REST API like any client. */
final class BenchServer implements AutoCloseable {
  static final String PASSWORD = "bench-admin";

  private final Depot depot;
  private final String pgUrl;
  private final String schema;
  private final HttpClient http = HttpClient.newHttpClient();
  private JsonNode lastTask;

  private BenchServer(Depot depot, String pgUrl, String schema) {
    this.depot = depot;
    this.pgUrl = pgUrl;
    this.schema = schema;
  }

  /**
   * A server on H2 in {@code dir}, or on a fresh schema of PostgreSQL when {@code pgUrl} is set.
   */
  static BenchServer start(Path dir, String pgUrl) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db/depot");
    String schema = null;
    if (pgUrl != null) {
      schema = "depot_bench_" + UUID.randomUUID().toString().replace("-", "");
      sql(pgUrl, "CREATE SCHEMA " + schema);
      url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    ServerConfig config =
        ServerConfig.of("127.0.0.1", 0, 0, dir, url, PASSWORD, dir.resolve("config"));
    return new BenchServer(Depot.start(config), pgUrl, schema);
  }

  Depot depot() {
    return depot;
  }

  String http(String path) {
    return "http://127.0.0.1:" + depot.port() + path;
  }

  JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(http(path)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw new IllegalStateException(method + " " + path + ": " + response.body());
    }
    return Json.mapper().readTree(response.body());
  }

  /** Creates a repository with an iso importer and an HTTP+HTTPS iso distributor "web". */
  void createRepo(String id, String importerConfig) throws Exception {
    createRepo(id, "iso_importer", importerConfig, "iso_distributor");
  }

  /** Creates a repository with the given importer and an HTTP distributor "web" of the type. */
  void createRepo(String id, String importerType, String importerConfig, String distributorType)
      throws Exception {
    call(
        "POST",
        "/pulp/api/v2/repositories/",
        """
        {"id": "%s", "importer_type_id": "%s", "importer_config": %s,
         "distributors": [{"distributor_id": "web", "distributor_type_id": "%s",
                           "distributor_config": {"serve_http": true}, "auto_publish": false}]}
        """
            .formatted(id, importerType, importerConfig, distributorType));
  }

  /**
   * Runs an action and waits for its task; returns the time from the request to the task seen
   * finished (task timestamps have whole seconds only), polling every 100 ms.
   */
  Duration runTask(String path, String body) throws Exception {
    return runTask("POST", path, body);
  }

  /** {@link #runTask(String, String)} for a request of any method that spawns a task. */
  Duration runTask(String method, String path, String body) throws Exception {
    long started = System.nanoTime();
    String task = call(method, path, body).at("/spawned_tasks/0/task_id").asText();
    while (true) {
      JsonNode report = call("GET", "/pulp/api/v2/tasks/" + task + "/", null);
      String state = report.at("/state").asText();
      if (state.equals("finished")) {
        lastTask = report;
        return Duration.ofNanos(System.nanoTime() - started);
      }
      if (state.equals("error") || state.equals("canceled") || state.equals("skipped")) {
        throw new IllegalStateException("task " + state + ": " + report);
      }
      // A client's pace, not a busy loop: each poll is a request the measured JVM serves, and at
      // 50 a second they were a fifth of a sync's CPU. The first two seconds poll closer, so a
      // task of about a second is not rounded up by a tenth of it; then at most 0.1 s is added.
      Thread.sleep(System.nanoTime() - started < 2_000_000_000L ? 10 : 100);
    }
  }

  /** The report of the last task {@link #runTask} saw finish. */
  JsonNode lastTask() {
    return lastTask;
  }

  static void sql(String url, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  public void close() throws Exception {
    depot.close();
    if (schema != null) {
      sql(pgUrl, "DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
