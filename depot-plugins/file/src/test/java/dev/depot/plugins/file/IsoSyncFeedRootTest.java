package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.FeedServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An http feed's PULP_MANIFEST names files in the feed's directory, never elsewhere on its host.
 */
class IsoSyncFeedRootTest {
  @TempDir Path dir;

  @Test
  void aNameWithAColonIsFetchedFromTheFeedDirectoryNotTheHostsRoot() throws Exception {
    Path www = Files.createDirectories(dir.resolve("www"));
    Path feed = Files.createDirectories(www.resolve("feed"));
    byte[] secret = "another site's file\n".getBytes();
    Files.write(Files.createDirectories(www.resolve("private")).resolve("secret.txt"), secret);
    byte[] plain = "a:b\n".getBytes();
    Files.write(feed.resolve("a:b.iso"), plain);
    Files.writeString(
        feed.resolve("PULP_MANIFEST"),
        line("x:/private/secret.txt", secret) + line("a:b.iso", plain));
    InMemoryContent content = InMemoryContent.under(dir.resolve("server"));

    try (FeedServer server = FeedServer.serving(www)) {
      IsoImporter importer = new IsoImporter();
      importer.init(Platform.publishingUnder(dir.resolve("publish")));
      SyncReport report =
          importer.syncRepo(
              content.taskRepository(),
              content.syncConduit(),
              PluginCallConfiguration.of(Map.of("feed", server.url() + "feed/")));

      assertThat(server.gets("private/secret.txt")).as("read outside the feed").isZero();
      assertThat(report.toString()).contains("x:/private/secret.txt");
      assertThat(content.unitsHolding(secret)).isEmpty();
      // A colon is an ordinary character of a file name: such a file in the feed syncs.
      assertThat(content.unitsHolding(plain)).hasSize(1);
    }
  }

  private static String line(String name, byte[] bytes) throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return name + "," + sha + "," + bytes.length + "\n";
  }
}
