package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploaded packages published as Pulp's yum tree, whose metadata says what createrepo_c says of the
 * same packages.
 */
class YumPublishTest {
  static final PluginCallConfiguration CONFIG =
      PluginCallConfiguration.of(Map.of("relative_url", "el/r1", "http", true));

  @TempDir static Path dir;
  static List<Path> packages;
  static Path reference;

  @BeforeAll
  static void buildAndIndex() throws Exception {
    TestRpms.Built hello =
        TestRpms.build(dir, "hello-depot", "1.2", "bash >= 4.0", "(pre): coreutils");
    TestRpms.Built zed = // requires createrepo_c leaves out: own files, own provides, repeats
        TestRpms.build(
            dir,
            "zed-tool",
            "0.9",
            "hello-depot = 1.2-1",
            "/usr/bin/zed-tool",
            "/usr/share/zed-tool/greeting.txt",
            "greeter-zed-tool = 2.0",
            "greeter-zed-tool >= 1.0",
            "(post): dup",
            "dup",
            "dup");
    packages = List.of(hello.rpm(), hello.srpm(), zed.rpm());
    reference = Files.createDirectories(dir.resolve("createrepo"));
    for (Path p : packages) {
      Files.copy(
          p, reference.resolve(p.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    TestRpms.run(dir, List.of("createrepo_c", "-q", "--no-database", reference.toString()));
  }

  private Path publish(Path root) {
    return publish(root, null, CONFIG);
  }

  /** Publishes the packages; {@code view}, when given, is the repository the distributor sees. */
  private Path publish(Path root, Repository view, PluginCallConfiguration config) {
    InMemoryContent content = InMemoryContent.under(root.resolve("store"), "r1");
    YumImporter importer = new YumImporter();
    for (Path p : packages) {
      String type = p.toString().endsWith(".src.rpm") ? RpmTypes.SRPM : RpmTypes.RPM;
      UploadReport report =
          importer.uploadUnit(
              content.repository(),
              type,
              Map.of(),
              Map.of(),
              p,
              content.uploadConduit(),
              PluginCallConfiguration.of(Map.of()));
      assertThat(report).as("upload of %s", p).isInstanceOf(UploadReport.Imported.class);
    }
    YumDistributor distributor = new YumDistributor();
    distributor.init(
        new Platform(
            root.resolve("published"),
            URI.create("http://d.example/"),
            URI.create("https://d.example/"),
            "CA PEM"));
    PublishReport report =
        distributor.publishRepo(
            view == null ? content.repository() : view, content.publishConduit("web"), config);
    assertThat(report).isInstanceOf(PublishReport.Published.class);
    return root.resolve("published/http/repos/el/r1");
  }

  @Test
  void primaryFilelistsAndOtherSayWhatCreaterepoSays(@TempDir Path root) throws Exception {
    Path tree = publish(root);
    for (String type : List.of("primary", "filelists", "other")) {
      Map<String, String> ours = RepodataDocs.packages(RepodataDocs.data(tree, type));
      Map<String, String> theirs = RepodataDocs.packages(RepodataDocs.data(reference, type));
      assertThat(ours)
          .as(type)
          .containsOnlyKeys("hello-depot.noarch", "hello-depot.src", "zed-tool.noarch");
      assertThat(ours).as(type).isEqualTo(theirs);
    }
    String hello =
        RepodataDocs.packages(RepodataDocs.data(tree, "primary")).get("hello-depot.noarch");
    assertThat(hello) // what the comparison above covers, so it cannot pass on empty elements
        .contains("<rpm:entry epoch=\"0\" flags=\"GE\" name=\"bash\" ver=\"4.0\">")
        .contains("<rpm:entry name=\"coreutils\" pre=\"1\">")
        .contains("<rpm:recommends>", "<rpm:conflicts>", "<rpm:obsoletes>", "<rpm:provides>")
        .contains("<rpm:header-range end=\"")
        .contains("<file>/usr/bin/hello-depot</file>")
        .doesNotContain("rpmlib(");
  }

  @Test
  void primaryCountsThePackagesStreamedEvenWhenTheRepositoryCountedOthers(@TempDir Path root)
      throws Exception {
    // The publish compresses primary as it goes, its root element written first from the
    // version's counts; a view counting otherwise (none here) must still give the right file,
    // listed again with the number found.
    Path tree = publish(root, Repository.named("r1"), CONFIG);
    Path primary = RepodataDocs.data(tree, "primary");
    assertThat(RepodataDocs.parse(primary).getDocumentElement().getAttribute("packages"))
        .isEqualTo("3");
    assertThat(RepodataDocs.packages(primary))
        .isEqualTo(RepodataDocs.packages(RepodataDocs.data(reference, "primary")));
    assertThat(primary.getFileName().toString())
        .startsWith(TestRpms.run(dir, List.of("sha256sum", primary.toString())).substring(0, 64));
    try (var files = Files.list(tree.resolve("repodata"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(".")))
          .as("temporary files left")
          .isEmpty();
    }
  }

  @Test
  void skippedTypesAreNeitherLinkedNorListed(@TempDir Path root) throws Exception {
    Path tree = publish(root, null, with(Map.of("skip", List.of("srpm", "erratum"))));
    Path primary = RepodataDocs.data(tree, "primary");
    assertThat(RepodataDocs.packages(primary))
        .containsOnlyKeys("hello-depot.noarch", "zed-tool.noarch");
    assertThat(RepodataDocs.parse(primary).getDocumentElement().getAttribute("packages"))
        .isEqualTo("2");
    assertThat(tree.resolve("Packages/h/hello-depot-1.2-1.src.rpm")).doesNotExist();
    assertThat(tree.resolve("Packages/h/hello-depot-1.2-1.noarch.rpm")).isRegularFile();
  }

  @Test
  void forceFullRebuildsATreeChangedByHandWhereARepublishTrustsIt(@TempDir Path root)
      throws Exception {
    for (boolean force : List.of(false, true)) {
      Path under = Files.createDirectories(root.resolve("force-" + force));
      Path first = publish(under).toRealPath(); // the tree the third publish takes over, renamed
      publish(under);
      Path link = first.resolve("Packages/z/zed-tool-0.9-1.noarch.rpm");
      Files.delete(link); // someone "cleaned up" an old tree

      Path tree = publish(under, null, force ? with(Map.of("force_full", true)) : CONFIG);

      assertThat(Files.exists(tree.resolve("Packages/z/zed-tool-0.9-1.noarch.rpm")))
          .as("link in the third publish, force_full=%s", force)
          .isEqualTo(force);
    }
  }

  private static PluginCallConfiguration with(Map<String, Object> more) {
    Map<String, Object> config = new java.util.HashMap<>(CONFIG.repoConfig());
    config.putAll(more);
    return PluginCallConfiguration.of(config);
  }

  @Test
  void packagesAreLinkedWherePrimarySaysAndRepomdMeasuresEachFile(@TempDir Path root)
      throws Exception {
    Path tree = publish(root);
    assertThat(tree.resolve("Packages/h/hello-depot-1.2-1.noarch.rpm"))
        .hasSameBinaryContentAs(packages.get(0));
    assertThat(tree.resolve("Packages/h/hello-depot-1.2-1.src.rpm")).isRegularFile();
    assertThat(tree.resolve("Packages/z/zed-tool-0.9-1.noarch.rpm")).isRegularFile();
    assertThat(root.resolve("published/https/repos/el/r1/repodata/repomd.xml")).isRegularFile();
    Path primary = RepodataDocs.data(tree, "primary");
    assertThat(primary.getFileName().toString())
        .matches("[0-9a-f]{64}-primary\\.xml\\.gz")
        .startsWith(TestRpms.run(dir, List.of("sha256sum", primary.toString())).substring(0, 64));
    var hrefs = RepodataDocs.parse(primary).getElementsByTagName("location");
    for (int i = 0; i < hrefs.getLength(); i++) {
      String href = ((org.w3c.dom.Element) hrefs.item(i)).getAttribute("href");
      assertThat(tree.resolve(href)).as(href).isRegularFile();
    }
    try (var files = Files.list(tree.resolve("repodata"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith("repomd")))
          .hasSize(3);
    }
  }

  /** Publishes an empty repository over the tree {@link #publish(Path)} wrote under root. */
  private static Path publishEmpty(Path root, PluginCallConfiguration config) throws Exception {
    InMemoryContent content = InMemoryContent.under(root.resolve("store"), "r1");
    assertThat(content.units()).isEmpty(); // a fresh repository: publishing it empties the tree
    YumDistributor distributor = new YumDistributor();
    distributor.init(
        new Platform(
            root.resolve("published"),
            URI.create("http://d.example/"),
            URI.create("https://d.example/"),
            "CA PEM"));
    distributor.publishRepo(content.repository(), content.publishConduit("web"), config);
    return root.resolve("published/http/repos/el/r1");
  }

  private static List<String> repodataFiles(Path tree) throws IOException {
    try (var files = Files.list(tree.resolve("repodata"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRepublishKeepsTheRepodataTheOldRepomdNamedForClientsStillReadingIt(@TempDir Path root)
      throws Exception {
    Path tree = publish(root);
    Path before = RepodataDocs.data(tree, "primary");
    List<String> old = repodataFiles(tree);

    publishEmpty(root, CONFIG);

    Path after = RepodataDocs.data(tree, "primary");
    assertThat(after).isNotEqualTo(before);
    assertThat(RepodataDocs.packages(after)).isEmpty();
    assertThat(RepodataDocs.packages(tree.resolve("repodata").resolve(before.getFileName())))
        .containsOnlyKeys("hello-depot.noarch", "hello-depot.src", "zed-tool.noarch");
    assertThat(repodataFiles(tree)).hasSize(7).containsAll(old.subList(0, 3));
    assertThat(tree.resolve("Packages/h/hello-depot-1.2-1.noarch.rpm")).doesNotExist();
  }

  @Test
  void oldRepodataGoesOnceOlderThanTheThresholdOrAtOnceWithThresholdZero(@TempDir Path root)
      throws Exception {
    Path tree = publish(root);
    Path before = RepodataDocs.data(tree, "primary");
    Files.setLastModifiedTime( // as if published 15 days ago: past Pulp's 14-day default
        before, FileTime.from(Instant.now().minus(Duration.ofDays(15))));
    publishEmpty(root, CONFIG);
    assertThat(repodataFiles(tree)).hasSize(6).doesNotContain(before.getFileName().toString());

    Path kept = Files.createDirectories(root.resolve("kept"));
    Path keptBefore = RepodataDocs.data(publish(kept), "primary");
    Files.setLastModifiedTime(keptBefore, FileTime.from(Instant.now().minus(Duration.ofDays(400))));
    Path keptTree = publishEmpty(kept, with(Map.of("remove_old_repodata", false)));
    assertThat(repodataFiles(keptTree)).hasSize(7).contains(keptBefore.getFileName().toString());

    Path now = Files.createDirectories(root.resolve("now"));
    publish(now);
    assertThat(repodataFiles(publishEmpty(now, with(Map.of("remove_old_repodata_threshold", 0)))))
        .hasSize(4);
  }
}
