package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.InMemoryImportConduit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recursive copy meets a requirement of a file that primary.xml does not list: createrepo_c (and
 * Depot's own primary) list only the files under /etc and the bin directories, so a package
 * requiring {@code /usr/share/data/greeting.txt} is met by the package holding it only through its
 * filelists, as dnf and Pulp's libsolv copy met it. Packages built by rpmbuild ({@link TestRpms}:
 * each holds {@code /usr/share/<name>/greeting.txt} and the directory {@code /usr/share/<name>}).
 */
class RecursiveCopyFilesTest {
  @TempDir static Path dir;
  static RpmCopyFixture rpms;

  @BeforeAll
  static void build() throws Exception {
    rpms = new RpmCopyFixture(dir);
    rpms.build("data", "0.9");
    rpms.build("data", "1.0");
    rpms.build("docs", "1.0");
    rpms.build("app", "1.0", "/usr/share/data/greeting.txt");
    rpms.build("dirapp", "1.0", "/usr/share/docs");
    rpms.build("richapp", "1.0", " (/usr/share/docs/greeting.txt or nowhere-lib)");
    rpms.build("etcapp", "1.0", "/usr/share/nowhere/file.txt");
  }

  private static InMemoryContent repo(Path root, String id, String... packages) {
    return rpms.repo(root, id, packages);
  }

  private static InMemoryContent source(Path root) {
    return repo(
        root,
        "source",
        "data-0.9",
        "data-1.0",
        "docs-1.0",
        "app-1.0",
        "dirapp-1.0",
        "richapp-1.0",
        "etcapp-1.0");
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
  void aFileOnlyFilelistsListsIsMetByTheNewestPackageHoldingIt(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest");
    var conduit = dest.importConduit(source);

    assertThat(copy(source, dest, conduit, "app", Map.of("recursive", true)))
        .containsExactly("app-1.0", "data-1.0");
    assertThat(conduit.warnings()).isEmpty();
  }

  @Test
  void aDirectoryAndAFileInsideARichDependencyAreMetFromFilelistsToo(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dirDest = repo(root, "dir-dest");
    InMemoryContent richDest = repo(root, "rich-dest");
    var richConduit = richDest.importConduit(source);

    assertThat(copy(source, dirDest, dirDest.importConduit(source), "dirapp", recursive()))
        .containsExactly("dirapp-1.0", "docs-1.0");
    assertThat(copy(source, richDest, richConduit, "richapp", recursive()))
        .containsExactly("docs-1.0", "richapp-1.0");
    assertThat(richConduit.warnings()).isEmpty();
  }

  @Test
  void aConservativeCopyCountsAFileTheDestinationHoldsInItsFilelists(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest", "data-0.9");
    var conduit = dest.importConduit(source);

    assertThat(copy(source, dest, conduit, "app", Map.of("recursive_conservative", true)))
        .containsExactly("app-1.0", "data-0.9");
    assertThat(conduit.warnings()).isEmpty();
  }

  @Test
  void aFileNoPackageHoldsIsStillNamedInAWarning(@TempDir Path root) {
    InMemoryContent source = source(root);
    InMemoryContent dest = repo(root, "dest");
    var conduit = dest.importConduit(source);

    assertThat(copy(source, dest, conduit, "etcapp", recursive())).containsExactly("etcapp-1.0");
    assertThat(conduit.warnings())
        .containsExactly(
            "no package in the source meets /usr/share/nowhere/file.txt; copied without it");
  }

  private static Map<String, Object> recursive() {
    return Map.of("recursive", true);
  }
}
