package dev.depot.publish.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User-given local paths never reach the data directory, links followed, nor system directories.
 */
class LocalPathsTest {
  @TempDir Path dir;
  Path data;

  @org.junit.jupiter.api.AfterEach
  void noAllowlists() {
    LocalPaths.allowOnlyBelow(java.util.List.of(), java.util.List.of());
  }

  @BeforeEach
  void register() throws Exception {
    data = Files.createDirectories(dir.resolve("srv/depot-data"));
    Files.createDirectories(data.resolve("tls"));
    LocalPaths.registerPrivate(data);
  }

  @Test
  void theDataDirectoryItsInsideAndWhatHoldsItAreRefused() {
    assertThat(LocalPaths.refusedForReading(data.resolve("tls")))
        .get()
        .asString()
        .contains("inside");
    assertThat(LocalPaths.refusedForReading(data)).isPresent();
    assertThat(LocalPaths.refusedForReading(dir.resolve("srv")))
        .get()
        .asString()
        .contains("holds Depot's data directory");
    assertThat(LocalPaths.refusedForReading(data.resolve("tls/../../other"))).isEmpty();
    assertThat(LocalPaths.refusedForReading(dir.resolve("feeds/zoo"))).isEmpty();
  }

  @Test
  void aLinkIntoTheDataDirectoryIsFollowed() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("innocent"), data.resolve("tls"));

    assertThat(LocalPaths.refusedForReading(link))
        .get()
        .asString()
        .contains("once its links are followed");
    assertThat(LocalPaths.refusedForWriting(link.resolve("not-yet-made"))).isPresent();
  }

  @Test
  void systemDirectoriesAreNotWrittenInto() {
    assertThat(LocalPaths.refusedForWriting(Path.of("/etc/cron.d"))).isPresent();
    assertThat(LocalPaths.refusedForWriting(Path.of("/usr/local/bin"))).isPresent();
    assertThat(LocalPaths.refusedForWriting(Path.of("/"))).isPresent();
    assertThat(LocalPaths.refusedForWriting(Path.of("/srv"))).isPresent();
    assertThat(LocalPaths.refusedForWriting(Path.of("/srv/exports"))).isEmpty();
    assertThat(LocalPaths.refusedForWriting(dir.resolve("media"))).isEmpty();
    assertThat(LocalPaths.refusedForReading(Path.of("/etc/pki/repos"))).isEmpty();
  }

  @Test
  void theOperatorsAllowlistsLimitReadsAndWritesToBelowThem() throws Exception {
    Path imports = Files.createDirectories(dir.resolve("imports"));
    Path exports = Files.createDirectories(dir.resolve("exports"));
    Path escape =
        Files.createSymbolicLink(
            imports.resolve("elsewhere"), Files.createDirectories(dir.resolve("feeds")));
    LocalPaths.allowOnlyBelow(java.util.List.of(imports), java.util.List.of(exports));

    assertThat(LocalPaths.refusedForReading(imports.resolve("el9"))).isEmpty();
    assertThat(LocalPaths.refusedForReading(dir.resolve("feeds/zoo")))
        .get()
        .asString()
        .contains("allowed-import-paths");
    assertThat(LocalPaths.refusedForReading(escape)).as("a link out of it").isPresent();
    assertThat(LocalPaths.refusedForWriting(exports.resolve("media"))).isEmpty();
    assertThat(LocalPaths.refusedForWriting(imports))
        .get()
        .asString()
        .contains("allowed-export-paths");
    assertThat(LocalPaths.outsideAllowedWrites(Path.of("/etc/puppetlabs/code/modules")))
        .isPresent();
  }
}
