package dev.depot.server.support;

import dev.depot.server.Depot;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.task.WorkerTimings;
import java.nio.file.Path;

/**
 * A real server on a free port over a test database, and a small HTTP client speaking to it over a
 * socket as any API client would.
 */
public final class RunningDepot implements AutoCloseable {
  /** The admin password every test server is started with. */
  public static final String PASSWORD = TestApi.PASSWORD;

  private final Depot depot;
  private final TestDatabase database;
  private final String url;
  private TestApi api; // made on first use: a worker-only server has no HTTP port
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

  /** Starts a server with its data in {@code dir} and the given input limits. */
  public static RunningDepot start(
      TestDatabase database, Path dir, dev.depot.server.config.InputLimits limits)
      throws Exception {
    return start(database, dir, config -> config.withLimits(limits));
  }

  /** Starts a server with its data in {@code dir} and its configuration changed so. */
  public static RunningDepot start(
      TestDatabase database, Path dir, java.util.function.UnaryOperator<ServerConfig> change)
      throws Exception {
    String url = database.freshUrl(dir);
    ServerConfig config =
        change.apply(ServerConfig.of("127.0.0.1", 0, 0, dir, url, PASSWORD, dir.resolve("config")));
    WorkerTimings timings = new WorkerTimings(200, 500, 100, 30);
    return started(config, timings, database, url);
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
    return start(
        database, dir, url, roles, workerName, new WorkerTimings(200, 500, 100, timeoutSeconds));
  }

  /** Starts a server as above with the given worker timings (their timeout is the worker's). */
  public static RunningDepot start(
      TestDatabase database,
      Path dir,
      String url,
      java.util.Set<String> roles,
      String workerName,
      WorkerTimings timings)
      throws Exception {
    ServerConfig config =
        ServerConfig.of("127.0.0.1", 0, 0, dir, url, PASSWORD, dir.resolve("config"))
            .withWorker(roles, workerName, (int) timings.timeoutSeconds());
    return started(config, timings, database, url);
  }

  private static RunningDepot started(
      ServerConfig config, WorkerTimings timings, TestDatabase database, String url)
      throws Exception {
    TestTls.seed(config.dataDir());
    Depot depot = Depot.start(config, timings, java.util.Map.of());
    TestTls.keep(config.dataDir());
    return new RunningDepot(depot, database, url);
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
  public TestApi.Reply call(String method, String path, String body) throws Exception {
    return api().call(method, path, body);
  }

  /** Sends a request with the given {@code user:password}, or none when null. */
  public TestApi.Reply send(String method, String path, String body, String credentials)
      throws Exception {
    return api().send(method, path, body, credentials);
  }

  /** Waits for the first task of a 202 call report to complete and returns the task report. */
  public com.fasterxml.jackson.databind.JsonNode awaitTask(TestApi.Reply callReport)
      throws Exception {
    return api().awaitTask(callReport);
  }

  /** Waits (up to 30 s) for a task to complete and returns its report. */
  public com.fasterxml.jackson.databind.JsonNode awaitTask(String taskId) throws Exception {
    return api().awaitTask(taskId);
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

  private synchronized TestApi api() {
    if (api == null) {
      api = new TestApi(baseUrl());
    }
    return api;
  }
}
