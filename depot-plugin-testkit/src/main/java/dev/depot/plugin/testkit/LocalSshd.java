package dev.depot.plugin.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private OpenSSH server on 127.0.0.1, for testing a distributor that pushes over ssh (rsync,
 * say) against the real thing: its own host key, its own authorized keys, a free port; the account
 * is the one running it. Skipped where sshd is missing, except in CI ({@code CI=true}), where a
 * missing sshd fails the test. Needs Debian's openssh-server, openssh-client and rsync.
 */
public final class LocalSshd implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  /** The directory holding the server's configuration, keys and log. */
  public final Path dir;

  /** The port it listens on, on 127.0.0.1. */
  public final int port;

  /** A private key the server accepts (ed25519, no passphrase). */
  public final Path clientKey;

  /** A private key the server refuses: for testing a bad key. */
  public final Path otherKey;

  private final Process process;

  private LocalSshd(Path dir, int port, Path clientKey, Path otherKey, Process process) {
    this.dir = dir;
    this.port = port;
    this.clientKey = clientKey;
    this.otherKey = otherKey;
    this.process = process;
  }

  /** Skips (or, in CI, fails) when sshd, ssh or rsync is missing. */
  public static void assumeAvailable() {
    boolean present =
        Files.isExecutable(SSHD)
            && Files.isExecutable(Path.of("/usr/bin/ssh"))
            && Files.isExecutable(Path.of("/usr/bin/rsync"))
            && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI needs openssh-server, openssh-client and rsync");
    }
    Assumptions.assumeTrue(present, "sshd, ssh or rsync is not installed");
  }

  /**
   * Starts a server configured in {@code dir} and waits until it accepts connections.
   *
   * @throws Exception when the keys cannot be made or sshd does not come up within 10 s
   */
  public static LocalSshd start(Path dir) throws Exception {
    assumeAvailable();
    Files.createDirectories(dir);
    Path hostKey = keygen(dir.resolve("host_key"));
    Path clientKey = keygen(dir.resolve("client_key"));
    Path otherKey = keygen(dir.resolve("other_key"));
    Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
    try {
      Files.createDirectories(Path.of("/run/sshd")); // privilege separation, when root
    } catch (IOException e) {
      // not root: sshd then runs unprivileged and does not need it
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKey,
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PidFile " + dir.resolve("sshd.pid"),
            "UsePAM no",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "MaxStartups 100",
            ""));
    Process process =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "sshd did not start: " + Files.readString(dir.resolve("sshd.log")), e);
        }
        Thread.sleep(50);
      }
    }
    return new LocalSshd(dir, port, clientKey, otherKey, process);
  }

  private static Path keygen(Path key) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("ssh-keygen failed: " + out);
    }
    return key;
  }

  /** The account sshd lets in: the one running this JVM. */
  public static String user() {
    return System.getProperty("user.name");
  }

  /** Stops the server. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
