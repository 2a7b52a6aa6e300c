package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.puppet.PuppetClient;
import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Puppet modules as a new user would run them, with the CLI against the real server: a repository
 * created, tarballs uploaded, published, listed by author, and installed with Debian's {@code
 * puppet module install} from Depot's Forge API over HTTP and over HTTPS trusting Depot's CA,
 * dependencies included; webserver-config keeps the Forge API with Depot.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class PuppetEndToEndTest extends BothDatabasesCliServerTest {

  @Test
  void uploadPublishAndPuppetInstallOverHttpAndHttps() throws Exception {
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
        TestModules.module(modules, "acme", "base", "1.4.0").toString(),
        TestModules.module(modules, "zen", "tools", "0.1.0").toString());
    depot("repo", "publish", "forge1", "--distributor", "web");

    String listed =
        depot("repo", "units", "forge1", "--type", "puppet_module", "--filter", "author=acme")
            .out();
    assertThat(listed).contains("web").contains("base").doesNotContain("tools");

    String http =
        "http://127.0.0.1:" + server.depot().port() + "/pulp_puppet/forge/repository/forge1";
    var overHttp = puppet().install(http, dir.resolve("env1"), List.of(), "acme-web");
    assertThat(overHttp.exitCode()).as(overHttp.output()).isZero();
    assertThat(dir.resolve("env1/base/metadata.json")).content().contains("\"1.4.0\"");

    String https =
        "https://localhost:" + server.depot().httpsPort() + "/pulp_puppet/forge/repository/forge1";
    String ca = "SSL_CERT_FILE=" + dir.resolve("server/tls/ca.crt");
    var overHttps = puppet().install(https, dir.resolve("env2"), List.of(ca), "acme-web");
    assertThat(overHttps.exitCode()).as(overHttps.output()).isZero();
    assertThat(dir.resolve("env2/web/manifests/init.pp")).hasContent("class web {}");

    var missing =
        puppet().install(http, dir.resolve("env3"), List.of(), "acme-web", "--version", "3.0.0");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output()).contains("No releases matching '3.0.0' are available from");

    String config = depot("webserver-config", "nginx").out();
    assertThat(config).contains("location /pulp_puppet/forge/").contains("must stay with Depot");
  }

  @Test
  void aBadTarballIsRefusedWithAClearErrorAndNothingStored() throws Exception {
    depot("repo", "create", "forge1", "--importer", "puppet_importer");
    Path bad = Files.writeString(dir.resolve("acme-web-1.0.0.tar.gz"), "not a tarball");

    CliServer.Run refused = server.run("repo", "upload", "forge1", bad.toString());

    assertThat(refused.code()).isNotZero();
    assertThat(refused.out() + refused.err()).contains("not a gzip-compressed tarball");
    assertThat(depot("repo", "units", "forge1").out()).doesNotContain("acme");
  }

  @Test
  void aSecondPuppetDistributorOfARepositoryIsRefusedSayingWhy() throws Exception {
    depot("repo", "create", "forge1", "--distributor", "puppet_distributor:web");

    CliServer.Run second =
        server.run(
            "repo", "distributor", "add", "forge1", "--type", "puppet_distributor", "--id", "two");

    assertThat(second.code()).isNotZero();
    // Not "relative_url ... conflicts": puppet users never set one.
    assertThat(second.err())
        .contains("its tree /pulp/puppet/forge1/ (one per repository for this type) conflicts")
        .contains("distributor web")
        .doesNotContain("relative_url");
  }

  private PuppetClient puppet() {
    return new PuppetClient(dir.resolve("puppet-home"));
  }
}
