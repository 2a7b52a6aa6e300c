package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.InMemoryImportConduit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package rebuilt under the same NEVRA, promoted by a copy into a repository holding the old
 * build: the copied build takes its place (a yum repository lists one package per NEVRA, and with
 * both the destination's next publish would fail), and the copy says so.
 */
class CopiedRebuildTest {
  @TempDir static Path dir;
  static Path oldBuild;
  static Path rebuild;
  static Path other;

  @BeforeAll
  static void build() throws Exception {
    oldBuild = TestRpms.build(dir.resolve("old"), "lib", "1.1").rpm();
    rebuild = TestRpms.build(dir.resolve("new"), "lib", "1.1", "bash").rpm();
    other = TestRpms.build(dir.resolve("old"), "other", "1.0").rpm();
  }

  @Test
  void theCopiedBuildReplacesTheDestinationsOtherBuildOfTheNevra(@TempDir Path root) {
    InMemoryContent dev = repo(root, "dev", rebuild, other);
    InMemoryContent prod = repo(root, "prod", oldBuild, other);
    String held = checksum(prod, "lib");

    InMemoryImportConduit conduit = prod.importConduit(dev);
    copyAll(dev, prod, conduit);

    assertThat(prod.units())
        .extracting(u -> u.unitKey().get("name") + " " + u.unitKey().get("checksum"))
        .containsExactlyInAnyOrder(
            "lib " + checksum(dev, "lib"), "other " + checksum(dev, "other"));
    assertThat(conduit.warnings())
        .containsExactly(
            "the copied build of rpm lib-0:1.1-1.noarch replaced the one the repository held"
                + " (checksum "
                + held
                + ")");
  }

  private static void copyAll(
      InMemoryContent source, InMemoryContent dest, InMemoryImportConduit conduit) {
    try (Stream<Unit> all = conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.RPM))) {
      new YumImporter()
          .importUnits(
              source.repository(),
              dest.repository(),
              conduit,
              PluginCallConfiguration.of(Map.of()),
              all);
    }
  }

  private static InMemoryContent repo(Path root, String id, Path... packages) {
    InMemoryContent content = InMemoryContent.under(root.resolve(id), id);
    for (Path p : List.of(packages)) {
      UploadReport report =
          new YumImporter()
              .uploadUnit(
                  content.repository(),
                  RpmTypes.RPM,
                  Map.of(),
                  Map.of(),
                  p,
                  content.uploadConduit(),
                  PluginCallConfiguration.of(Map.of()));
      assertThat(report).isInstanceOf(UploadReport.Imported.class);
    }
    return content;
  }

  private static String checksum(InMemoryContent content, String name) {
    return content.units().stream()
        .filter(u -> name.equals(u.unitKey().get("name")))
        .map(u -> String.valueOf(u.unitKey().get("checksum")))
        .findFirst()
        .orElseThrow();
  }
}
