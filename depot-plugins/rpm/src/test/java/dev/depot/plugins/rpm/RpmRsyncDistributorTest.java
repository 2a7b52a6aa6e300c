package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.LocalSshd;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpm_rsync_distributor pushes what yum_distributor published to a real sshd, repodata and all. */
class RpmRsyncDistributorTest {
  @TempDir static Path sshdDir;
  static LocalSshd sshd;
  @TempDir Path dir;

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = LocalSshd.start(sshdDir.resolve("sshd"));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void pushesTheYumTreeBelowItsRelativeUrl() throws Exception {
    TestRpms.Built built = TestRpms.build(dir, "hello-depot", "1.2");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "r1");
    UploadReport upload =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                RpmTypes.RPM,
                Map.of(),
                Map.of(),
                built.rpm(),
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(upload).isInstanceOf(UploadReport.Imported.class);
    Platform platform = Platform.publishingUnder(dir.resolve("published"));
    YumDistributor yum = new YumDistributor();
    yum.init(platform);
    Map<String, Object> webConfig = Map.of("relative_url", "el/r1");
    assertThat(
            yum.publishRepo(
                content.repository(),
                content.publishConduit("web"),
                PluginCallConfiguration.of(webConfig)))
        .isInstanceOf(PublishReport.Published.class);

    RpmRsyncDistributor rsync = new RpmRsyncDistributor();
    rsync.init(platform);
    PublishReport report =
        rsync.publishRepo(
            content.taskRepository(),
            content
                .publishConduit("rsync")
                .withSibling(new ConfiguredDistributor("r1", "web", webConfig)),
            PluginCallConfiguration.of(rsyncConfig()));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    Path pushed = dir.resolve("remote/el/r1");
    assertThat(pushed.resolve("Packages/h/hello-depot-1.2-1.noarch.rpm"))
        .hasSameBinaryContentAs(built.rpm());
    assertThat(pushed.resolve("repodata/repomd.xml")).isRegularFile();
    assertThat(RepodataDocs.packages(RepodataDocs.data(pushed, "primary")))
        .containsOnlyKeys("hello-depot.noarch");
    TestRpms.run(
        dir,
        List.of(
            "rpm",
            "-K",
            "--nosignature",
            pushed.resolve("Packages/h/hello-depot-1.2-1.noarch.rpm").toString()));
  }

  private Map<String, Object> rsyncConfig() {
    Map<String, Object> remote = new LinkedHashMap<>();
    remote.put("host", "127.0.0.1");
    remote.put("port", sshd.port);
    remote.put("ssh_user", LocalSshd.user());
    remote.put("ssh_identity_file", sshd.clientKey.toString());
    remote.put("root", dir.resolve("remote").toString());
    return Map.of("predistributor_id", "web", "remote", remote);
  }
}
