package dev.depot.plugin.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A private tinyproxy (Debian's {@code tinyproxy}, installed by {@code .ci/run}) on 127.0.0.1, for
 * testing an importer's {@code proxy_*} keys against a real HTTP proxy: it logs every request and
 * tunnel, so a test can see that traffic really went through it. Skipped where tinyproxy is
 * missing, except in CI ({@code CI=true}), where a missing tinyproxy fails the test.
 *
 * <pre>{@code
 * Tinyproxy.assumeInstalled();
 * try (Tinyproxy proxy = Tinyproxy.start(dir, "BasicAuth user secret")) {
 *   // sync with proxy_host 127.0.0.1, proxy_port proxy.port(), proxy_username user ...
 *   assertThat(proxy.log()).contains("CONNECT localhost:" + feedPort);
 * }
 * }</pre>
 */
public final class Tinyproxy implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/tinyproxy");

  private final Process process;
  private final Path log;
  private final int port;

  private Tinyproxy(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Skips the calling test where tinyproxy is not installed; in CI ({@code CI=true}) fails it
   * instead, so a proxy test cannot pass there by not running.
   */
  public static void assumeInstalled() {
    boolean installed = Files.isExecutable(BINARY);
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("tinyproxy is missing; .ci/run installs it");
    }
    Assumptions.assumeTrue(installed, "tinyproxy is not installed");
  }

  /**
   * Starts a proxy on a free port of 127.0.0.1 and waits until it listens.
   *
   * @param dir where its configuration and log go; created if missing
   * @param extra configuration lines such as {@code "BasicAuth user password"} (then only those
   *     credentials get through) or {@code "ConnectPort 443"} (without one, tunnels go to any port,
   *     as tests with servers on random ports need)
   * @return the running proxy; close it to stop it
   * @throws Exception if it cannot be started or does not listen within five seconds
   */
  public static Tinyproxy start(Path dir, String... extra) throws Exception {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path log = dir.resolve("tinyproxy.log");
    List<String> conf = new ArrayList<>();
    conf.addAll(
        List.of(
            "Port " + port,
            "Listen 127.0.0.1",
            "Timeout 30",
            "LogLevel Connect",
            "MaxClients 20",
            "Allow 127.0.0.1",
            "DisableViaHeader Yes"));
    conf.addAll(List.of(extra));
    Path file = Files.writeString(dir.resolve("tinyproxy.conf"), String.join("\n", conf) + "\n");
    Process process =
        new ProcessBuilder(List.of(BINARY.toString(), "-d", "-c", file.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Tinyproxy proxy = new Tinyproxy(process, log, port);
    proxy.awaitListening();
    return proxy;
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /**
   * What the proxy logged so far: one line per connection, request and tunnel, e.g. {@code CONNECT
   * localhost:8443} or {@code GET http://localhost:8080/feed/PULP_MANIFEST}.
   *
   * @return the log's text
   * @throws IOException if the log cannot be read
   */
  public String log() throws IOException {
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

  /** Stops the proxy and waits for it to exit. */
  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor();
  }
}
