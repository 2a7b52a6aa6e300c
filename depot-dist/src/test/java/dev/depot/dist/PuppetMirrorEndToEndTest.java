package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.puppet.PuppetClient;
import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Depot mirroring Depot, as Pulp could mirror Pulp: a second server syncs the first one's Forge API
 * with a free-text query (a query finding nothing is said by the CLI's sync), and another
 * repository syncs the first one's export (a PULP_MANIFEST directory, as an air-gapped site would
 * from the exported media); puppet then installs from the mirror.
 */
class PuppetMirrorEndToEndTest {
  @TempDir Path dir;
  CliServer origin;
  CliServer mirror;

  @BeforeEach
  void start() throws Exception {
    origin = CliServer.start("h2", dir.resolve("origin"));
    mirror = CliServer.start("h2", dir.resolve("mirror"));
  }

  @AfterEach
  void stop() throws Exception {
    origin.close();
    mirror.close();
  }

  @Test
  void aSecondDepotMirrorsTheFirstOnesForgeWithAQueryAndPuppetInstallsFromIt() throws Exception {
    Files.createDirectories(dir.resolve("media"));
    origin.succeed(
        "repo",
        "create",
        "forge1",
        "--importer",
        "puppet_importer",
        "--distributor",
        "puppet_distributor:web",
        "--distributor",
        "export_distributor:media",
        "--distributor-option",
        "media.export_dir=" + dir.resolve("media"),
        "--distributor-option",
        "media.http=false",
        "--distributor-option",
        "media.https=false");
    Path tarballs = Files.createDirectories(dir.resolve("tarballs"));
    origin.succeed(
        "repo",
        "upload",
        "forge1",
        TestModules.module(tarballs, "acme", "web", "1.1.0", "acme-base >= 1.0.0").toString(),
        TestModules.module(tarballs, "acme", "base", "1.4.0").toString(),
        TestModules.module(tarballs, "zen", "tools", "0.1.0").toString());
    origin.succeed("repo", "publish", "forge1", "--distributor", "web");
    String forge =
        "http://127.0.0.1:" + origin.depot().port() + "/pulp_puppet/forge/repository/forge1";

    mirror.succeed(
        "repo",
        "create",
        "acme",
        "--importer",
        "puppet_importer",
        "--importer-option",
        "feed=" + forge,
        "--importer-option",
        "queries=acme",
        "--distributor",
        "puppet_distributor:web");
    mirror.succeed("repo", "sync", "acme");
    mirror.succeed("repo", "publish", "acme", "--distributor", "web");

    String units = mirror.succeed("repo", "units", "acme", "--type", "puppet_module").out();
    assertThat(units).contains("web").contains("base").doesNotContain("tools");
    // "acme" is free text, Pulp's search term: the origin's search finds acme's modules. One that
    // finds nothing is said, not a silent "added 0".
    mirror.succeed("repo", "importer", "update", "acme", "--option", "queries=tool, nosuch, acme");
    String synced = mirror.succeed("repo", "sync", "acme").out();
    assertThat(synced).contains("warning: query 'nosuch' matched no module of the feed");
    assertThat(mirror.succeed("repo", "units", "acme", "--type", "puppet_module").out())
        .contains("tools");
    String mirrored =
        "http://127.0.0.1:" + mirror.depot().port() + "/pulp_puppet/forge/repository/acme";
    var run =
        new PuppetClient(dir.resolve("home"))
            .install(mirrored, dir.resolve("env"), List.of(), "acme-web");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(dir.resolve("env/base/manifests/init.pp")).isRegularFile();

    origin.succeed("repo", "publish", "forge1", "--distributor", "media");
    mirror.succeed(
        "repo",
        "create",
        "airgap",
        "--importer",
        "puppet_importer",
        "--importer-option",
        "feed=" + dir.resolve("media").toUri());
    mirror.succeed("repo", "sync", "airgap");
    assertThat(mirror.succeed("repo", "units", "airgap").out())
        .contains("web")
        .contains("base")
        .contains("tools");
  }
}
