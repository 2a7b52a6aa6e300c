package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.cli.DepotCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin CLI over the server's own HTTPS port: it trusts the local data directory's CA by
 * default or the one --ca-cert names, and a TLS failure is reported as such, not as a server that
 * is not running.
 */
class CliHttpsEndToEndTest {
  @TempDir Path dir;
  CliServer server;
  String httpsUrl;

  @BeforeEach
  void start() throws Exception {
    server = CliServer.start("h2", dir);
    httpsUrl = "https://localhost:" + server.depot().httpsPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private CliServer.Run depot(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DepotCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new CliServer.Run(code, out.toString(), err.toString());
  }

  /** The environment of a user elsewhere: no local data directory, the password given. */
  private Map<String, String> remote() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DEPOT_URL", httpsUrl);
    env.put("DEPOT_DATA_DIR", dir.resolve("elsewhere").toString());
    env.put("DEPOT_PASSWORD", Files.readString(dir.resolve("admin-password")).strip());
    return env;
  }

  @Test
  void trustsTheLocalDataDirectorysCaByDefault() {
    Map<String, String> env = new HashMap<>(server.env());
    env.put("DEPOT_URL", httpsUrl);

    CliServer.Run created = depot(env, "repo", "create", "zoo");
    CliServer.Run listed = depot(env, "repo", "list");

    assertThat(created.code()).as(created.err()).isZero();
    assertThat(listed.out()).contains("zoo");
  }

  @Test
  void trustsTheCaNamedByCaCert() throws Exception {
    Path ca = Files.copy(dir.resolve("tls/ca.crt"), dir.resolve("server-ca.pem"));

    CliServer.Run status = depot(remote(), "--ca-cert", ca.toString(), "status");

    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("connected");
  }

  @Test
  void anUntrustedCertificateIsReportedAsATlsFailureNotAsADownServer() throws Exception {
    CliServer.Run untrusted = depot(remote(), "status");
    CliServer.Run missingCa =
        depot(remote(), "--ca-cert", dir.resolve("nope.pem").toString(), "status");

    assertThat(untrusted.code()).isEqualTo(3);
    assertThat(untrusted.err())
        .contains("TLS with the Depot server at " + httpsUrl + " failed", "--ca-cert")
        .doesNotContain("is it running");
    assertThat(missingCa.code()).isEqualTo(2);
    assertThat(missingCa.err()).contains("cannot read the CA certificate", "nope.pem");
  }
}
