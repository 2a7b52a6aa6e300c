package dev.depot.plugins.puppet;

import static dev.depot.plugins.puppet.PuppetSyncs.releases;
import static dev.depot.plugins.puppet.PuppetSyncs.sync;
import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.FeedServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** puppet_importer syncing from a directory holding a PULP_MANIFEST, over file:// and http://. */
class ManifestSyncTest {
  @TempDir Path dir;
  private Path feed;
  private InMemoryContent content;

  @BeforeEach
  void feed() throws Exception {
    feed = Files.createDirectories(dir.resolve("feed"));
    TestModules.module(feed, "acme", "web", "1.0.0");
    TestModules.module(feed, "acme", "base", "1.0.0");
    TestModules.module(feed, "other", "db", "2.0.0");
    writeManifest(feed);
    content = InMemoryContent.under(dir.resolve("server"));
  }

  @Test
  void syncsAFileDirectoryNamedByItselfOrByItsManifest() {
    assertThat(sync(content, feed.toUri(), Map.of())).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content))
        .containsExactly("acme-base-1.0.0", "acme-web-1.0.0", "other-db-2.0.0");

    InMemoryContent other = InMemoryContent.under(dir.resolve("other"));
    SyncReport report = sync(other, feed.resolve("PULP_MANIFEST").toUri(), Map.of());
    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(other)).hasSize(3);
    assertThat(((SyncReport.Synced) report).addedCount()).isEqualTo(3);
  }

  @Test
  void anHttpDirectoryIsReadAfterItsForgeQueryAnswers404() throws Exception {
    try (FeedServer server = FeedServer.serving(feed)) {
      assertThat(sync(content, server.url(), Map.of())).isInstanceOf(SyncReport.Synced.class);
      assertThat(releases(content)).hasSize(3);
      assertThat(server.gets("v3/releases")).isEqualTo(1);
      assertThat(server.gets("PULP_MANIFEST")).isEqualTo(1);

      InMemoryContent other = InMemoryContent.under(dir.resolve("other"));
      assertThat(sync(other, server.url() + "PULP_MANIFEST", Map.of()))
          .isInstanceOf(SyncReport.Synced.class);
      assertThat(server.gets("v3/releases"))
          .as("a manifest URL is not asked as a Forge")
          .isEqualTo(1);
      assertThat(releases(other)).hasSize(3);
    }
  }

  @Test
  void aFeedThatIsNeitherForgeNorDirectoryFailsSayingBoth() throws Exception {
    try (FeedServer server = FeedServer.serving(Files.createDirectories(dir.resolve("empty")))) {
      SyncReport report = sync(content, server.url(), Map.of());

      assertThat(report).isInstanceOf(SyncReport.Failed.class);
      assertThat(((SyncReport.Failed) report).errorMessage())
          .contains("neither a Puppet Forge")
          .contains("/v3/releases")
          .contains("PULP_MANIFEST");
    }
  }

  @Test
  void queriesChooseTarballsByFileNameBeforeDownloading() throws Exception {
    try (FeedServer server = FeedServer.serving(feed)) {
      SyncReport report = sync(content, server.url(), Map.of("queries", List.of("acme-web")));

      assertThat(report).isInstanceOf(SyncReport.Synced.class);
      assertThat(releases(content)).containsExactly("acme-web-1.0.0");
      assertThat(server.gets("acme-base-1.0.0.tar.gz")).isZero();
      assertThat(server.gets("other-db-2.0.0.tar.gz")).isZero();
    }
  }

  @Test
  void aFreeTextTermKeepsTheTarballsWhoseAuthorOrNameHoldsIt() throws Exception {
    // One tarball whose file name says nothing: downloaded, and judged by its metadata.json.
    Path zen = TestModules.module(dir.resolve("zen"), "zen", "tools", "0.1.0");
    Files.copy(zen, feed.resolve("bundle.tar.gz"));
    writeManifest(feed);
    try (FeedServer server = FeedServer.serving(feed)) {
      SyncReport report =
          sync(content, server.url(), Map.of("queries", List.of("WEB", "tool", "nosuch")));

      assertThat(report).isInstanceOf(SyncReport.Synced.class);
      assertThat(releases(content)).containsExactly("acme-web-1.0.0", "zen-tools-0.1.0");
      assertThat(server.gets("acme-base-1.0.0.tar.gz")).isZero();
      assertThat(server.gets("other-db-2.0.0.tar.gz")).isZero();
      assertThat(PuppetSyncs.text(report))
          .contains("query 'nosuch' matched no module of the feed")
          .doesNotContain("query 'tool'")
          .doesNotContain("query 'WEB'");
    }
  }

  @Test
  void aSecondSyncDownloadsNothing() throws Exception {
    try (FeedServer server = FeedServer.serving(feed)) {
      assertThat(sync(content, server.url(), Map.of())).isInstanceOf(SyncReport.Synced.class);
      SyncReport again = sync(content, server.url(), Map.of());

      assertThat(again).isInstanceOf(SyncReport.Synced.class);
      assertThat(server.gets("acme-web-1.0.0.tar.gz")).isEqualTo(1);
      assertThat(content.storedFiles()).hasSize(3);
    }
  }

  @Test
  void aSymlinkOutOfAFileFeedIsRefusedNamingIt() throws Exception {
    Path outside = TestModules.module(dir.resolve("secret"), "acme", "stolen", "1.0.0");
    Files.createSymbolicLink(feed.resolve("stolen.tar.gz"), outside);
    writeManifest(feed);

    SyncReport report = sync(content, feed.toUri(), Map.of());

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(PuppetSyncs.text(report)).contains("stolen.tar.gz").contains("symbolic link");
    assertThat(releases(content)).hasSize(3).doesNotContain("acme-stolen-1.0.0");
  }

  @Test
  void aTarballNotMatchingItsManifestLineFailsNamingIt() throws Exception {
    Path web = feed.resolve("acme-web-1.0.0.tar.gz");
    Files.write(
        web, TestModules.gzip(TestModules.tar(List.of()))); // after the manifest was written

    SyncReport report = sync(content, feed.toUri(), Map.of());

    assertThat(PuppetSyncs.text(report)).contains("acme-web-1.0.0.tar.gz");
    assertThat(releases(content)).containsExactly("acme-base-1.0.0", "other-db-2.0.0");
    assertThat(PuppetSyncs.storedNamed(content, "acme-web-1.0.0.tar.gz")).isEmpty();
  }

  @Test
  void aFeedOfferingAStoredReleaseWithOtherBytesFailsItAndKeepsTheStoredOne() throws Exception {
    assertThat(sync(content, feed.toUri(), Map.of())).isInstanceOf(SyncReport.Synced.class);
    Path stored = PuppetSyncs.storedNamed(content, "acme-web-1.0.0.tar.gz").getFirst();
    byte[] storedBytes = Files.readAllBytes(stored);
    Files.delete(feed.resolve("acme-web-1.0.0.tar.gz"));
    TestModules.module(feed, "acme", "web", "1.0.0", "acme-base"); // rebuilt, same version
    writeManifest(feed);

    SyncReport report = sync(content, feed.toUri(), Map.of("remove_missing", true));

    assertThat(PuppetSyncs.text(report))
        .contains("acme-web-1.0.0.tar.gz")
        .contains("acme-web-1.0.0 is stored already with other content");
    assertThat(releases(content)).contains("acme-web-1.0.0").hasSize(3);
    assertThat(PuppetSyncs.storedNamed(content, "acme-web-1.0.0.tar.gz")).containsExactly(stored);
    assertThat(stored).hasBinaryContent(storedBytes);
  }

  @Test
  void removeMissingTakesOutWhatTheManifestNoLongerLists() throws Exception {
    assertThat(sync(content, feed.toUri(), Map.of())).isInstanceOf(SyncReport.Synced.class);
    Files.delete(feed.resolve("acme-base-1.0.0.tar.gz"));
    writeManifest(feed);

    SyncReport report = sync(content, feed.toUri(), Map.of("remove_missing", true));

    assertThat(((SyncReport.Synced) report).removedCount()).isEqualTo(1);
    assertThat(releases(content)).containsExactly("acme-web-1.0.0", "other-db-2.0.0");
  }

  @Test
  void aManifestThatIsNotOneFailsTheSyncNamingTheLine() throws Exception {
    Files.writeString(feed.resolve("PULP_MANIFEST"), "acme-web-1.0.0.tar.gz,abc,12\n");

    SyncReport report = sync(content, feed.toUri(), Map.of());

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(((SyncReport.Failed) report).errorMessage()).contains("PULP_MANIFEST line 1");
  }

  /** Lists every tarball of the directory, as Pulp's pulp-manifest tool writes it. */
  static void writeManifest(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        if (file.getFileName().toString().endsWith(".tar.gz")) {
          byte[] bytes = Files.readAllBytes(file);
          String sha256 =
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
          lines.add(file.getFileName() + "," + sha256 + "," + bytes.length);
        }
      }
    }
    Files.write(dir.resolve("PULP_MANIFEST"), lines);
  }
}
