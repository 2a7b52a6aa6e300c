package dev.depot.server.support;

import dev.depot.server.Depot;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.task.WorkerTimings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A real server on a free port over a test database, and a small HTTP client speaking to it over a
 * socket as any API client would.
 */
public final class RunningDepot implements AutoCloseable {
  /** The admin password every test server is started with. */
  public static final String PASSWORD = "test-admin-secret";

  private final Depot depot;
  private final TestDatabase database;
  private final String url;
  private final HttpClient client = HttpClient.newHttpClient();
  private boolean keepDatabase;

  private RunningDepot(Depot depot, TestDatabase database, String url) {
    this.depot = depot;
    this.database = database;
    this.url = url;
  }

  /** Starts a server with its data in {@code dir}. */
  public static RunningDepot start(TestDatabase database, Path dir) throws Exception {
    return start(database, dir, database.freshUrl(dir), ServerConfig.ALL_ROLES, null, 30);
  }

  /**
   * Starts a server on a given database URL with given roles, worker name and worker timeout
   * (seconds); fast heartbeats so lost workers are noticed quickly.
   */
  public static RunningDepot start(
      TestDatabase database,
      Path dir,
      String url,
      java.util.Set<String> roles,
      String workerName,
      int timeoutSeconds)
      throws Exception {
    ServerConfig config =
        ServerConfig.of("127.0.0.1", 0, 0, dir, url, PASSWORD, dir.resolve("config"))
            .withWorker(roles, workerName, timeoutSeconds);
    WorkerTimings timings = new WorkerTimings(200, 500, 100, timeoutSeconds);
    return new RunningDepot(Depot.start(config, timings, java.util.Map.of()), database, url);
  }

  /** The database URL this server uses. */
  public String databaseUrl() {
    return url;
  }

  /** The running server. */
  public Depot depot() {
    return depot;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + depot.port();
  }

  /** Sends a request as admin; {@code body} may be null. */
  public Reply call(String method, String path, String body) throws Exception {
    return send(method, path, body, "admin:" + PASSWORD);
  }

  /** Sends a request with the given {@code user:password}, or none when null. */
  public Reply send(String method, String path, String body, String credentials) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Location").orElse(null));
  }

  /** Waits for the first task of a 202 call report to complete and returns the task report. */
  public com.fasterxml.jackson.databind.JsonNode awaitTask(Reply callReport) throws Exception {
    if (callReport.status() != 202) {
      throw new AssertionError(
          "expected 202, got " + callReport.status() + ": " + callReport.body());
    }
    return awaitTask(callReport.json().at("/spawned_tasks/0/task_id").asText());
  }

  /** Waits (up to 30 s) for a task to complete and returns its report. */
  public com.fasterxml.jackson.databind.JsonNode awaitTask(String taskId) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (true) {
      com.fasterxml.jackson.databind.JsonNode task =
          call("GET", "/pulp/api/v2/tasks/" + taskId + "/", null).json();
      String state = task.at("/state").asText();
      if (java.util.Set.of("finished", "error", "canceled", "skipped").contains(state)) {
        return task;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("task " + taskId + " still " + state + " after 30 s");
      }
      Thread.sleep(50);
    }
  }

  /** Stops the server but keeps its database (another server may go on using it). */
  public void stopKeepingDatabase() throws Exception {
    keepDatabase = true;
    depot.close();
  }

  @Override
  public void close() throws Exception {
    try {
      depot.close();
    } finally {
      if (!keepDatabase) {
        database.drop(url);
      }
    }
  }

  /**
   * An HTTP answer.
   *
   * @param status the status code
   * @param body the body text
   * @param location the Location header, or null
   */
  public record Reply(int status, String body, String location) {
    /** The body parsed as JSON. */
    public com.fasterxml.jackson.databind.JsonNode json() throws Exception {
      return dev.depot.server.db.Json.mapper().readTree(body);
    }
  }
}
