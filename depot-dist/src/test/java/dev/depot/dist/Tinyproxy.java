package dev.depot.dist;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A private tinyproxy (Debian's {@code tinyproxy}, installed by {@code .ci/run}) on 127.0.0.1 that
 * demands Basic proxy credentials and logs every request and tunnel, so a test can see that traffic
 * really went through it.
 */
final class Tinyproxy implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/tinyproxy");

  private final Process process;
  private final Path log;
  private final int port;

  private Tinyproxy(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static void assumeInstalled() {
    boolean installed = Files.isExecutable(BINARY);
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("tinyproxy is missing; .ci/run installs it");
    }
    Assumptions.assumeTrue(installed, "tinyproxy is not installed");
  }

  /** Starts a proxy in {@code dir} that lets through only {@code user}:{@code password}. */
  static Tinyproxy start(Path dir, String user, String password) throws Exception {
    Files.createDirectories(dir);
    int port = NginxServingTest.freePort();
    Path log = dir.resolve("tinyproxy.log");
    // No ConnectPort line: tunnels to any port are allowed (the test servers use random ones).
    String conf =
        String.join(
            "\n",
            "Port " + port,
            "Listen 127.0.0.1",
            "Timeout 30",
            "LogLevel Connect",
            "MaxClients 20",
            "Allow 127.0.0.1",
            "BasicAuth " + user + " " + password,
            "DisableViaHeader Yes",
            "");
    Path file = Files.writeString(dir.resolve("tinyproxy.conf"), conf);
    Process process =
        new ProcessBuilder(List.of(BINARY.toString(), "-d", "-c", file.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Tinyproxy proxy = new Tinyproxy(process, log, port);
    proxy.awaitListening();
    return proxy;
  }

  int port() {
    return port;
  }

  /** What the proxy logged so far: one line per connection, request and tunnel. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private void awaitListening() throws Exception {
    for (int i = 0; i < 100; i++) {
      if (!process.isAlive()) {
        throw new IllegalStateException("tinyproxy did not start:\n" + log());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("tinyproxy is not listening on " + port + ":\n" + log());
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor();
  }
}
