package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.plugin.testkit.FeedServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulp's {@code retain_old_count} on a feed with three versions of a package: only the newest ones
 * are downloaded, and older versions the repository holds leave it.
 */
class YumSyncRetainTest {
  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    packages =
        List.of(
            TestRpms.build(built, "keep-lib", "1.0").rpm(),
            TestRpms.build(built, "keep-lib", "2.0").rpm(),
            TestRpms.build(built, "keep-lib", "10.0").rpm(), // newer than 2.0 in rpm's order
            TestRpms.build(built, "keep-app", "1.0").rpm());
  }

  static Path upstream(Path dir) throws Exception {
    Path packagesDir = Files.createDirectories(dir.resolve("Packages"));
    for (Path p : packages) {
      Files.copy(p, packagesDir.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }
    YumSyncTest.createrepo(dir);
    return dir;
  }

  static List<String> versions(InMemoryContent content) {
    return content.units().stream()
        .map(u -> u.unitKey().get("name") + "-" + u.unitKey().get("version"))
        .sorted()
        .toList();
  }

  @Test
  void onlyTheNewestVersionsAreDownloadedAndOlderOnesLeaveTheRepository(@TempDir Path dir)
      throws Exception {
    Path feed = upstream(dir.resolve("feed"));
    try (FeedServer server = FeedServer.serving(feed)) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("feed", server.url().toString());
      config.put("retain_old_count", 0);
      InMemoryContent newest = InMemoryContent.under(dir.resolve("store1"), "newest");
      SyncReport report = YumSyncTest.sync(newest, config);
      assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
      assertThat(versions(newest)).containsExactly("keep-app-1.0", "keep-lib-10.0");
      assertThat(server.gets("Packages/keep-lib-1.0-1.noarch.rpm")).isZero();
      assertThat(server.gets("Packages/keep-lib-2.0-1.noarch.rpm")).isZero();

      InMemoryContent all = InMemoryContent.under(dir.resolve("store2"), "all");
      config.remove("retain_old_count");
      assertThat(YumSyncTest.sync(all, config)).isInstanceOf(SyncReport.Synced.class);
      assertThat(versions(all)).hasSize(4);
      config.put("retain_old_count", 1);
      SyncReport pruned = YumSyncTest.sync(all, config);
      assertThat(pruned).isInstanceOf(SyncReport.Synced.class);
      assertThat(((SyncReport.Synced) pruned).removedCount()).isEqualTo(1);
      assertThat(versions(all)).containsExactly("keep-app-1.0", "keep-lib-10.0", "keep-lib-2.0");
    }
  }

  @Test
  void aNegativeCountIsRefusedNamingTheKey() {
    ValidationResult result =
        new YumImporter()
            .validateConfig(
                dev.depot.plugin.Repository.named("r1"),
                PluginCallConfiguration.of(Map.of("retain_old_count", -1)));
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).fields()).containsExactly("retain_old_count");
  }
}
