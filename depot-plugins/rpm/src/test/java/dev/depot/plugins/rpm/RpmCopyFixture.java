package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.InMemoryImportConduit;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the recursive-copy tests share: packages rpmbuild makes once per test class, uploaded into
 * in-memory repositories, and a copy of the packages of one name between two of them, answered with
 * the destination's packages as {@code name-version}.
 */
final class RpmCopyFixture {
  private final Path dir;
  private final Map<String, Path> rpms = new HashMap<>();

  /** Builds the packages in {@code dir}. */
  RpmCopyFixture(Path dir) {
    this.dir = dir;
  }

  /** Builds a noarch package known as {@code name-version} to {@link #repo}. */
  void build(String name, String version, String... requires) throws Exception {
    rpms.put(name + "-" + version, TestRpms.build(dir, name, version, requires).rpm());
  }

  /** A repository holding the packages named (as {@code name-version}), each uploaded. */
  InMemoryContent repo(Path root, String id, String... packages) {
    InMemoryContent content = InMemoryContent.under(root.resolve(id), id);
    for (String p : packages) {
      UploadReport report =
          new YumImporter()
              .uploadUnit(
                  content.repository(),
                  RpmTypes.RPM,
                  Map.of(),
                  Map.of(),
                  rpms.get(p),
                  content.uploadConduit(),
                  PluginCallConfiguration.of(Map.of()));
      assertThat(report).isInstanceOf(UploadReport.Imported.class);
    }
    return content;
  }

  /** Copies the source's packages named {@code name}; answers the destination's packages. */
  static List<String> copy(
      InMemoryContent source,
      InMemoryContent dest,
      InMemoryImportConduit conduit,
      String name,
      Map<String, Object> override) {
    PluginCallConfiguration config = new PluginCallConfiguration(Map.of(), Map.of(), override);
    try (Stream<Unit> chosen =
        conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.RPM).withFilters(Map.of("name", name)))) {
      new YumImporter()
          .importUnits(source.repository(), dest.repository(), conduit, config, chosen);
    }
    return dest.units().stream()
        .map(u -> u.unitKey().get("name") + "-" + u.unitKey().get("version"))
        .sorted()
        .toList();
  }
}
