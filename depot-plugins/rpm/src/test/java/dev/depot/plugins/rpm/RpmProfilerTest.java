package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.UnitSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * yum_profiler judges module streams as dnf does: the packages of a stream apply only with that
 * stream enabled, a module the machine has no state for has its default stream enabled, and a
 * disabled module has none; a modular erratum's collection counts only with its stream.
 */
class RpmProfilerTest {
  private static final List<Map<String, Object>> INSTALLED =
      List.of(
          Map.of(
              "name", "mod-app", "epoch", "0", "version", "1.0", "release", "1", "arch", "noarch"));

  @TempDir Path dir;
  private InMemoryContent content;
  private final RpmProfiler profiler = new RpmProfiler();

  @BeforeEach
  void repository() {
    content = InMemoryContent.under(dir.resolve("store"), "stream");
    YumPublishing.addPackage(content, "mod-app", "0", "1.0", "1", "noarch");
    YumPublishing.addPackage(content, "mod-app", "0", "2.0", "1", "noarch");
    content.add(
        new UnitSpec(
            RpmTypes.MODULEMD,
            Map.of(
                "name", "greeter", "stream", "2", "version", "1", "context", "c", "arch", "noarch"),
            Map.of("artifacts", List.of("mod-app-0:2.0-1.noarch")),
            null),
        null);
    Map<String, Object> collection =
        Map.of(
            "name", "greeter:2",
            "module", Map.of("name", "greeter", "stream", "2"),
            "packages",
                List.of(
                    Map.of(
                        "name", "mod-app", "epoch", "0", "version", "2.0", "release", "1", "arch",
                        "noarch")));
    content.add(
        new UnitSpec(
            RpmTypes.ERRATUM, Map.of("id", "MOD-1"), Map.of("pkglist", List.of(collection)), null),
        null);
  }

  @Test
  void aStreamsPackagesAndErrataApplyOnlyWithTheStreamEnabled() {
    assertThat(applicable(null)).isEqualTo("rpm [] erratum []");
    assertThat(applicable(List.of(Map.of("name", "greeter", "stream", "2"))))
        .isEqualTo("rpm [mod-app-2.0] erratum [MOD-1]");
    assertThat(applicable(List.of(Map.of("name", "greeter", "stream", "3"))))
        .isEqualTo("rpm [] erratum []");
  }

  @Test
  void aModuleWithoutStateHasItsDefaultStreamUnlessDisabled() {
    content.add(
        new UnitSpec(
            RpmTypes.MODULEMD_DEFAULTS,
            Map.of("module", "greeter", "repo_id", "stream"),
            Map.of("stream", "2"),
            null),
        null);

    assertThat(applicable(null)).isEqualTo("rpm [mod-app-2.0] erratum [MOD-1]");
    assertThat(applicable(List.of(Map.of("name", "greeter", "state", "disabled"))))
        .isEqualTo("rpm [] erratum []");
  }

  @Test
  void aModulemdProfileIsCheckedByField() {
    assertThatThrownBy(() -> profiler.checkProfile("modulemd", List.of(Map.of("name", "g"))))
        .hasMessageContaining("profile[0].stream is missing");
    assertThatThrownBy(
            () -> profiler.checkProfile("modulemd", List.of(Map.of("name", "g", "state", "gone"))))
        .hasMessageContaining("profile[0].state must be enabled or disabled");
    assertThat(profiler.checkProfile("modulemd", List.of(Map.of("name", "g", "state", "disabled"))))
        .isEqualTo(List.of(Map.of("name", "g", "state", "disabled")));
  }

  /** What applies, as "rpm [name-version] erratum [id]". */
  private String applicable(List<Map<String, Object>> streams) {
    Map<String, Object> profiles =
        streams == null
            ? Map.of(RpmTypes.RPM, INSTALLED)
            : Map.of(RpmTypes.RPM, INSTALLED, RpmTypes.MODULEMD, streams);
    Map<String, List<Unit>> found = profiler.applicable(profiles, content.publishConduit("web"));
    return "rpm "
        + found.get(RpmTypes.RPM).stream()
            .map(u -> u.unitKey().get("name") + "-" + u.unitKey().get("version"))
            .toList()
        + " erratum "
        + found.get(RpmTypes.ERRATUM).stream().map(u -> u.unitKey().get("id")).toList();
  }
}
