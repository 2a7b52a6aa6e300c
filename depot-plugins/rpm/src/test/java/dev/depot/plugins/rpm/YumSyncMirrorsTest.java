package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.FeedServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed that is a mirrorlist or a metalink (as CentOS's and Fedora's mirror services answer) syncs
 * from the first mirror that serves the repository; a metalink's digest passes over a stale mirror;
 * a page that is neither fails as a wrong feed does.
 */
class YumSyncMirrorsTest {
  @TempDir static Path built;
  static List<Path> packages;
  static List<Path> older;

  @BeforeAll
  static void build() throws Exception {
    packages = List.of(TestRpms.build(built, "mirrored-app", "2.0").rpm());
    older = List.of(TestRpms.build(built.resolve("old"), "mirrored-app", "1.0").rpm());
  }

  private static Map<?, ?> metadata(SyncReport report) {
    return (Map<?, ?>) ((Map<?, ?>) ((SyncReport.Synced) report).summary()).get("metadata");
  }

  private static List<String> versions(InMemoryContent content) {
    return content.units().stream().map(u -> String.valueOf(u.unitKey().get("version"))).toList();
  }

  @Test
  void aMirrorlistLeadsToTheFirstMirrorServingTheRepository(@TempDir Path dir) throws Exception {
    YumSyncTest.upstream(dir.resolve("repo"), "gz", packages);
    try (FeedServer server = FeedServer.serving(dir)) {
      Files.writeString(
          dir.resolve("mirrorlist"),
          "# mirrors near you\n" + server.url() + "gone/\n\n" + server.url() + "repo/\n");
      InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

      SyncReport report =
          YumSyncTest.sync(content, Map.of("feed", server.url() + "mirrorlist?release=9"));

      assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
      assertThat(metadata(report).get("mirror")).isEqualTo(server.url() + "repo/");
      assertThat(versions(content)).containsExactly("2.0");
    }
  }

  @Test
  void aMetalinkPassesOverAMirrorWhoseRepomdIsNotTheOneItNames(@TempDir Path dir) throws Exception {
    Path repo = YumSyncTest.upstream(dir.resolve("repo"), "gz", packages);
    YumSyncTest.upstream(dir.resolve("stale"), "gz", older);
    String digest = MetadataFiles.digestOf(repo.resolve("repodata/repomd.xml"), "repomd", "sha256");
    try (FeedServer server = FeedServer.serving(dir)) {
      Files.writeString(
          dir.resolve("metalink"),
          """
          <?xml version="1.0" encoding="utf-8"?>
          <metalink version="3.0" xmlns="http://www.metalinker.org/" type="dynamic">
           <files>
            <file name="repomd.xml">
             <verification>
              <hash type="md5">00</hash>
              <hash type="sha256">%s</hash>
             </verification>
             <resources maxconnections="1">
              <url protocol="rsync" preference="100">rsync://mirror.example/repo/repodata/repomd.xml</url>
              <url protocol="http" preference="90">%sstale/repodata/repomd.xml</url>
              <url protocol="http" preference="80">%srepo/repodata/repomd.xml</url>
             </resources>
            </file>
           </files>
          </metalink>
          """
              .formatted(digest, server.url(), server.url()));
      InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

      SyncReport report =
          YumSyncTest.sync(
              content, Map.of("feed", server.url() + "metalink?repo=el-9&arch=noarch"));

      assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
      assertThat(metadata(report).get("mirror")).isEqualTo(server.url() + "repo/");
      assertThat(versions(content)).containsExactly("2.0");
      assertThat(server.gets("stale/repodata/repomd.xml")).isEqualTo(1); // tried, passed over
    }
  }

  @Test
  void aPageThatIsNeitherARepositoryNorAListFailsTheSync(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.html"), "<html><body>Mirrors</body></html>\n");
    try (FeedServer server = FeedServer.serving(dir)) {
      InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

      SyncReport report = YumSyncTest.sync(content, Map.of("feed", server.url() + "index.html"));

      assertThat(report).isInstanceOf(SyncReport.Failed.class);
      assertThat(report.toString()).contains("repodata/repomd.xml", "404");
      assertThat(content.units()).isEmpty();
    }
  }

  @Test
  void theFeedsCredentialsNeverGoToMirrorsOnOtherServers(@TempDir Path dir) throws Exception {
    YumSyncTest.upstream(dir.resolve("repo"), "gz", packages);
    try (FeedServer server = FeedServer.serving(dir)) {
      String elsewhere = server.url().toString().replace("127.0.0.1", "localhost");
      Files.writeString(dir.resolve("mirrorlist"), elsewhere + "repo/\n");
      InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

      SyncReport report =
          YumSyncTest.sync(
              content,
              Map.of(
                  "feed",
                  server.url() + "mirrorlist",
                  "basic_auth_username",
                  "ops",
                  "basic_auth_password",
                  "secret"));

      assertThat(report).isInstanceOf(SyncReport.Failed.class);
      assertThat(report.toString()).contains("basic_auth credentials").doesNotContain("secret");
      assertThat(server.gets("repo/repodata/repomd.xml")).isZero();
    }
  }
}
