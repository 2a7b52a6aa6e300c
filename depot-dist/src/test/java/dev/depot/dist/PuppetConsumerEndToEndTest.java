package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.depot.plugins.puppet.PuppetClient;
import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A consumer bound to a puppet repository served over HTTPS: the bind prints the puppet install
 * line and writes the Forge API URLs and the CA; fetch downloads every release verified against the
 * Forge API, refusing a tampered one; real puppet installs from the line's URL.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class PuppetConsumerEndToEndTest extends BothDatabasesCliServerTest {
  private static final Pattern FORGE = Pattern.compile("--module_repository (\\S+)");

  @Test
  void bindPrintsThePuppetLineFetchVerifiesAndPuppetInstalls() throws Exception {
    depot(
        "repo",
        "create",
        "forge1",
        "--importer",
        "puppet_importer",
        "--distributor",
        "puppet_distributor:web",
        "--distributor-option",
        "web.serve_https=true");
    Path modules = Files.createDirectories(dir.resolve("modules"));
    depot(
        "repo",
        "upload",
        "forge1",
        TestModules.module(modules, "acme", "web", "1.1.0", "acme-base >= 1.0.0 < 2.0.0")
            .toString(),
        TestModules.module(modules, "acme", "base", "1.4.0").toString());
    depot("repo", "publish", "forge1", "--distributor", "web");

    assertThat(depot("repo", "show", "forge1").out())
        .contains(
            "Install with: web: puppet module install --module_repository http://127.0.0.1:"
                + server.depot().port()
                + "/pulp_puppet/forge/repository/forge1 <author>-<name>");

    String root = dir.resolve("machine").toString();
    depot("consumer", "register", "--id", "web01", "--root", root);
    String bound = depot("consumer", "bind", "forge1", "web", "--root", root).out();
    assertThat(bound).contains("puppet module install --module_repository https://");
    Matcher forge = FORGE.matcher(bound);
    assertThat(forge.find()).isTrue();
    JsonNode config =
        new ObjectMapper()
            .readTree(Files.readString(Path.of(root, "etc/depot/repos.d/forge1.conf")));
    assertThat(config.at("/module_repositories/https").asText()).isEqualTo(forge.group(1));
    assertThat(config.at("/module_repositories/http").asText())
        .endsWith("/pulp_puppet/forge/repository/forge1");
    Path ca = Path.of(config.at("/ca_cert").asText());
    assertThat(Files.readString(ca)).contains("BEGIN CERTIFICATE");
    // The install line names the CA file: the list of what bind wrote names it too.
    assertThat(bound)
        .contains("wrote " + Path.of(root, "etc/depot/repos.d/forge1.conf") + ", " + ca);

    Path dest = dir.resolve("fetched");
    String fetched =
        depot("consumer", "fetch", "forge1", "--dest", dest.toString(), "--root", root).out();
    assertThat(fetched).contains("Fetched 2 files");
    byte[] web = Files.readAllBytes(modules.resolve("acme-web-1.1.0.tar.gz"));
    assertThat(dest.resolve("acme-web-1.1.0.tar.gz")).hasBinaryContent(web);
    assertThat(dest.resolve("acme-base-1.4.0.tar.gz")).exists();

    var installed =
        new PuppetClient(dir.resolve("puppet-home"))
            .install(
                forge.group(1), dir.resolve("env"), List.of("SSL_CERT_FILE=" + ca), "acme-web");
    assertThat(installed.exitCode()).as(installed.output()).isZero();
    assertThat(dir.resolve("env/base/metadata.json")).content().contains("\"1.4.0\"");

    tamper("acme-web-1.1.0.tar.gz");
    Path again = dir.resolve("again");
    CliServer.Run refused =
        server.run("consumer", "fetch", "forge1", "--dest", again.toString(), "--root", root);
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("acme-web-1.1.0.tar.gz").contains("file_sha256");
    assertThat(again.resolve("acme-web-1.1.0.tar.gz")).doesNotExist();
  }

  /** Corrupts the stored bytes the published tree links to. */
  private void tamper(String file) throws Exception {
    Path published;
    try (Stream<Path> found = Files.walk(dir.resolve("server"))) {
      published =
          found
              .filter(p -> p.getFileName().toString().equals(file))
              .filter(p -> p.toString().contains("published"))
              .findFirst()
              .orElseThrow();
    }
    Path stored = published.toRealPath();
    stored.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(stored, bytes);
  }
}
