package dev.depot.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH server on 127.0.0.1 for the rsync benchmark: its own host key and authorized
 * key, a free port, the account running the benchmark.
 */
final class Sshd implements AutoCloseable {
  final int port;
  final Path clientKey;
  private final Process process;

  private Sshd(int port, Path clientKey, Process process) {
    this.port = port;
    this.clientKey = clientKey;
    this.process = process;
  }

  static Sshd start(Path dir) throws Exception {
    Peers.require("sshd", "ssh", "ssh-keygen", "rsync");
    Files.createDirectories(dir);
    Path hostKey = keygen(dir.resolve("host_key"));
    Path clientKey = keygen(dir.resolve("client_key"));
    Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
    try {
      Files.createDirectories(Path.of("/run/sshd"));
    } catch (IOException e) {
      // not root: sshd only needs it for privilege separation, which it then does not use
    }
    int port = Peers.freePort();
    Path config =
        Files.writeString(
            dir.resolve("sshd_config"),
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
                ""));
    Process process =
        new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new Sshd(port, clientKey, process);
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "sshd did not start: " + Files.readString(dir.resolve("sshd.log")), e);
        }
        Thread.sleep(50);
      }
    }
  }

  private static Path keygen(Path key) throws Exception {
    Peers.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
    return key;
  }

  /** The ssh command rsync is given, the same options Depot uses. */
  String ssh(Path knownHosts) {
    return "ssh -i %s -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=%s -p %d"
        .formatted(clientKey, knownHosts, port);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
