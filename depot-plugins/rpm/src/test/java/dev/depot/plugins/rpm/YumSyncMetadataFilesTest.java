package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata a feed lists beyond what Depot reads (a product id added by modifyrepo_c) is carried as
 * a {@code yum_repo_metadata_file} unit and published as the feed had it; a changed file replaces
 * the old one, {@code remove_missing} drops one the feed no longer lists, {@code skip} leaves it.
 */
class YumSyncMetadataFilesTest {
  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    packages = List.of(TestRpms.build(built, "carried-app", "1.0").rpm());
  }

  private static void productid(Path dir, Path feed, String text) throws Exception {
    Path file = Files.writeString(dir.resolve("productid"), text);
    TestRpms.run(
        dir, List.of("modifyrepo_c", "--mdtype=productid", file.toString(), feed + "/repodata"));
  }

  @Test
  void aProductIdIsSyncedPublishedAndReplacedWhenTheFeedChangesIt(@TempDir Path dir)
      throws Exception {
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", packages);
    productid(dir, feed, "product certificate 1\n");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Map<String, Object> config = Map.of("feed", feed.toUri().toString(), "remove_missing", true);

    SyncReport report = YumSyncTest.sync(content, config);

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    Map<?, ?> metadata =
        (Map<?, ?>) ((Map<?, ?>) ((SyncReport.Synced) report).summary()).get("metadata");
    assertThat(metadata.get("not_synced")).as("nothing left unsynced").isNull();
    Unit carried = only(content);
    assertThat(carried.unitKey()).containsEntry("data_type", "productid");
    assertThat(carried.metadata()).containsEntry("file_name", "productid.gz");
    assertThat(publishedProductId(content, dir.resolve("pub1")))
        .isEqualTo("product certificate 1\n");

    productid(dir, feed, "product certificate 2\n");
    assertThat(YumSyncTest.sync(content, config)).isInstanceOf(SyncReport.Synced.class);

    Unit replaced = only(content);
    assertThat(replaced.unitKey().get("checksum")).isNotEqualTo(carried.unitKey().get("checksum"));
    assertThat(carried.storagePath()).hasSize(Files.size(carried.storagePath())); // still stored
    assertThat(publishedProductId(content, dir.resolve("pub2")))
        .isEqualTo("product certificate 2\n");

    TestRpms.run(dir, List.of("modifyrepo_c", "--remove", "productid", feed + "/repodata"));
    assertThat(YumSyncTest.sync(content, config)).isInstanceOf(SyncReport.Synced.class);
    assertThat(carriedUnits(content)).isEmpty();
  }

  @Test
  void skipLeavesMetadataFilesOutAndTheReportNamesThem(@TempDir Path dir) throws Exception {
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", packages);
    productid(dir, feed, "product certificate\n");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report =
        YumSyncTest.sync(
            content,
            Map.of("feed", feed.toUri().toString(), "skip", List.of("yum_repo_metadata_file")));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    Map<?, ?> metadata =
        (Map<?, ?>) ((Map<?, ?>) ((SyncReport.Synced) report).summary()).get("metadata");
    assertThat(metadata.get("not_synced")).isEqualTo(List.of("productid"));
    assertThat(carriedUnits(content)).isEmpty();
    assertThat(YumSyncTest.units(content)).containsExactly("rpm carried-app");
  }

  @Test
  void aMetadataFileNamedOutsideRepodataIsRefusedAndNothingStored() {
    assertThat(RepoMetadataFiles.fileName("repodata/0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d-productid.gz"))
        .isEqualTo("productid.gz");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RepoMetadataFiles.fileName("repodata/.."))
        .hasMessageContaining("will not store");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RepoMetadataFiles.fileName("repodata/.hidden"))
        .hasMessageContaining("will not store");
  }

  private static List<Unit> carriedUnits(InMemoryContent content) {
    return content.units().stream()
        .filter(u -> u.typeId().equals(RpmTypes.REPO_METADATA_FILE))
        .toList();
  }

  private static Unit only(InMemoryContent content) {
    List<Unit> units = carriedUnits(content);
    assertThat(units).hasSize(1);
    return units.get(0);
  }

  /** Publishes the repository and answers its productid's text as dnf would read it. */
  private static String publishedProductId(InMemoryContent content, Path pub) throws Exception {
    Path file = RepodataDocs.data(YumPublishing.publish(content, pub, "m"), "productid");
    assertThat(file.getFileName().toString()).endsWith("-productid.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
