package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mirroring a yum repository with the CLI, as Pulp mirrored another Pulp: Depot's own published
 * repository is the feed over HTTP, the mirror is synced, published and installed from by Debian's
 * real dnf; a second sync after the upstream changed brings the new package and, with
 * remove_missing, drops the one that left.
 */
class RpmSyncEndToEndTest extends CliServerTest {
  private void yumRepo(String id, String... importerOptions) {
    server.succeed(YumRepoArgs.create(id, List.of(importerOptions)));
  }

  @Test
  void aMirrorOfAPublishedRepositoryIsInstallableAndFollowsItsUpstream() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    TestRpms.Built app = TestRpms.build(built, "mirror-app", "1.0", "mirror-lib >= 1.0");
    TestRpms.Built lib = TestRpms.build(built, "mirror-lib", "1.0");
    TestRpms.Built tool = TestRpms.build(built, "mirror-tool", "1.0");
    String base = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/";
    yumRepo("upstream");
    server.succeed("repo", "upload", "upstream", app.rpm().toString(), lib.rpm().toString());
    server.succeed("repo", "publish", "upstream", "--distributor", "web");
    yumRepo("mirror", "feed=" + base + "upstream/", "remove_missing=true");

    server.succeed("repo", "sync", "mirror");
    server.succeed("repo", "publish", "mirror", "--distributor", "web");

    Dnf dnf = new Dnf(dir.resolve("dnf"), base + "mirror/", List.of());
    dnf.run("-y", "install", "mirror-app");
    assertThat(dnf.root.resolve("usr/share/mirror-lib/greeting.txt")).hasContent("hi");

    server.succeed("repo", "upload", "upstream", tool.rpm().toString());
    server.succeed(
        "repo", "remove-units", "upstream", "--type", "rpm", "--filter", "name=mirror-app");
    server.succeed("repo", "publish", "upstream", "--distributor", "web");
    server.succeed("repo", "sync", "mirror");
    String units = server.succeed("repo", "units", "mirror", "--type", "rpm").out();
    assertThat(units).contains("mirror-tool", "mirror-lib").doesNotContain("mirror-app");
  }
}
