package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.server.support.ServerProcess;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;

/**
 * A Depot server process on one data directory and database that a test stops the way production
 * servers stop, killed ({@code SIGKILL}) or asked ({@code SIGTERM}), and starts again on the same
 * data, to check what the new one finds.
 */
final class RestartableServer implements AutoCloseable {
  static final String REPOS = "/pulp/api/v2/repositories/";

  private final TestDatabase database;
  private final Path data;
  private final String url;
  private ServerProcess server;

  private RestartableServer(TestDatabase database, Path dir) throws Exception {
    this.database = database;
    this.data = dir.resolve("data");
    this.url = database.freshUrl(dir);
    this.server = ServerProcess.start(data, url, "first");
  }

  /** Starts a server on a fresh database of that kind, its files under {@code dir}. */
  static RestartableServer start(TestDatabase database, Path dir) throws Exception {
    return new RestartableServer(database, dir);
  }

  /** The running server's API. */
  TestApi api() {
    return server.api();
  }

  /** Creates a repository from its JSON, expecting 201. */
  void createRepository(String json) throws Exception {
    TestApi.Reply created = api().call("POST", REPOS, json);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  /** Kills the server as a crash would and starts a new one on the same data. */
  TestApi restartAfterKill() throws Exception {
    server.kill();
    return restart("after-kill-");
  }

  /** Stops the server as systemd does ({@code SIGTERM}) and starts a new one on the same data. */
  TestApi restartAfterStop() throws Exception {
    server.close();
    return restart("after-stop-");
  }

  private TestApi restart(String name) throws Exception {
    server = ServerProcess.start(data, url, name + System.nanoTime());
    return server.api();
  }

  /** A task's state as the server reports it. */
  String taskState(String taskId) throws Exception {
    return api()
        .call("GET", "/pulp/api/v2/tasks/" + taskId + "/", null)
        .json()
        .at("/state")
        .asText();
  }

  @Override
  public void close() throws Exception {
    server.close();
    database.drop(url);
  }
}
