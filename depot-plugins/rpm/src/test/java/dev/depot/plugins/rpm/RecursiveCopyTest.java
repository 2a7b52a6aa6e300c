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
 * Copies with Pulp's recursive and recursive_conservative overrides, over packages rpmbuild made:
 * app needs lib (>= 2.0, so not lib 1.0) and the virtual greeter-tool; lib needs the file
 * /usr/bin/base. The source also holds an unrelated package and one whose need nothing meets.
 */
class RecursiveCopyTest {
  @TempDir static Path dir;
  static RpmCopyFixture rpms;

  @BeforeAll
  static void build() throws Exception {
    rpms = new RpmCopyFixture(dir);
    rpms.build("base", "1.0");
    rpms.build("lib", "1.0", "/usr/bin/base");
    rpms.build("lib", "2.1", "/usr/bin/base");
    rpms.build("lib", "2.0", "/usr/bin/base");
    rpms.build("tool", "1.0");
    rpms.build("app", "1.0", "lib >= 2.0", "greeter-tool >= 2.0");
    rpms.build("stray", "1.0", "nowhere-lib");
    rpms.build("other", "1.0");
    rpms.build("fortune-app", "1.0"); // every package recommends fortune-<its name>
    // Rich dependencies, as primary.xml lists them: one entry named by the whole expression.
    rpms.build(
        "fancy",
        "1.0",
        " (tool or other)",
        " (lib >= 1.0 with lib < 2.0)",
        " (nowhere-lib if stray)");
  }

  private static InMemoryContent repo(Path root, String id, String... packages) {
    return rpms.repo(root, id, packages);
  }

  private static InMemoryContent source(Path root) {
    return repo(
        root,
        "source",
        "base-1.0",
        "lib-1.0",
        "lib-2.1",
        "tool-1.0",
        "app-1.0",
        "stray-1.0",
        "other-1.0");
  }

  /** Copies the source's packages of that name; answers the destination's packages. */
  private static List<String> copy(
      InMemoryContent source, InMemoryContent dest, String name, Map<String, Object> override) {
    return copy(source, dest, dest.importConduit(source), name, override);
  }

  private static List<String> copy(
      InMemoryContent source,
      InMemoryContent dest,
      InMemoryImportConduit conduit,
      String name,
      Map<String, Object> override) {
    return RpmCopyFixture.copy(source, dest, conduit, name, override);
  }

  @Test
  void aRecursiveCopyBringsTheNewestProviderOfEachNeedAndTheirNeeds(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest");

    assertThat(copy(source, dest, "app", Map.of("recursive", true)))
        .containsExactly("app-1.0", "base-1.0", "lib-2.1", "tool-1.0");
  }

  @Test
  void aPlainCopyBringsOnlyWhatWasChosen(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest");

    assertThat(copy(source, dest, "app", Map.of())).containsExactly("app-1.0");
  }

  @Test
  void aConservativeCopyCountsWhatTheDestinationHolds(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest", "lib-2.0"); // meets lib >= 2.0 already

    assertThat(copy(source, dest, "app", Map.of("recursive_conservative", "true")))
        .containsExactly("app-1.0", "lib-2.0", "tool-1.0");
  }

  @Test
  void aRecursiveCopyIgnoresWhatTheDestinationHolds(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest", "lib-2.0");

    assertThat(copy(source, dest, "app", Map.of("recursive", true)))
        .containsExactly("app-1.0", "base-1.0", "lib-2.0", "lib-2.1", "tool-1.0");
  }

