package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A yum sync brings the feed's modules (modules.yaml added by modifyrepo_c) as modulemd and
 * modulemd_defaults units, and a publish writes them back as they were.
 */
class YumSyncModulesTest {
  static final String MODULES =
      """
      ---
      document: modulemd
      version: 2
      data:
        name: sync
        stream: "1"
        version: 20261201000000
        context: c0ffee42
        arch: noarch
        summary: The sync module
        description: >-
          Sync tools as a module.
        license:
          module:
          - MIT
        profiles:
          default:
            rpms:
            - sync-app
        artifacts:
          rpms:
          - sync-app-0:1.0-1.noarch
          - sync-lib-0:1.1-1.noarch
      ...
      ---
      document: modulemd-defaults
      version: 1
      data:
        module: sync
        stream: "1"
        profiles:
          "1": [default]
      ...
      """;

  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    TestRpms.Built app = TestRpms.build(built, "sync-app", "1.0", "sync-lib >= 1.0");
    packages = List.of(app.rpm(), TestRpms.build(built, "sync-lib", "1.1").rpm());
  }

  static Path feed(Path dir) throws Exception {
    return feed(dir, MODULES);
  }

  static Path feed(Path dir, String yaml) throws Exception {
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", packages);
    Path modules = Files.writeString(dir.resolve("modules.yaml"), yaml);
    TestRpms.run(
        dir,
        List.of(
            "modifyrepo_c",
            "--mdtype=modules",
            modules.toString(),
            feed.resolve("repodata").toString()));
    return feed;
  }

  @Test
  void modulesAreSyncedAndPublishedAsTheyWere(@TempDir Path dir) throws Exception {
    Path feed = feed(dir);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    var module =
        content.units().stream()
            .filter(u -> u.typeId().equals("modulemd"))
            .findFirst()
            .orElseThrow();
    assertThat(module.unitKey())
        .isEqualTo(
            Map.of(
                "name",
                "sync",
                "stream",
                "1",
                "version",
                "20261201000000",
                "context",
                "c0ffee42",
                "arch",
                "noarch"));
    assertThat(module.metadata().get("artifacts"))
        .isEqualTo(List.of("sync-app-0:1.0-1.noarch", "sync-lib-0:1.1-1.noarch"));
    var defaults =
        content.units().stream()
            .filter(u -> u.typeId().equals("modulemd_defaults"))
            .findFirst()
            .orElseThrow();
    assertThat(defaults.unitKey()).isEqualTo(Map.of("module", "sync", "repo_id", "mirror"));

    Path yaml =
        RepodataDocs.data(YumPublishing.publish(content, dir.resolve("pub"), "m"), "modules");
    String text;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(yaml))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(text)
        .contains("document: modulemd\n", "context: c0ffee42", "- sync-lib-0:1.1-1.noarch")
        .contains("document: modulemd-defaults", "module: sync");
  }

  @Test
  void documentsOfKindsDepotDoesNotKeepAreNamedInTheReport(@TempDir Path dir) throws Exception {
    Path feed =
        feed(
            dir,
            MODULES
                + """
                ---
                document: modulemd-obsoletes
                version: 1
                data:
                  modified: 2026-12-01T00:00Z
                  module: sync
                  stream: "1"
                  eol_date: 2027-01-01T00:00Z
                  message: The sync module reaches its end of life
                ...
                """);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    Map<?, ?> metadata =
        (Map<?, ?>) ((Map<?, ?>) ((SyncReport.Synced) report).summary()).get("metadata");
    assertThat(metadata.get("not_synced")).isEqualTo(List.of("modules.yaml modulemd-obsoletes"));
    assertThat(content.units().stream().filter(u -> u.typeId().equals("modulemd"))).hasSize(1);
  }

  @Test
  void aSecondDefaultsDocumentForOneModuleIsDroppedWithAWarningNamingIt(@TempDir Path dir)
      throws Exception {
    Path feed =
        feed(
            dir,
            MODULES
                + """
                ---
                document: modulemd-defaults
                version: 1
                data:
                  module: sync
                  stream: "2"
                ...
                """);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    Map<?, ?> summary = (Map<?, ?>) ((SyncReport.Synced) report).summary();
    assertThat(summary.get("warnings"))
        .isEqualTo(
            List.of(
                "modules.yaml holds more than one modulemd-defaults document for module sync;"
                    + " the first is kept"));
    var defaults =
        content.units().stream().filter(u -> u.typeId().equals("modulemd_defaults")).toList();
    assertThat(defaults).hasSize(1);
    assertThat(defaults.get(0).metadata().get("stream")).isEqualTo("1");
  }

  @Test
  void aFeedWithOneDefaultsPerModuleHasNoWarnings(@TempDir Path dir) throws Exception {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed(dir).toUri().toString()));

    assertThat(((Map<?, ?>) ((SyncReport.Synced) report).summary()).containsKey("warnings"))
        .isFalse();
  }
}
