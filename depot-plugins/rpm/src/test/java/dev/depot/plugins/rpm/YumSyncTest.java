package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.FeedServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * yum_importer syncing repositories createrepo_c wrote (rpmbuild's packages), served over real HTTP
 * or read from a file:// feed: every compression a distribution uses, and the ways a feed can be
 * wrong.
 */
class YumSyncTest {
  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    TestRpms.Built app = TestRpms.build(built, "sync-app", "1.0", "sync-lib >= 1.0");
    TestRpms.Built lib = TestRpms.build(built, "sync-lib", "1.1");
    packages = List.of(app.rpm(), lib.rpm(), app.srpm());
  }

  /** A yum repository of the packages, as createrepo_c writes it with that compression. */
  static Path upstream(Path dir, String compression) throws Exception {
    return upstream(dir, compression, packages);
  }

  /** A yum repository of {@code files}, as createrepo_c writes it with that compression. */
  static Path upstream(Path dir, String compression, List<Path> files) throws Exception {
    Path packagesDir = Files.createDirectories(dir.resolve("Packages"));
    for (Path p : files) { // the same file times everywhere: createrepo_c writes them
      Files.copy(p, packagesDir.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }
    createrepo(dir, "--general-compress-type=" + (compression.equals("zstd") ? "gz" : compression));
    if (compression.equals("zstd")) { // Debian's createrepo_c has no zstd: recompress with zstd
      Path plain = dir.resolve("repodata/primary-plain.xml");
      Files.write(plain, primaryXml(dir).getBytes(StandardCharsets.UTF_8));
      TestRpms.run(dir, List.of("zstd", "-q", "--rm", plain.toString(), "-o", plain + ".zst"));
      replacePrimary(dir, "repodata/primary-plain.xml.zst");
    }
    return dir;
  }

  static void createrepo(Path dir, String... options) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(List.of("createrepo_c", "-q", "--no-database"));
    command.addAll(List.of(options));
    command.add(dir.toString());
    try {
      TestRpms.run(dir, command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The repository's primary.xml as text (createrepo_c's gzip-compressed one). */
  static String primaryXml(Path repo) throws Exception {
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(RepodataDocs.data(repo, "primary")))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Points repomd.xml's primary record at {@code href}, with that file's digest. */
  static void replacePrimary(Path repo, String href) throws Exception {
    String digest =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(repo.resolve(href))));
    Path repomd = repo.resolve("repodata/repomd.xml");
    String xml = Files.readString(repomd);
    int start = xml.indexOf("<data type=\"primary\">");
    int end = xml.indexOf("</data>", start);
    String record =
        xml.substring(start, end)
            .replaceFirst(
                "<checksum type=\"sha256\">[0-9a-f]+</checksum>",
                "<checksum type=\"sha256\">" + digest + "</checksum>")
            .replaceFirst("<location href=\"[^\"]+\"/>", "<location href=\"" + href + "\"/>");
    Files.writeString(repomd, xml.substring(0, start) + record + xml.substring(end));
  }

  /** Rewrites primary.xml (as plain XML) with {@code edit} applied. */
  static void editPrimary(Path repo, java.util.function.UnaryOperator<String> edit)
      throws Exception {
    Files.writeString(repo.resolve("repodata/primary.xml"), edit.apply(primaryXml(repo)));
    replacePrimary(repo, "repodata/primary.xml");
  }

  static PluginCallConfiguration config(Map<String, Object> config) {
    return PluginCallConfiguration.of(config);
  }

  static SyncReport sync(InMemoryContent content, Map<String, Object> config) {
    return new YumImporter()
        .syncRepo(
            content.taskRepository(), content.syncConduit(), PluginCallConfiguration.of(config));
  }

  static List<String> units(InMemoryContent content) {
    return content.units().stream()
        .map(u -> u.typeId() + " " + u.unitKey().get("name"))
        .sorted()
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "xz", "bz2", "zstd"})
  void syncsEachCompressionAndRepublishesWhatCreaterepoWrote(String compression, @TempDir Path dir)
      throws Exception {
    Path feed = upstream(dir.resolve("feed"), compression);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    try (FeedServer server = FeedServer.serving(feed)) {
      SyncReport report = sync(content, Map.of("feed", server.url().toString()));
      assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    }
    assertThat(units(content)).containsExactly("rpm sync-app", "rpm sync-lib", "srpm sync-app");
    Path tree = publish(content, dir.resolve("published"));
    Path reference = upstream(dir.resolve("reference"), "gz");
    for (String type : List.of("primary", "filelists", "other")) {
      assertThat(RepodataDocs.packages(RepodataDocs.data(tree, type)))
          .as(type)
          .hasSize(3)
          .isEqualTo(RepodataDocs.packages(RepodataDocs.data(reference, type)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "xz", "bz2", "zstd", "plain"})
  void metadataIsReadAsItsBytesSayNotItsName(String compression, @TempDir Path dir)
      throws Exception {
    Path feed = upstream(dir.resolve("feed"), compression.equals("plain") ? "gz" : compression);
    if (compression.equals("plain")) { // as a server that decodes .gz as a Content-Encoding
      Files.writeString(feed.resolve("repodata/misnamed.xml.gz"), primaryXml(feed));
      replacePrimary(feed, "repodata/misnamed.xml.gz");
    } else {
      Files.copy(RepodataDocs.data(feed, "primary"), feed.resolve("repodata/misnamed"));
      replacePrimary(feed, "repodata/misnamed");
    }
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(units(content)).containsExactly("rpm sync-app", "rpm sync-lib", "srpm sync-app");
  }

  @ParameterizedTest // type_skip_list and max_downloads: Pulp's names, as Katello sends them
  @ValueSource(strings = {"skip", "type_skip_list"})
  void aFileFeedSyncsAndSkipLeavesSourcePackagesOut(String skipKey, @TempDir Path dir)
      throws Exception {
    Path feed = upstream(dir.resolve("feed"), "gz");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("feed", feed.toUri().toString());
    config.put(skipKey, List.of("srpm"));
    config.put(skipKey.equals("skip") ? "num_threads" : "max_downloads", 2);
    assertThat(new YumImporter().validateConfig(content.repository(), config(config)))
        .isEqualTo(dev.depot.plugin.ValidationResult.valid());

    SyncReport report = sync(content, config);

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(units(content)).containsExactly("rpm sync-app", "rpm sync-lib");
  }

  @Test
  void metadataThatFailsItsDigestFailsTheSyncAndStoresNothing(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"), "gz");
    Path primary = RepodataDocs.data(feed, "primary");
    byte[] bytes = Files.readAllBytes(primary);
    bytes[bytes.length / 2] ^= 1;
    Files.write(primary, bytes);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString()).contains("primary.xml.gz has sha256").contains("repomd.xml says");
    assertThat(content.units()).isEmpty();
  }

  @Test
  void malformedPrimaryFailsTheSyncBeforeAnythingIsStored(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"), "gz");
    editPrimary(feed, xml -> xml.substring(0, xml.length() * 2 / 3));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString()).contains("primary.xml");
    assertThat(content.units()).isEmpty();
    assertThat(content.storedFiles()).isEmpty();
  }

  @Test
  void aLocationLeavingTheFeedAndAPackageOtherThanListedFailAlone(@TempDir Path dir)
      throws Exception {
    Path feed = upstream(dir.resolve("feed"), "gz");
    Files.copy(packages.get(1), dir.resolve("outside.rpm"));
    editPrimary(
        feed,
        xml ->
            xml.replace("href=\"Packages/sync-lib-1.1-1.noarch.rpm\"", "href=\"../outside.rpm\"")
                .replace(
                    "<name>sync-app</name>\n  <arch>src</arch>",
                    "<name>sync-other</name>\n  <arch>src</arch>"));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report;
    try (FeedServer server = FeedServer.serving(feed)) {
      report = sync(content, Map.of("feed", server.url().toString()));
    }

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString())
        .contains("sync-lib-1.1-1.noarch", "leaves the feed")
        .contains("sync-other", "its headers say sync-app-1.0-1.src.rpm");
    assertThat(units(content)).containsExactly("rpm sync-app");
    assertThat(content.storedFiles()).hasSize(1); // the refused package's download is not kept
  }

  @Test
  void anXmlBaseInsideTheFeedIsFollowedAndOneElsewhereRefused(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"), "gz");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    SyncReport report;
    try (FeedServer server = FeedServer.serving(feed)) {
      String inside = server.url().resolve("Packages/").toString();
      editPrimary(
          feed,
          xml ->
              xml.replace(
                      "<location href=\"Packages/sync-lib-1.1-1.noarch.rpm\"",
                      "<location xml:base=\"" + inside + "\" href=\"sync-lib-1.1-1.noarch.rpm\"")
                  .replace(
                      "<location href=\"Packages/sync-app-1.0-1.src.rpm\"",
                      "<location xml:base=\"http://elsewhere.example/\""
                          + " href=\"Packages/sync-app-1.0-1.src.rpm\""));
      report = sync(content, Map.of("feed", server.url().toString()));
    }

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString())
        .contains("sync-app-1.0-1.src", "xml:base (http://elsewhere.example/) outside the feed");
    assertThat(units(content)).containsExactly("rpm sync-app", "rpm sync-lib");
  }

  @Test
  void removeMissingMirrorsTheFeedAndResyncFetchesNothing(@TempDir Path dir) throws Exception {
    Path feed = upstream(dir.resolve("feed"), "gz");
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Path extra = TestRpms.build(dir, "sync-extra", "2.0").rpm();
    assertThat(
            new YumImporter()
                .uploadUnit(
                    content.repository(),
                    "rpm",
                    Map.of(),
                    Map.of(),
                    extra,
                    content.uploadConduit(),
                    PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(UploadReport.Imported.class);

    try (FeedServer server = FeedServer.serving(feed)) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("feed", server.url().toString());
      assertThat(sync(content, config)).isInstanceOf(SyncReport.Synced.class);
      assertThat(units(content)).contains("rpm sync-extra");
      int gets = server.gets("Packages/sync-app-1.0-1.noarch.rpm");

      config.put("remove_missing", true);
      assertThat(sync(content, config)).isInstanceOf(SyncReport.Synced.class);
      assertThat(units(content)).containsExactly("rpm sync-app", "rpm sync-lib", "srpm sync-app");
      assertThat(server.gets("Packages/sync-app-1.0-1.noarch.rpm")).isEqualTo(gets);
    }
  }

  private static Path publish(InMemoryContent content, Path root) {
    YumDistributor distributor = new YumDistributor();
    distributor.init(
        new Platform(
            root, URI.create("http://d.example/"), URI.create("https://d.example/"), "CA"));
    PublishReport report =
        distributor.publishRepo(
            content.repository(),
            content.publishConduit("web"),
            PluginCallConfiguration.of(Map.of("relative_url", "mirror", "http", true)));
    assertThat(report).isInstanceOf(PublishReport.Published.class);
    return root.resolve("http/repos/mirror");
  }
}
