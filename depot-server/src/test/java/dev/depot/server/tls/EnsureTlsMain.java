package dev.depot.server.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Runs {@link ServerTls#ensure} in a process of its own and prints the SHA-256 of the CA it ended
 * up with: {@link ServerTlsRaceTest} starts several at once on one fresh directory, as nodes
 * sharing a data directory do.
 */
public final class EnsureTlsMain {
  private EnsureTlsMain() {}

  /**
   * {@code args[0]}: the TLS directory; {@code args[1]}, optional: a folder to meet the other
   * processes in (this one says {@code ready-<pid>} there and starts once {@code go} appears).
   * Prints {@code start <instant>} and {@code end <instant>} around the call, then the fingerprint.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 1) {
      Path meet = Path.of(args[1]);
      Files.createFile(meet.resolve("ready-" + ProcessHandle.current().pid()));
      while (!Files.exists(meet.resolve("go"))) {
        Thread.sleep(1);
      }
    }
    System.out.println("start " + Instant.now());
    ServerTls tls = ServerTls.ensure(Path.of(args[0]), "depot.example");
    System.out.println("end " + Instant.now());
    System.out.println(fingerprint(tls));
  }

  static String fingerprint(ServerTls tls) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(tls.caCertificate().getEncoded()));
  }
}
