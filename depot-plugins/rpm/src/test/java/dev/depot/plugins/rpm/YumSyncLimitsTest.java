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
 * A feed cannot make a sync download without bound: repomd.xml is cut off at {@link
 * RemoteRepomd#MAX_SIZE} as it arrives (the metadata files it lists at {@link
 * MetadataFiles#MAX_SIZE}, too large to test here).
 */
class YumSyncLimitsTest {
  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    packages = List.of(TestRpms.build(built, "bounded-app", "1.0").rpm());
  }

  @Test
  void aRepomdOverItsCapIsRefused(@TempDir Path dir) throws Exception {
    Path repo = YumSyncTest.upstream(dir.resolve("repo"), "gz", packages);
    Path repomd = repo.resolve("repodata/repomd.xml");
    String padding = "<!--" + "x".repeat((int) RemoteRepomd.MAX_SIZE) + "-->\n";
    Files.writeString(repomd, Files.readString(repomd).replaceFirst("\n", "\n" + padding));
    try (FeedServer server = FeedServer.serving(dir)) {
      InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "bounded");

      SyncReport report = YumSyncTest.sync(content, Map.of("feed", server.url() + "repo/"));

      assertThat(report).isInstanceOf(SyncReport.Failed.class);
      assertThat(report.toString())
          .contains("repomd.xml", "larger than the " + RemoteRepomd.MAX_SIZE + " bytes");
    }
  }
}
