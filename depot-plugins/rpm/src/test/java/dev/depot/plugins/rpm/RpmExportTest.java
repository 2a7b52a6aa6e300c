package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.UnitSpec;
import dev.depot.publish.export.ExportDistributor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An RPM repository through export_distributor: binary and source packages under Packages/ with one
 * repodata for both, which says what createrepo_c says of the same files, and which yum_importer
 * syncs at the other end with a file:// feed.
 */
class RpmExportTest {
  @TempDir Path dir;

  @Test
  void anExportIsAYumRepositoryAnotherDepotSyncs() throws Exception {
    TestRpms.Built app = TestRpms.build(dir, "export-app", "1.0", "export-lib");
    TestRpms.Built lib = TestRpms.build(dir, "export-lib", "2.0");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    for (Path p : List.of(app.rpm(), lib.rpm(), app.srpm())) {
      String type = p.toString().endsWith(".src.rpm") ? RpmTypes.SRPM : RpmTypes.RPM;
      assertThat(
              new YumImporter()
                  .uploadUnit(
                      content.repository(),
                      type,
                      Map.of(),
                      Map.of(),
                      p,
                      content.uploadConduit(),
                      PluginCallConfiguration.of(Map.of())))
          .isInstanceOf(UploadReport.Imported.class);
    }
    // An erratum naming a release of export-lib the repository lacks: the export lists it not.
    Map<String, Object> erratum = ErrataAndCompsTest.erratum();
    erratum.put(
        "pkglist",
        List.of(
            Map.of(
                "name",
                "el9",
                "packages",
                List.of(
                    lib("2.0", "export-lib-2.0-1.noarch.rpm"),
                    lib("3.0", "export-lib-3.0-1.noarch.rpm")))));
    content.add(new UnitSpec(RpmTypes.ERRATUM, Map.of("id", "EXP-1"), erratum, null), null);
    ExportDistributor exporter =
        ServiceLoader.load(Distributor.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(ExportDistributor.class::isInstance)
            .map(ExportDistributor.class::cast)
            .findFirst()
            .orElseThrow();
    exporter.init(Platform.publishingUnder(dir.resolve("published")));
    assertThat(exporter.metadata().types()).contains(RpmTypes.RPM, RpmTypes.SRPM);
    Path media = Files.createDirectories(dir.resolve("media"));

    PublishReport report =
        exporter.publishRepo(
            content.taskRepository(),
            content.publishConduit("export"),
            PluginCallConfiguration.of(
                Map.of("export_dir", media.toString(), "http", false, "https", false)));

    assertThat(report).as(report.toString()).isInstanceOf(PublishReport.Published.class);
    assertThat(media.resolve("Packages/e/export-app-1.0-1.src.rpm"))
        .hasSameBinaryContentAs(app.srpm());
    assertThat(media.resolve("Packages/e/export-lib-2.0-1.noarch.rpm"))
        .hasSameBinaryContentAs(lib.rpm());
    Path reference = Files.createDirectories(dir.resolve("reference"));
    for (Path p : List.of(app.rpm(), lib.rpm(), app.srpm())) {
      Files.copy(
          p, reference.resolve(p.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    YumSyncTest.createrepo(reference);
    for (String type : List.of("primary", "filelists", "other")) {
      assertThat(RepodataDocs.packages(RepodataDocs.data(media, type)))
          .as(type)
          .hasSize(3)
          .isEqualTo(RepodataDocs.packages(RepodataDocs.data(reference, type)));
    }

    InMemoryContent airGapped = InMemoryContent.under(dir.resolve("far"), "el9");
    SyncReport sync = YumSyncTest.sync(airGapped, Map.of("feed", media.toUri().toString()));
    assertThat(sync).as(sync.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(YumSyncTest.units(airGapped))
        .containsExactly("erratum null", "rpm export-app", "rpm export-lib", "srpm export-app");
    Unit synced =
        airGapped.units().stream()
            .filter(u -> u.typeId().equals(RpmTypes.ERRATUM))
            .findFirst()
            .orElseThrow();
    assertThat(synced.metadata().get("pkglist").toString())
        .contains("export-lib-2.0-1.noarch.rpm")
        .doesNotContain("export-lib-3.0-1.noarch.rpm");
  }

  private static Map<String, Object> lib(String version, String file) {
    return Map.of(
        "name",
        "export-lib",
        "epoch",
        "0",
        "version",
        version,
        "release",
        "1",
        "arch",
        "noarch",
        "filename",
        file);
  }
}
