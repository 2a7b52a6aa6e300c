package dev.depot.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole Depot server in a JVM of its own, started with the real {@code depot server} entry point
 * and the test class path on free ports, so that a test can kill it as a crash would ({@code
 * SIGKILL}) and start another on the same data directory and database.
 */
public final class ServerProcess implements AutoCloseable {
  private static final int STARTUP_SECONDS = 120;

  private final Process process;
  private final Path log;
  private final TestApi api;

  private ServerProcess(Process process, Path log, TestApi api) {
    this.process = process;
    this.log = log;
    this.api = api;
  }

  /**
   * Starts {@code depot server} on {@code dataDir} and {@code databaseUrl} and waits until its API
   * answers; fails at once, with the server's output, if it exits first.
   *
   * @param name names the log file in {@code dataDir}, e.g. {@code first}
   */
  public static ServerProcess start(Path dataDir, String databaseUrl, String name)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dataDir, databaseUrl, attempt == 1 ? name : name + "-" + attempt);
      } catch (AssertionError e) {
        // A free port is only free until another process takes it (an outgoing connection's
        // ephemeral port, say) before the server binds it: try others, a few times.
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Failed to bind")) {
          throw e;
        }
      }
    }
  }

  private static ServerProcess startOnce(Path dataDir, String databaseUrl, String name)
      throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    TestTls.seed(dataDir);
    int port = freePort();
    List<String> command =
        ChildJvm.command(
            "dev.depot.server.DepotServerMain",
            List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--https-port",
                String.valueOf(freePort()),
                "--data-dir",
                dataDir.toString(),
                // Named after its data directory, not its port (the default name), so that a
                // server started again after a kill is the same worker restarting, as under a
                // fixed port in production: it fails its predecessor's running tasks at once,
                // instead of their reservations waiting out the lost-worker timeout.
                "--worker-name",
                "test@" + dataDir.toAbsolutePath(),
                "--database-url",
                databaseUrl,
                "--admin-password",
                TestApi.PASSWORD));
    Path log = dataDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess server = new ServerProcess(process, log, new TestApi("http://127.0.0.1:" + port));
    server.awaitReady();
    TestTls.keep(dataDir);
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest status =
        HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + "/pulp/api/v2/status/")).build();
    // Generous: a start takes seconds, but on two cores under a load of 15 one took over 60 s.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the server exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (client.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new AssertionError(
        "the server did not answer within " + STARTUP_SECONDS + " s:\n" + Files.readString(log));
  }

  /** The REST API of this server. */
  public TestApi api() {
    return api;
  }

  /** Kills the process the hard way ({@code SIGKILL}), as a crash would, and waits for it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
