package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.LocalSshd;
import dev.depot.publish.export.ExportDistributor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A puppet repository through the SDK's generic distributors: exported as a PULP_MANIFEST
 * directory, and pushed over rsync (to a real sshd) as puppet_distributor published it.
 */
class PuppetExportAndRsyncTest {
  @TempDir static Path sshdDir;
  static LocalSshd sshd;
  @TempDir Path dir;
  InMemoryContent content;
  Path web;

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

  @BeforeEach
  void uploadModules() throws Exception {
    content = InMemoryContent.under(dir.resolve("store"), "forge1");
    web = TestModules.module(Files.createDirectories(dir.resolve("up")), "acme", "web", "1.0.0");
    UploadReport report =
        new PuppetImporter()
            .uploadUnit(
                content.repository(),
                PuppetTypes.MODULE,
                Map.of(),
                Map.of(),
                web,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(report).isInstanceOf(UploadReport.Imported.class);
  }

  @Test
  void anExportDirIsAPulpManifestDirectory() throws Exception {
    ExportDistributor exporter =
        ServiceLoader.load(Distributor.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(ExportDistributor.class::isInstance)
            .map(ExportDistributor.class::cast)
            .findFirst()
            .orElseThrow();
    exporter.init(Platform.publishingUnder(dir.resolve("published")));
    assertThat(exporter.metadata().types()).contains(PuppetTypes.MODULE);
    Path out = Files.createDirectories(dir.resolve("media"));
    var config =
        PluginCallConfiguration.of(
            Map.of("export_dir", out.toString(), "http", false, "https", false));

    PublishReport report =
        exporter.publishRepo(content.taskRepository(), content.publishConduit("export"), config);

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(out.resolve("acme-web-1.0.0.tar.gz")).hasSameBinaryContentAs(web);
    assertThat(out.resolve("PULP_MANIFEST"))
        .hasContent(
            "acme-web-1.0.0.tar.gz," + ModuleTarball.read(web).sha256() + "," + Files.size(web));
  }

  @Test
  void rsyncPushesWhatPuppetDistributorPublished() throws Exception {
    Platform platform = Platform.publishingUnder(dir.resolve("published"));
    PuppetDistributor distributor = new PuppetDistributor();
    distributor.init(platform);
    PluginCallConfiguration webConfig = PluginCallConfiguration.of(Map.of());
    assertThat(
            distributor.publishRepo(content.repository(), content.publishConduit("web"), webConfig))
        .isInstanceOf(PublishReport.Published.class);

    PuppetRsyncDistributor rsync = new PuppetRsyncDistributor();
    rsync.init(platform);
    PublishReport report =
        rsync.publishRepo(
            content.taskRepository(),
            content
                .publishConduit("rsync")
                .withSibling(new ConfiguredDistributor("forge1", "web", Map.of())),
            PluginCallConfiguration.of(rsyncConfig()));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    Path pushed = dir.resolve("remote/forge1");
    assertThat(pushed.resolve("system/releases/a/acme/acme-web-1.0.0.tar.gz"))
        .hasSameBinaryContentAs(web);
    assertThat(pushed.resolve("modules.json")).content().contains("\"author\":\"acme\"");
    assertThat(pushed.resolve("forge/v3/releases/acme-web.json")).isRegularFile();
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
