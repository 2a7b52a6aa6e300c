package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.LocalSshd;
import dev.depot.plugin.testkit.TestConfigConduit;
import java.nio.file.Files;
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

  /**
   * Pulp's {@code skip_repodata} (set by tools that push packages first and metadata later, so a
   * mirror never lists a package it lacks) was refused as an unknown key; it pushes the packages
   * and leaves the remote's repodata as it was, even with {@code delete}.
   */
  @Test
  void skipRepodataPushesPackagesAndLeavesTheRemoteRepodataAlone() throws Exception {
    TestRpms.Built built = TestRpms.build(dir, "hello-skip", "1.0");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "r1");
    assertThat(
            new YumImporter()
                .uploadUnit(
                    content.repository(),
                    RpmTypes.RPM,
                    Map.of(),
                    Map.of(),
                    built.rpm(),
                    content.uploadConduit(),
                    PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(UploadReport.Imported.class);
    Platform platform = Platform.publishingUnder(dir.resolve("published"));
    YumDistributor yum = new YumDistributor();
    yum.init(platform);
    Map<String, Object> webConfig = Map.of("relative_url", "el/r1");
    yum.publishRepo(
        content.repository(), content.publishConduit("web"), PluginCallConfiguration.of(webConfig));
    Path remoteRepodata = dir.resolve("remote/el/r1/repodata/repomd.xml");
    Files.createDirectories(remoteRepodata.getParent());
    Files.writeString(remoteRepodata, "the mirror's current metadata");
    Map<String, Object> config = new LinkedHashMap<>(rsyncConfig());
    config.put("skip_repodata", true);
    config.put("delete", true);
    RpmRsyncDistributor rsync = new RpmRsyncDistributor();
    rsync.init(platform);
    TestConfigConduit r1 =
        TestConfigConduit.empty()
            .withRepositoryDistributors(
                new ConfiguredDistributor("r1", "web", webConfig, "yum_distributor"));
    assertThat(rsync.validateConfig(content.repository(), PluginCallConfiguration.of(config), r1))
        .isInstanceOf(ValidationResult.Valid.class);

    PublishReport report =
        rsync.publishRepo(
            content.taskRepository(),
            content
                .publishConduit("rsync")
                .withSibling(new ConfiguredDistributor("r1", "web", webConfig)),
            PluginCallConfiguration.of(config));

    assertThat(report).as(report.toString()).isInstanceOf(PublishReport.Published.class);
    assertThat(dir.resolve("remote/el/r1/Packages/h/hello-skip-1.0-1.noarch.rpm"))
        .hasSameBinaryContentAs(built.rpm());
    assertThat(remoteRepodata).hasContent("the mirror's current metadata");
    assertThat(remoteRepodata.getParent()).isDirectoryNotContaining("glob:**primary.xml.gz");
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
