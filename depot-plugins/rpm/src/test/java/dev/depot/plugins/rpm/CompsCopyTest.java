package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comps units and module defaults copied into another repository become its own (their key's
 * repo_id is the destination's, as Pulp makes them), with the same content; errata are shared as
 * they are.
 */
class CompsCopyTest {
  @TempDir Path root;

  @Test
  void aCopiedGroupIsKeyedByTheDestinationAndTheSourceKeepsItsOwn() {
    InMemoryContent source = InMemoryContent.under(root.resolve("src"), "dev");
    upload(source, "package_group", Map.of("name", "Web", "mandatory_package_names", List.of("h")));
    upload(
        source, "package_category", Map.of("name", "Servers", "packagegroupids", List.of("web")));
    upload(source, "erratum", ErrataAndCompsTest.erratum());
    UploadReport langpacks =
        new YumImporter()
            .uploadUnit(
                source.repository(),
                RpmTypes.LANGPACKS,
                Map.of(),
                Map.of("matches", List.of(Map.of("name", "h", "install", "h-lang-%s"))),
                null,
                source.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(langpacks).as(langpacks.toString()).isInstanceOf(UploadReport.Imported.class);
    InMemoryContent dest = InMemoryContent.under(root.resolve("dst"), "prod");

    copyAll(source, dest);
    copyAll(source, dest); // again: nothing more

    assertThat(keys(dest))
        .containsExactlyInAnyOrder(
            "erratum {id=web}",
            "package_category prod web",
            "package_group prod web",
            "package_langpacks prod null");
    Unit group =
        dest.units().stream().filter(u -> u.typeId().equals("package_group")).findFirst().get();
    Unit original =
        source.units().stream().filter(u -> u.typeId().equals("package_group")).findFirst().get();
    assertThat(group.metadata()).isEqualTo(original.metadata());
    assertThat(keys(source))
        .containsExactlyInAnyOrder(
            "erratum {id=web}",
            "package_category dev web",
            "package_group dev web",
            "package_langpacks dev null");
  }

  @Test
  void copyingAGroupAgainReplacesTheDestinationsOwnAsPulpDoes() {
    InMemoryContent first = InMemoryContent.under(root.resolve("one"), "dev");
    upload(first, "package_group", Map.of("name", "Web", "mandatory_package_names", List.of("h")));
    InMemoryContent second = InMemoryContent.under(root.resolve("two"), "qa");
    upload(
        second,
        "package_group",
        Map.of("name", "Web servers", "mandatory_package_names", List.of("h", "nginx")));
    InMemoryContent dest = InMemoryContent.under(root.resolve("dst"), "prod");

    copyAll(first, dest);
    copyAll(second, dest);

    assertThat(keys(dest)).containsExactly("package_group prod web");
    Unit group = dest.units().getFirst();
    assertThat(group.metadata())
        .containsEntry("name", "Web servers")
        .containsEntry("mandatory_package_names", List.of("h", "nginx"));
  }

  @Test
  void aCopiedCategoryOrEnvironmentBringsItsGroupsAsPulpDoes() {
    InMemoryContent source = InMemoryContent.under(root.resolve("src"), "dev");
    upload(source, "package_group", Map.of("name", "Web", "mandatory_package_names", List.of("h")));
    upload(source, "package_group", "db", Map.of("name", "DB"));
    upload(source, "package_group", "tools", Map.of("name", "Tools"));
    upload(source, "package_group", "unrelated", Map.of("name", "Unrelated"));
    upload(
        source,
        "package_category",
        "servers",
        Map.of("name", "Servers", "packagegroupids", List.of("web", "db", "missing")));
    upload(
        source,
        "package_environment",
        "ws",
        Map.of(
            "name",
            "Workstation",
            "group_ids",
            List.of("web"),
            "options",
            List.of(Map.of("group", "tools", "default", false))));
    InMemoryContent byCategory = InMemoryContent.under(root.resolve("c"), "prod");
    InMemoryContent byEnvironment = InMemoryContent.under(root.resolve("e"), "qa");

    copyType(source, byCategory, "package_category");
    copyType(source, byEnvironment, "package_environment");

    assertThat(keys(byCategory))
        .containsExactlyInAnyOrder(
            "package_category prod servers", "package_group prod web", "package_group prod db");
    assertThat(keys(byEnvironment))
        .containsExactlyInAnyOrder(
            "package_environment qa ws", "package_group qa web", "package_group qa tools");
  }

  @Test
  void copiedModuleDefaultsBecomeTheDestinationsOwnAndReplaceThem() throws Exception {
    InMemoryContent source = InMemoryContent.under(root.resolve("src"), "dev");
    uploadModules(source, defaults("tools", "1"));
    InMemoryContent dest = InMemoryContent.under(root.resolve("dst"), "prod");
    uploadModules(dest, defaults("tools", "2"));

    copyType(source, dest, RpmTypes.MODULEMD_DEFAULTS);

    // One defaults document per module in the destination's modules.yaml, the copied one.
    List<Unit> held =
        dest.units().stream().filter(u -> u.typeId().equals(RpmTypes.MODULEMD_DEFAULTS)).toList();
    assertThat(held)
        .singleElement()
        .satisfies(u -> assertThat(u.unitKey()).containsEntry("repo_id", "prod"))
        .satisfies(u -> assertThat(u.metadata()).containsEntry("stream", "1"));
    assertThat(source.units())
        .singleElement()
        .satisfies(u -> assertThat(u.unitKey()).containsEntry("repo_id", "dev"));
  }

  private static String defaults(String module, String stream) {
    return "---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: "
        + module
        + "\n  stream: \""
        + stream
        + "\"\n...\n";
  }

  private void uploadModules(InMemoryContent content, String yaml) throws Exception {
    Path file =
        java.nio.file.Files.writeString(
            root.resolve(content.repository().id() + "-modules.yaml"), yaml);
    UploadReport report =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                RpmTypes.MODULEMD,
                Map.of(),
                Map.of(),
                file,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(report).as(report.toString()).isInstanceOf(UploadReport.Imported.class);
  }

  private static void copyType(InMemoryContent source, InMemoryContent dest, String type) {
    var conduit = dest.importConduit(source);
    try (Stream<Unit> chosen = conduit.sourceUnits(UnitCriteria.ofTypes(type))) {
      new YumImporter()
          .importUnits(
              source.repository(),
              dest.repository(),
              conduit,
              PluginCallConfiguration.of(Map.of()),
              chosen);
    }
  }

  private static List<String> keys(InMemoryContent content) {
    return content.units().stream()
        .map(
            u ->
                u.typeId().equals("erratum")
                    ? "erratum " + u.unitKey()
                    : u.typeId() + " " + u.unitKey().get("repo_id") + " " + u.unitKey().get("id"))
        .toList();
  }

  private static void copyAll(InMemoryContent source, InMemoryContent dest) {
    var conduit = dest.importConduit(source);
    try (Stream<Unit> chosen =
        conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.ALL.toArray(String[]::new)))) {
      new YumImporter()
          .importUnits(
              source.repository(),
              dest.repository(),
              conduit,
              PluginCallConfiguration.of(Map.of()),
              chosen);
    }
  }

  private static void upload(InMemoryContent content, String type, Map<String, Object> metadata) {
    upload(content, type, "web", metadata);
  }

  private static void upload(
      InMemoryContent content, String type, String id, Map<String, Object> metadata) {
    UploadReport report =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                type,
                Map.of("id", id),
                metadata,
                null,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(report).as(report.toString()).isInstanceOf(UploadReport.Imported.class);
  }
}
