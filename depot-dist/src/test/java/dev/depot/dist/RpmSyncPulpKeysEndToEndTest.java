package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A yum mirror configured with the keys Pulp's yum importer stores and Katello sends ({@code
 * type_skip_list}, {@code max_downloads}, {@code download_policy}, {@code retain_old_count}),
 * through the CLI: the mirror holds the newest version only, no source packages, and dnf installs
 * from it; a lazy download policy is refused naming the key.
 */
class RpmSyncPulpKeysEndToEndTest extends CliServerTest {
  private CliServer.Run yumRepo(String id, String... importerOptions) {
    return server.run(YumRepoArgs.create(id, List.of(importerOptions)));
  }

  @Test
  void pulpsKeysMirrorTheNewestBinariesOnly() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    TestRpms.Built old = TestRpms.build(built, "katello-lib", "1.0");
    TestRpms.Built newest = TestRpms.build(built, "katello-lib", "2.0");
    String base = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/";
    assertThat(yumRepo("upstream").code()).isZero();
    server.succeed("repo", "upload", "upstream", old.rpm().toString(), newest.rpm().toString());
    server.succeed("repo", "upload", "upstream", newest.srpm().toString());
    server.succeed("repo", "publish", "upstream", "--distributor", "web");

    CliServer.Run lazy = yumRepo("lazy", "feed=" + base + "upstream/", "download_policy=on_demand");
    assertThat(lazy.code()).isNotZero();
    assertThat(lazy.out() + lazy.err()).contains("download_policy");

    assertThat(
            yumRepo(
                    "mirror",
                    "feed=" + base + "upstream/",
                    "type_skip_list=srpm",
                    "max_downloads=2",
                    "download_policy=background", // done as immediate
                    "retain_old_count=0")
                .code())
        .isZero();
    server.succeed("repo", "sync", "mirror");
    server.succeed("repo", "publish", "mirror", "--distributor", "web");

    String units = server.succeed("repo", "units", "mirror").out();
    assertThat(units)
        .contains("name=katello-lib", "version=2.0")
        .doesNotContain("version=1.0")
        .doesNotContain("srpm");
    Dnf dnf = new Dnf(dir.resolve("dnf"), base + "mirror/", List.of());
    dnf.run("-y", "install", "katello-lib");
    assertThat(dnf.root.resolve("usr/share/katello-lib/greeting.txt")).exists();
  }
}
