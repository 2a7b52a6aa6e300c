package dev.depot.server.tls;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Runs {@link ServerTls#ensure} in a process of its own and prints the SHA-256 of the CA it ended
 * up with: {@link ServerTlsRaceTest} starts several at once on one fresh directory, as nodes
 * sharing a data directory do.
 */
public final class EnsureTlsMain {
  private EnsureTlsMain() {}

  /** {@code args[0]}: the TLS directory. */
  public static void main(String[] args) throws Exception {
    ServerTls tls = ServerTls.ensure(Path.of(args[0]), "depot.example");
    System.out.println(fingerprint(tls));
  }

  static String fingerprint(ServerTls tls) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(tls.caCertificate().getEncoded()));
  }
}