  @Test
  void anErratumBringsItsPackagesAndAGroupTheNewestOfEachName(@TempDir Path root) {
    InMemoryContent source = source(root);
    Map<String, Object> pkg =
        Map.of(
            "name",
            "lib",
            "version",
            "1.0",
            "release",
            "1",
            "epoch",
            "0",
            "arch",
            "noarch",
            "filename",
            "lib-1.0-1.noarch.rpm");
    assertThat(
            new YumImporter()
                .uploadUnit(
                    source.repository(),
                    "erratum",
                    Map.of("id", "E-1"),
                    Map.of(
                        "title",
                        "lib fix",
                        "type",
                        "bugfix",
                        "pkglist",
                        List.of(Map.of("name", "c", "packages", List.of(pkg)))),
                    null,
                    source.uploadConduit(),
                    PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(UploadReport.Imported.class);
    assertThat(
            new YumImporter()
                .uploadUnit(
                    source.repository(),
                    "package_group",
                    Map.of("id", "g"),
                    Map.of("name", "G", "default_package_names", List.of("lib", "tool")),
                    null,
                    source.uploadConduit(),
                    PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(UploadReport.Imported.class);

    InMemoryContent byErratum = repo(root, "by-erratum");
    assertThat(copyType(source, byErratum, "erratum", Map.of())).containsExactly("E-1", "lib-1.0");
    InMemoryContent byGroup = repo(root, "by-group");
    assertThat(copyType(source, byGroup, "package_group", Map.of("recursive", true)))
        .containsExactly("base-1.0", "g", "lib-2.1", "tool-1.0");
  }

  @Test
  void aModularErratumBringsItsModuleStreamAndTheStreamsPackages(@TempDir Path root)
      throws Exception {
    InMemoryContent source = source(root);
    Path yaml =
        java.nio.file.Files.writeString(
            root.resolve("modules.yaml"), stream("1", "tool-0:1.0-1.noarch") + stream("2", ""));
    assertThat(upload(source, "modulemd", Map.of(), Map.of(), yaml))
        .isInstanceOf(UploadReport.Imported.class);
    Map<String, Object> module =
        Map.of(
            "name",
            "tools",
            "stream",
            "1",
            "version",
            "20261201",
            "context",
            "c0ffee42",
            "arch",
            "noarch");
    assertThat(
            upload(
                source,
                "erratum",
                Map.of("id", "E-M"),
                Map.of(
                    "title",
                    "tools stream fix",
                    "type",
                    "enhancement",
                    "pkglist",
                    List.of(Map.of("name", "tools:1", "module", module, "packages", List.of()))),
                null))
        .isInstanceOf(UploadReport.Imported.class);

    InMemoryContent dest = repo(root, "by-modular-erratum");
    assertThat(copyType(source, dest, "erratum", Map.of()))
        .as("stream 2 is not named by the erratum and stays behind")
        .containsExactly("E-M", "tool-1.0", "tools-20261201");
  }

  @Test
  void aModularErratumNamingTwoStreamsBringsBothWithTheirPackages(@TempDir Path root)
      throws Exception {
    InMemoryContent source = source(root);
    Path yaml =
        java.nio.file.Files.writeString(
            root.resolve("modules.yaml"),
            stream("1", "tool-0:1.0-1.noarch") + stream("2", "other-0:1.0-1.noarch"));
    assertThat(upload(source, "modulemd", Map.of(), Map.of(), yaml))
        .isInstanceOf(UploadReport.Imported.class);
    List<Map<String, Object>> collections = new java.util.ArrayList<>();
    for (String stream : List.of("1", "2")) {
      Map<String, Object> module =
          Map.of(
              "name",
              "tools",
              "stream",
              stream,
              "version",
              "20261201",
              "context",
              "c0ffee42",
              "arch",
              "noarch");
      collections.add(Map.of("name", "tools:" + stream, "module", module, "packages", List.of()));
    }
    Map<String, Object> erratum =
        Map.of("title", "tools fix", "type", "bugfix", "pkglist", collections);
    assertThat(upload(source, "erratum", Map.of("id", "E-2M"), erratum, null))
        .isInstanceOf(UploadReport.Imported.class);

    InMemoryContent dest = repo(root, "by-two-streams");
    assertThat(copyType(source, dest, "erratum", Map.of()))
        .as("both streams the erratum names come, each with its artifacts")
        .containsExactly("E-2M", "other-1.0", "tool-1.0", "tools-20261201", "tools-20261201");
    assertThat(dest.units().stream().filter(u -> u.typeId().equals("modulemd")))
        .extracting(u -> u.unitKey().get("stream"))
        .containsExactlyInAnyOrder("1", "2");
  }

  private static String stream(String stream, String artifact) {
    return """
        ---
        document: modulemd
        version: 2
        data:
          name: tools
          stream: "%s"
          version: 20261201
          context: c0ffee42
          arch: noarch
          summary: Tools as a module
          description: Tools.
          license:
            module: [MIT]
          artifacts:
            rpms: [%s]
        ...
        """
        .formatted(stream, artifact);
  }

  private static UploadReport upload(
      InMemoryContent repo,
      String type,
      Map<String, Object> key,
      Map<String, Object> metadata,
      Path file) {
    return new YumImporter()
        .uploadUnit(
            repo.repository(),
            type,
            key,
            metadata,
            file,
            repo.uploadConduit(),
            PluginCallConfiguration.of(Map.of()));
  }

  private static List<String> copyType(
      InMemoryContent source, InMemoryContent dest, String type, Map<String, Object> override) {
    var conduit = dest.importConduit(source);
    try (Stream<Unit> chosen = conduit.sourceUnits(UnitCriteria.ofTypes(type))) {
      new YumImporter()
          .importUnits(
              source.repository(),
              dest.repository(),
              conduit,
              new PluginCallConfiguration(Map.of(), Map.of(), override),
              chosen);
    }
    return dest.units().stream()
        .map(
            u ->
                u.unitKey().containsKey("version")
                    ? u.unitKey().get("name") + "-" + u.unitKey().get("version")
                    : String.valueOf(u.unitKey().get("id")))
        .sorted()
        .toList();
  }

  /** As a RHEL x86_64 repository holds them: each library and program for i686 and x86_64. */
  private static InMemoryContent multilib(Path root) throws Exception {
    InMemoryContent source = InMemoryContent.under(root.resolve("multilib"), "multilib");
    for (String arch : List.of("i686", "x86_64")) {
      for (Path rpm :
          List.of(
              TestRpms.buildFor(dir, "mlib", "1.0", arch).rpm(),
              TestRpms.buildFor(dir, "mapp", "1.0", arch, "mlib").rpm())) {
        assertThat(upload(source, RpmTypes.RPM, Map.of(), Map.of(), rpm))
            .isInstanceOf(UploadReport.Imported.class);
      }
    }
    return source;
  }

  private static List<String> namesAndArches(InMemoryContent repo) {
    return repo.units().stream()
        .filter(u -> u.typeId().equals(RpmTypes.RPM))
        .map(u -> u.unitKey().get("name") + "." + u.unitKey().get("arch"))
        .sorted()
        .toList();
  }

  @Test
  void aMultilibPackageBringsTheLibraryOfItsOwnArch(@TempDir Path root) throws Exception {
    InMemoryContent source = multilib(root);
    for (String arch : List.of("x86_64", "i686")) {
      InMemoryContent dest = repo(root, "dest-" + arch);
      var conduit = dest.importConduit(source);
      try (Stream<Unit> chosen =
          conduit.sourceUnits(
              UnitCriteria.ofTypes(RpmTypes.RPM)
                  .withFilters(Map.of("name", "mapp", "arch", arch)))) {
        new YumImporter()
            .importUnits(
                source.repository(),
                dest.repository(),
                conduit,
                new PluginCallConfiguration(Map.of(), Map.of(), Map.of("recursive", true)),
                chosen);
      }
      assertThat(namesAndArches(dest))
          .as("mapp.%s requires mlib, which both arches provide", arch)
          .containsExactly("mapp." + arch, "mlib." + arch);
    }
  }

  @Test
  void aGroupBringsTheNewestOfEachNameAndArch(@TempDir Path root) throws Exception {
    InMemoryContent source = multilib(root);
    Map<String, Object> group = Map.of("name", "M", "mandatory_package_names", List.of("mapp"));
    assertThat(upload(source, "package_group", Map.of("id", "m"), group, null))
        .isInstanceOf(UploadReport.Imported.class);
    InMemoryContent dest = repo(root, "by-multilib-group");
    copyType(source, dest, "package_group", Map.of());
    assertThat(namesAndArches(dest))
        .as("as Pulp's copy by name: the newest of each name and arch, both multilib builds")
        .containsExactly("mapp.i686", "mapp.x86_64");
  }

  @Test
  void aMisspeltOverrideIsNamedInAWarningAndCopiesPlainly(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest");
    var conduit = dest.importConduit(source);

    assertThat(copy(source, dest, conduit, "app", Map.of("recursiv", true)))
        .containsExactly("app-1.0");
    assertThat(conduit.warnings())
        .containsExactly(
            "override recursiv is no copy option of a yum repository (recursive,"
                + " recursive_conservative); ignored");
  }

  @Test
  void aRecursiveCopyBringsWhatACopiedPackageRecommendsWhenTheSourceHasIt(@TempDir Path root) {
    InMemoryContent source =
        repo(root, "source", "base-1.0", "lib-2.1", "tool-1.0", "app-1.0", "fortune-app-1.0");
    InMemoryContent dest = repo(root, "dest");
    var conduit = dest.importConduit(source);

    // app recommends fortune-app (dnf installs it when it can); what nothing meets is no warning.
    assertThat(copy(source, dest, conduit, "app", Map.of("recursive", true)))
        .containsExactly("app-1.0", "base-1.0", "fortune-app-1.0", "lib-2.1", "tool-1.0");
    assertThat(conduit.warnings()).isEmpty();
  }

  @Test
  void aRecursiveCopyMeetsRichDependencies(@TempDir Path root) {
    InMemoryContent source =
        repo(
            root, "source", "base-1.0", "lib-1.0", "lib-2.1", "tool-1.0", "other-1.0", "fancy-1.0");
    InMemoryContent dest = repo(root, "dest");
    var conduit = dest.importConduit(source);

    // or: the first alternative; with: the newest lib below 2.0, which needs base; if: stray is
    // not there, so nowhere-lib is not needed.
    assertThat(copy(source, dest, conduit, "fancy", Map.of("recursive", true)))
        .containsExactly("base-1.0", "fancy-1.0", "lib-1.0", "tool-1.0");
    assertThat(conduit.warnings()).isEmpty();
  }

  @Test
  void aConservativeCopyCountsWhatTheDestinationHoldsAsMeetingARichDependency(@TempDir Path root) {
    InMemoryContent source =
        repo(
            root, "source", "base-1.0", "lib-1.0", "lib-2.1", "tool-1.0", "other-1.0", "fancy-1.0");
    InMemoryContent dest = repo(root, "dest", "other-1.0", "lib-1.0", "base-1.0");

    assertThat(copy(source, dest, "fancy", Map.of("recursive_conservative", true)))
        .containsExactly("base-1.0", "fancy-1.0", "lib-1.0", "other-1.0");
  }

  @Test
  void aRichDependencyNothingMeetsIsNamedWhole(@TempDir Path root) {
    InMemoryContent source = repo(root, "source", "fancy-1.0");
    InMemoryContent dest = repo(root, "dest");
    var conduit = dest.importConduit(source);

    assertThat(copy(source, dest, conduit, "fancy", Map.of("recursive", true)))
        .containsExactly("fancy-1.0");
    assertThat(conduit.warnings())
        .anySatisfy(w -> assertThat(w).startsWith("no package in the source meets (tool or other)"))
        .anySatisfy(
            w -> assertThat(w).startsWith("no package in the source meets (lib >= 1.0 with lib"))
        .noneSatisfy(w -> assertThat(w).contains("nowhere-lib"));
  }

  @Test
  void aNeedNothingMeetsDoesNotFailTheCopyAndIsNamedInAWarning(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest");
    var conduit = dest.importConduit(source);

    assertThat(copy(source, dest, conduit, "stray", Map.of("recursive", true)))
        .containsExactly("stray-1.0");
    assertThat(conduit.warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("no package in the source meets nowhere-lib")
        .endsWith("; copied without it");
  }
}
