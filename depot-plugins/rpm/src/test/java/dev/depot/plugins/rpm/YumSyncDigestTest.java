package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.FeedServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * yum_importer and the package digests primary.xml gives: a package whose bytes are not what
 * primary says fails alone, with or without {@code validate}; repositories createrepo_c wrote with
 * SHA-1 or SHA-512 sync, keyed by that digest, and a resync downloads nothing. And the kinds of
 * metadata a sync does not bring are named in its report.
 */
class YumSyncDigestTest {
  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    TestRpms.Built app = TestRpms.build(built, "digest-app", "1.0");
    TestRpms.Built lib = TestRpms.build(built, "digest-lib", "2.0");
    packages = List.of(app.rpm(), lib.rpm(), app.srpm());
  }

  static Path upstream(Path dir, String... createrepoOptions) throws Exception {
    Path packagesDir = Files.createDirectories(dir.resolve("Packages"));
    for (Path p : packages) {
      Files.copy(p, packagesDir.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }
    YumSyncTest.createrepo(dir, createrepoOptions);
    return dir;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aPackageWhoseBytesAreNotPrimarysFailsAloneTheOthersLand(boolean validate, @TempDir Path dir)
      throws Exception {
    Path feed = upstream(dir.resolve("feed"));
    String libSha256 = PackageDigest.of(packages.get(1), "sha256");
    String wrong = "0".repeat(64);
    YumSyncTest.editPrimary(feed, xml -> xml.replace(libSha256, wrong));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report;
    try (FeedServer server = FeedServer.serving(feed)) {
      report =
          YumSyncTest.sync(content, Map.of("feed", server.url().toString(), "validate", validate));
    }

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString())
        .contains("digest-lib-2.0-1.noarch")
        // Checked as it downloads whatever validate says: the content store is shared.
        .contains("SHA-256 " + libSha256 + ", expected " + wrong);
    assertThat(YumSyncTest.units(content)).containsExactly("rpm digest-app", "srpm digest-app");
    assertThat(content.storedFiles()).hasSize(2); // the refused download is not kept
  }

  @ParameterizedTest
  @ValueSource(strings = {"1/../../../../x", "1\\..\\x"})
  void aPackageWhoseFileNameLeavesItsDirectoryIsRefusedUndownloaded(
      String release, @TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"));
    YumSyncTest.editPrimary(
        feed,
        xml ->
            xml.replace(
                "<version epoch=\"0\" ver=\"2.0\" rel=\"1\"/>",
                "<version epoch=\"0\" ver=\"2.0\" rel=\"" + release + "\"/>"));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString())
        .contains("digest-lib-2.0-" + release + ".noarch.rpm")
        .contains("no file name a yum repository publishes")
        .doesNotContain("Exception");
    assertThat(YumSyncTest.units(content)).containsExactly("rpm digest-app", "srpm digest-app");
    assertThat(content.storedFiles()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha1", "sha512"})
  void aRepositoryGivingAnotherShaSyncsKeyedByItAndResyncFetchesNothing(
      String digest, @TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"), "--checksum=" + digest);
    assertThat(YumSyncTest.primaryXml(feed)).contains("<checksum type=\"" + digest + "\"");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    try (FeedServer server = FeedServer.serving(feed)) {
      Map<String, Object> config = Map.of("feed", server.url().toString());
      SyncReport report = YumSyncTest.sync(content, config);
      assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
      String lib = "Packages/" + packages.get(1).getFileName();
      assertThat(server.gets(lib)).isEqualTo(1);

      assertThat(YumSyncTest.sync(content, config)).isInstanceOf(SyncReport.Synced.class);
      assertThat(server.gets(lib)).isEqualTo(1);
    }
    assertThat(YumSyncTest.units(content))
        .containsExactly("rpm digest-app", "rpm digest-lib", "srpm digest-app");
    for (var unit : content.units()) {
      Path file = unit.storagePath();
      assertThat(unit.unitKey())
          .containsEntry("checksumtype", digest)
          .containsEntry("checksum", PackageDigest.of(file, digest));
    }
  }

  @Test
  void kindsOfMetadataTheSyncDoesNotBringAreNamedInItsReport(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"));
    Path deltas = Files.writeString(dir.resolve("prestodelta.xml"), "<prestodelta/>\n");
    TestRpms.run(
        dir,
        List.of("modifyrepo_c", "--mdtype=prestodelta", deltas.toString(), feed + "/repodata"));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    Map<?, ?> metadata =
        (Map<?, ?>) ((Map<?, ?>) ((SyncReport.Synced) report).summary()).get("metadata");
    assertThat(metadata.get("not_synced")).isEqualTo(List.of("prestodelta"));
    assertThat(YumSyncTest.units(content)).hasSize(3);
  }

  @Test
  void anMd5PackageFailsAloneAndAnUnknownRepomdDigestFailsTheSync(@TempDir Path dir)
      throws Exception {
    Path feed = upstream(dir.resolve("feed"));
    String libSha256 = PackageDigest.of(packages.get(1), "sha256");
    YumSyncTest.editPrimary(
        feed,
        xml ->
            xml.replace(
                "<checksum type=\"sha256\" pkgid=\"YES\">" + libSha256,
                "<checksum type=\"md5\" pkgid=\"YES\">" + libSha256.substring(0, 32)));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report.toString())
        .contains("digest-lib-2.0-1.noarch", "gives it a md5 checksum, which Depot does not take");
    assertThat(YumSyncTest.units(content)).containsExactly("rpm digest-app", "srpm digest-app");

    Path repomd = feed.resolve("repodata/repomd.xml");
    Files.writeString(
        repomd,
        Files.readString(repomd)
            .replaceFirst("(<data type=\"primary\">\\s*<checksum type=\")sha256", "$1crc32"));
    InMemoryContent other = InMemoryContent.under(dir.resolve("store2"), "mirror");
    SyncReport unknown = YumSyncTest.sync(other, Map.of("feed", feed.toUri().toString()));
    assertThat(unknown).isInstanceOf(SyncReport.Failed.class);
    assertThat(unknown.toString()).contains("unknown checksum type 'crc32'");
    assertThat(other.units()).isEmpty();
  }

  @Test
  void aPackageThatFailsItsChecksumLeavesItsBytesLeftNotDone(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"));
    // Same size, other bytes: it downloads whole, then fails its checksum.
    Path lib = feed.resolve("Packages/" + packages.get(1).getFileName());
    byte[] bytes = Files.readAllBytes(lib);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(lib, bytes);
    try (FeedServer server = FeedServer.serving(feed)) {
      InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

      SyncReport report = YumSyncTest.sync(content, Map.of("feed", server.url().toString()));

      assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Failed.class);
      assertThat(server.gets("Packages/" + lib.getFileName())).isPositive();
      Map<?, ?> progress = (Map<?, ?>) ((Map<?, ?>) report.summary()).get("content");
      assertThat(progress.get("size_left")).isEqualTo((long) bytes.length);
      long total = 0;
      for (Path p : packages) {
        total += Files.size(p);
      }
      assertThat(((Number) progress.get("size_total")).longValue()).isEqualTo(total);
    }
  }

  @Test
  void aSecondRepositoryOnTheSameStoreDownloadsNothing(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"), "--checksum=sha512");
    try (FeedServer server = FeedServer.serving(feed)) {
      Map<String, Object> config = Map.of("feed", server.url().toString());
      InMemoryContent first = InMemoryContent.under(dir.resolve("store"), "first");
      assertThat(YumSyncTest.sync(first, config)).isInstanceOf(SyncReport.Synced.class);
      String lib = "Packages/" + packages.get(1).getFileName();
      assertThat(server.gets(lib)).isEqualTo(1);

      InMemoryContent second = InMemoryContent.under(dir.resolve("store"), "second");
      SyncReport report = YumSyncTest.sync(second, config);

      assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
      assertThat(server.gets(lib)).isEqualTo(1);
      assertThat(YumSyncTest.units(second)).isEqualTo(YumSyncTest.units(first)).hasSize(3);
    }
  }

  @Test
  void aPackagePrimaryListsTwiceIsStoredOnce(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"));
    YumSyncTest.editPrimary(
        feed,
        xml -> {
          int start = xml.indexOf("<package type=\"rpm\">");
          int end = xml.indexOf("</package>", start) + "</package>".length();
          String twice = xml.substring(start, end) + "\n" + xml.substring(start, end);
          return xml.substring(0, start)
              + twice
              + xml.substring(end).replaceFirst("packages=\"3\"", "packages=\"4\"");
        });
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report;
    try (FeedServer server = FeedServer.serving(feed)) {
      report = YumSyncTest.sync(content, Map.of("feed", server.url().toString()));
    }

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(YumSyncTest.units(content))
        .containsExactly("rpm digest-app", "rpm digest-lib", "srpm digest-app");
  }
}
