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
}
