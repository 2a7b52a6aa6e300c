package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package rebuilt (or signed again) upstream under the same NEVRA: the sync brings the feed's
 * build and the repository lets the other go, so the next publish lists one package per NEVRA (two
 * would fail it, both wanting one file name), without {@code remove_missing}.
 */
class YumSyncRebuiltPackageTest {
  @Test
  void theFeedsNewBuildOfANevraReplacesTheHeldOne(@TempDir Path dir) throws Exception {
    Path first = TestRpms.build(dir.resolve("a"), "rebuilt", "1.0").rpm();
    Path other = TestRpms.build(dir.resolve("a"), "other", "1.0").rpm();
    Path second = TestRpms.build(dir.resolve("b"), "rebuilt", "1.0", "bash").rpm();
    assertThat(Files.mismatch(first, second)).as("two builds").isNotEqualTo(-1);
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", List.of(first, other));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Map<String, Object> config = Map.of("feed", feed.toUri().toString());
    assertThat(YumSyncTest.sync(content, config)).isInstanceOf(SyncReport.Synced.class);
    String held = checksumOf(content, "rebuilt");
    YumPublishing.publish(content, dir.resolve("pub"), "el");

    Files.copy(
        second,
        feed.resolve("Packages").resolve(first.getFileName()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    YumSyncTest.createrepo(feed);
    SyncReport report = YumSyncTest.sync(content, config);

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(YumSyncTest.units(content)).containsExactly("rpm other", "rpm rebuilt");
    assertThat(checksumOf(content, "rebuilt")).isNotEqualTo(held);
    Path served = YumPublishing.publish(content, dir.resolve("pub"), "el");
    assertThat(served.resolve(YumPublish.location("rebuilt-1.0-1.noarch.rpm")))
        .hasSameBinaryContentAs(second);
    assertThat(RepodataDocs.packages(RepodataDocs.data(served, "primary")))
        .containsOnlyKeys("rebuilt.noarch", "other.noarch");
  }

  private static String checksumOf(InMemoryContent content, String name) {
    return content.units().stream()
        .filter(u -> name.equals(u.unitKey().get("name")))
        .map(Unit::unitKey)
        .map(k -> String.valueOf(k.get("checksum")))
        .findFirst()
        .orElseThrow();
  }
}
