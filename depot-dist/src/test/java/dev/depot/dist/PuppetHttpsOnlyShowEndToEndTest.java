package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.puppet.PuppetClient;
import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A Forge served over HTTPS only, as a careful site publishes it, shown by {@code depot repo show}
 * through the CLI's default http:// URL, and by {@code depot repo publish}: the install line names
 * the HTTPS listener and the CA to trust, and puppet installs with exactly that line.
 */
class PuppetHttpsOnlyShowEndToEndTest extends CliServerTest {
  private static final Pattern LINE =
      Pattern.compile(
          "Install with: web: SSL_CERT_FILE=(\\S+) puppet module install --module_repository"
              + " (\\S+) <author>-<name>");

  @Test
  void repoShowGivesTheHttpsLineOfAnHttpsOnlyForge() throws Exception {
    server.succeed(
        "repo",
        "create",
        "forge1",
        "--importer",
        "puppet_importer",
        "--distributor",
        "puppet_distributor:web",
        "--distributor-option",
        "web.serve_http=false",
        "--distributor-option",
        "web.serve_https=true");
    Path modules = Files.createDirectories(dir.resolve("modules"));
    server.succeed(
        "repo",
        "upload",
        "forge1",
        TestModules.module(modules, "owlco", "app", "2.0.0", "owlco-lib >= 1.0.0").toString(),
        TestModules.module(modules, "owlco", "lib", "1.3.0").toString());
    String published = server.succeed("repo", "publish", "forge1", "--distributor", "web").out();

    String shown = server.succeed("repo", "show", "forge1").out();

    Matcher line = LINE.matcher(shown);
    assertThat(line.find()).as(shown).isTrue();
    String forge =
        "https://127.0.0.1:" + server.depot().httpsPort() + "/pulp_puppet/forge/repository/forge1";
    assertThat(line.group(2)).isEqualTo(forge);
    // The publish names the tree (/pulp/puppet/forge1/), which puppet cannot use: and the line.
    assertThat(published)
        .contains("  install with: SSL_CERT_FILE=" + line.group(1))
        .contains("--module_repository " + forge + " <author>-<name>");
    var installed =
        new PuppetClient(dir.resolve("puppet-home"))
            .install(
                line.group(2),
                dir.resolve("env"),
                List.of("SSL_CERT_FILE=" + line.group(1)),
                "owlco-app");
    assertThat(installed.exitCode()).as(installed.output()).isZero();
    assertThat(dir.resolve("env/lib/metadata.json")).content().contains("\"1.3.0\"");
  }
}
