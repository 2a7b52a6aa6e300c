package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.UnitSpec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish that takes over an earlier tree brings it up to date from the changes since: its
 * primary, filelists and other are the very bytes a full publish of the same packages writes (what
 * it copied and what it compressed again), gunzip and repomd.xml agree with them, and the links
 * follow the packages.
 */
class YumChangePublishTest {
  private static final PluginCallConfiguration CONFIG =
      PluginCallConfiguration.of(Map.of("relative_url", "el/changes", "http", true));
  private static final PluginCallConfiguration FULL =
      PluginCallConfiguration.of(
          Map.of("relative_url", "el/changes", "http", true, "force_full", true));

  private static final PluginCallConfiguration ELSEWHERE_FULL =
      PluginCallConfiguration.of(
          Map.of("relative_url", "el/full", "http", true, "force_full", true));

  @TempDir Path root;
  private InMemoryContent content;
  private YumDistributor distributor;
  private final Random random = new Random(7);
  private int made;

  @BeforeEach
  void start() {
    content = InMemoryContent.under(root.resolve("store"), "r1");
    distributor = YumPublishing.distributor(root.resolve("published"));
  }

  @Test
  void aPublishAfterAChangeWritesWhatAFullPublishWrites() throws Exception {
    List<Unit> units = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      units.add(addPackage(i % 25 == 0 ? RpmTypes.SRPM : RpmTypes.RPM));
    }
    assertThat(publish(CONFIG)).containsEntry("mode", "full");
    assertThat(publish(CONFIG)).containsEntry("mode", "full"); // nothing to take over yet

    // Removed here and there (the first and the last among them), added in between.
    for (int i : List.of(0, 1, 2, 50, 51, 120, 200, 299)) {
      content.remove(units.get(i));
    }
    for (int i = 0; i < 9; i++) {
      addPackage(i == 4 ? RpmTypes.SRPM : RpmTypes.RPM);
    }
    Map<String, Object> report = publish(CONFIG);
    assertThat(report).containsEntry("mode", "changes").containsEntry("packages_published", 301L);
    Map<String, Digests> merged = repodata();
    assertPublishedAsTheUnitsSay(merged);

    // Twice more: a tree that was itself merged is taken over as well.
    for (int i : List.of(3, 150, 151, 152, 298)) {
      content.remove(units.get(i));
    }
    addPackage(RpmTypes.RPM);
    assertThat(publish(CONFIG)).containsEntry("mode", "changes");
    assertThat(publish(CONFIG)).containsEntry("mode", "changes"); // no change since
    Map<String, Digests> again = repodata();
    assertPublishedAsTheUnitsSay(again);

    assertThat(publish(FULL)).containsEntry("mode", "full");
    assertThat(repodata()).as("a full publish writes the same bytes").isEqualTo(again);
  }

  @Test
  void roundsOfRandomChangesGiveWhatAFullPublishGives() throws Exception {
    List<Unit> units = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      units.add(addPackage(i % 30 == 0 ? RpmTypes.SRPM : RpmTypes.RPM));
    }
    publish(CONFIG);
    for (int round = 0; round < 8; round++) {
      for (int i = 0; i < 25; i++) {
        content.remove(units.remove(random.nextInt(units.size())));
      }
      for (int i = random.nextInt(30); i > 0; i--) {
        units.add(addPackage(random.nextInt(10) == 0 ? RpmTypes.SRPM : RpmTypes.RPM));
      }
      Map<String, Object> report = publish(CONFIG);
      assertThat(report.get("mode")).isEqualTo(round == 0 ? "full" : "changes");
      Map<String, Digests> merged = repodata();
      assertPublishedAsTheUnitsSay(merged);
      publish(ELSEWHERE_FULL, "full-web");
      assertThat(repodata(elsewhere()))
          .as("round %d: the bytes a full publish writes", round)
          .isEqualTo(merged);
    }
  }

  @Test
  void aTreeShowingAVersionNoLongerKeptIsPublishedInFull() throws Exception {
    for (int i = 0; i < 40; i++) {
      addPackage(RpmTypes.RPM);
    }
    publish(CONFIG);
    long first = content.recordVersion();
    publish(CONFIG);
    content.remove(content.units().getFirst());
    addPackage(RpmTypes.RPM);
    content.forgetVersion(first);

    assertThat(publish(CONFIG)).containsEntry("mode", "full");
    assertPublishedAsTheUnitsSay(repodata());
  }

  @Test
  void aTreeWithoutTheYumIndexOfThisVersionIsRebuiltAndSaysWhy() throws Exception {
    for (int i = 0; i < 20; i++) {
      addPackage(RpmTypes.RPM);
    }
    publish(CONFIG);
    addPackage(RpmTypes.RPM);
    publish(CONFIG);
    // What a tree published by an earlier Depot has: an index, but no yum summary beside it.
    try (Stream<Path> files = Files.walk(root.resolve("published"))) {
      for (Path summary :
          files.filter(f -> f.getFileName().toString().endsWith(".index-yum-summary")).toList()) {
        Files.delete(summary);
      }
    }
    content.remove(content.units().getFirst());

    Map<String, Object> report = publish(CONFIG);
    assertThat(report).containsEntry("mode", "full");
    assertThat(String.valueOf(report.get("rebuilt_because"))).contains("no yum index");
    assertPublishedAsTheUnitsSay(repodata());
    addPackage(RpmTypes.RPM);
    assertThat(publish(CONFIG)).as("the other old tree").containsEntry("mode", "full");
    addPackage(RpmTypes.RPM);
    assertThat(publish(CONFIG)).as("the tree it wrote is used").containsEntry("mode", "changes");
  }

  @Test
  void publishingUnchangedPackagesAgainLeavesRepomdAsItWasWhateverTheTreeBuiltFrom()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      addPackage(RpmTypes.RPM);
    }
    publish(CONFIG);
    String first = Files.readString(tree().resolve("repodata/repomd.xml"));
    // Each publish a second later, so a repomd.xml written again would carry another revision.
    for (String mode : List.of("full", "changes")) {
      awaitNextSecond();
      assertThat(publish(CONFIG)).containsEntry("mode", mode);
      assertThat(Files.readString(tree().resolve("repodata/repomd.xml")))
          .as("repomd.xml after a publish (%s) of the same packages", mode)
          .isEqualTo(first);
    }
    awaitNextSecond();
    addPackage(RpmTypes.RPM);
    publish(CONFIG);
    assertThat(Files.readString(tree().resolve("repodata/repomd.xml"))).isNotEqualTo(first);
  }

  private static void awaitNextSecond() throws InterruptedException {
    long now = java.time.Instant.now().getEpochSecond();
    while (java.time.Instant.now().getEpochSecond() == now) {
      Thread.sleep(20);
    }
  }

  @Test
  void anEmptyRepositoryAndOneEmptiedArePublished() throws Exception {
    publish(CONFIG);
    Unit only = addPackage(RpmTypes.RPM);
    publish(CONFIG);
    content.remove(only);
    assertThat(publish(CONFIG)).containsEntry("mode", "changes");
    assertPublishedAsTheUnitsSay(repodata());
  }

  @Test
  void anErratumListsOnlyThePackagesTheRepositoryHolds() throws Exception {
    for (int i = 0; i < 30; i++) {
      addPackage(RpmTypes.RPM);
    }
    Unit stays = YumPublishing.addPackage(content, "fix-app", "0", "1.0", "1", "noarch");
    Unit leaves = YumPublishing.addPackage(content, "fix-lib", "2", "1.0", "1", "x86_64");
    Map<String, Object> erratum = ErrataAndCompsTest.erratum();
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("name", "el9");
    collection.put(
        "packages",
        List.of(
            nevra("fix-app", null, "1.0", "1", "noarch"), // no epoch: 0
            nevra("fix-lib", "2", "1.0", "1", "x86_64"),
            nevra("fix-lib", "0", "1.0", "1", "x86_64"), // another epoch: not this repository's
            nevra("fix-doc", "0", "1.0", "1", "noarch"))); // comes later
    erratum.put("pkglist", List.of(collection));
    content.add(new UnitSpec(RpmTypes.ERRATUM, Map.of("id", "FIX-1"), erratum, null), null);

    publish(CONFIG);
    assertThat(publish(CONFIG)).containsEntry("mode", "full");
    assertThat(erratumPackages(tree())).containsExactly("fix-app-0:1.0-1", "fix-lib-2:1.0-1");

    content.remove(leaves);
    Unit doc = YumPublishing.addPackage(content, "fix-doc", "0", "1.0", "1", "noarch");
    assertThat(publish(CONFIG)).containsEntry("mode", "changes");
    assertThat(erratumPackages(tree())).containsExactly("fix-app-0:1.0-1", "fix-doc-0:1.0-1");
    publish(ELSEWHERE_FULL, "full-web");
    assertThat(erratumPackages(elsewhere())).containsExactly("fix-app-0:1.0-1", "fix-doc-0:1.0-1");

    content.remove(stays);
    content.remove(doc);
    assertThat(publish(CONFIG)).containsEntry("mode", "changes");
    assertThat(erratumPackages(tree())).as("the erratum stays, with no package").isEmpty();
  }

  @Test
  void twoPackagesOfOneFileNameFailThePublishFullOrFromChanges() throws Exception {
    for (int i = 0; i < 20; i++) {
      addPackage(RpmTypes.RPM);
    }
    Unit signed = YumPublishing.addPackage(content, "pkg-dup", "0", "1.0", "1", "noarch", 1);
    publish(CONFIG);
    assertThat(publish(CONFIG)).containsEntry("mode", "full");
    Path link = tree().resolve(YumPublish.location("pkg-dup-1.0-1.noarch.rpm"));

    // Signed again: the same name, epoch, version, release and arch, another file.
    YumPublishing.addPackage(content, "pkg-dup", "0", "1.0", "1", "noarch", 2);
    for (PluginCallConfiguration config : List.of(CONFIG, FULL)) {
      PublishReport report =
          distributor.publishRepo(content.repository(), content.publishConduit("web"), config);
      assertThat(report).isInstanceOf(PublishReport.Failed.class);
      assertThat(report.toString()).contains("pkg-dup-1.0-1.noarch.rpm", "two packages");
      assertThat(Files.readSymbolicLink(link)).isEqualTo(signed.storagePath());
    }
  }

  @Test
  void twoBuildsOfOneFileNameAddedAtOnceFailThePublishFromTheChanges() throws Exception {
    for (int i = 0; i < 20; i++) {
      addPackage(RpmTypes.RPM);
    }
    publish(CONFIG);
    publish(CONFIG);
    YumPublishing.addPackage(content, "pkg-dup", "0", "1.0", "1", "noarch", 1);
    YumPublishing.addPackage(content, "pkg-dup", "0", "1.0", "1", "noarch", 2);

    PublishReport report =
        distributor.publishRepo(content.repository(), content.publishConduit("web"), CONFIG);

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(report.toString()).contains("two packages", "pkg-dup-1.0-1.noarch.rpm");
    assertThat(tree().resolve(YumPublish.location("pkg-dup-1.0-1.noarch.rpm"))).doesNotExist();
  }

  @Test
  void aNewBuildReplacingAnOldOneOfTheSameFileNameIsPublishedFromTheChanges() throws Exception {
    for (int i = 0; i < 20; i++) {
      addPackage(RpmTypes.RPM);
    }
    Unit old = YumPublishing.addPackage(content, "pkg-dup", "0", "1.0", "1", "noarch", 1);
    publish(CONFIG);
    publish(CONFIG);

    content.remove(old);
    Unit signed = YumPublishing.addPackage(content, "pkg-dup", "0", "1.0", "1", "noarch", 2);

    assertThat(publish(CONFIG)).containsEntry("mode", "changes");
    assertThat(
            Files.readSymbolicLink(tree().resolve(YumPublish.location("pkg-dup-1.0-1.noarch.rpm"))))
        .isEqualTo(signed.storagePath());
    assertPublishedAsTheUnitsSay(repodata());
  }

  private static Map<String, Object> nevra(
      String name, String epoch, String version, String release, String arch) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    if (epoch != null) {
      p.put("epoch", epoch);
    }
    p.put("version", version);
    p.put("release", release);
    p.put("arch", arch);
    p.put("filename", name + "-" + version + "-" + release + "." + arch + ".rpm");
    return p;
  }

  /** The packages the published erratum FIX-1 lists, as name-epoch:version-release. */
  private static List<String> erratumPackages(Path tree) throws Exception {
    var updates = RepodataDocs.parse(RepodataDocs.data(tree, "updateinfo")).getDocumentElement();
    assertThat(
            RepodataDocs.text(
                (org.w3c.dom.Element) updates.getElementsByTagName("update").item(0), "id"))
        .isEqualTo("FIX-1");
    var packages = updates.getElementsByTagName("package");
    List<String> listed = new java.util.ArrayList<>();
    for (int i = 0; i < packages.getLength(); i++) {
      var p = (org.w3c.dom.Element) packages.item(i);
      listed.add(
          p.getAttribute("name")
              + "-"
              + (p.getAttribute("epoch").isEmpty() ? "0" : p.getAttribute("epoch"))
              + ":"
              + p.getAttribute("version")
              + "-"
              + p.getAttribute("release"));
    }
    return listed;
  }

  /**
   * Mostly short; one package in twenty has a changelog longer than the window a re-publish reads
   * the previous text through, so elements bigger than it are read too.
   */
  private int changelogLength() {
    return random.nextInt(20) == 0 ? 40_000 + random.nextInt(30_000) : random.nextInt(200);
  }

  /** A package with generated elements, some alike, some not, like a real repository's. */
  private Unit addPackage(String type) {
    int n = made++;
    String name = "pkg-" + Integer.toString(random.nextInt(1 << 20), 36) + "-" + n;
    String arch = RpmTypes.SRPM.equals(type) ? "src" : "noarch";
    String file = name + "-1.0-1." + arch + ".rpm";
    StringBuilder requires = new StringBuilder();
    for (int r = random.nextInt(12); r > 0; r--) {
      requires.append("<rpm:entry name=\"lib").append(random.nextInt(40)).append(".so\"/>");
    }
    Map<String, Object> repodata =
        Map.of(
            "primary",
            "<package type=\"rpm\"><name>"
                + name
                + "</name><arch>"
                + arch
                + "</arch><location href=\""
                + PackageXml.LOCATION_MARK
                + "\"/><format>"
                + requires
                + "</format></package>\n",
            "filelists",
            "<package pkgid=\""
                + n
                + "\" name=\""
                + name
                + "\"><file>/usr/bin/"
                + name
                + "</file></package>\n",
            "other",
            "<package pkgid=\""
                + n
                + "\" name=\""
                + name
                + "\"><changelog>fixed "
                + "x".repeat(changelogLength())
                + "</changelog></package>\n");
    Map<String, Object> key = YumPublishing.key(name, "0", "1.0", "1", arch, Integer.toString(n));
    return content.add(
        new UnitSpec(type, key, Map.of("filename", file, RpmUnit.REPODATA, repodata), file),
        ("rpm " + n).getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, Object> publish(PluginCallConfiguration config) {
    return publish(config, "web");
  }

  private Map<String, Object> publish(PluginCallConfiguration config, String distributorId) {
    PublishReport report =
        distributor.publishRepo(
            content.repository(), content.publishConduit(distributorId), config);
    assertThat(report).isInstanceOf(PublishReport.Published.class);
    content.recordSuccess(distributorId);
    @SuppressWarnings("unchecked")
    Map<String, Object> summary =
        (Map<String, Object>) ((PublishReport.Published) report).summary();
    return summary;
  }

  private Path tree() {
    return root.resolve("published/http/repos/el/changes");
  }

  /** What a published metadata file is: its digest and its uncompressed text's. */
  record Digests(String sha256, String openSha256, String text) {}

  private Path elsewhere() {
    return root.resolve("published/http/repos/el/full");
  }

  private Map<String, Digests> repodata() throws Exception {
    return repodata(tree());
  }

  private Map<String, Digests> repodata(Path tree) throws Exception {
    Map<String, Digests> files = new LinkedHashMap<>();
    for (String type : SegmentedPackages.FILES) {
      Path file = RepodataDocs.data(tree, type);
      byte[] text;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        text = in.readAllBytes();
      }
      files.put(
          type, new Digests(sha256(Files.readAllBytes(file)), sha256(text), new String(text)));
      // gzip itself reads the file whole and finds the same text
      String gunzipped =
          TestRpms.run(root, List.of("sh", "-c", "gzip -dc '" + file + "' | sha256sum"));
      assertThat(gunzipped).startsWith(sha256(text));
      String repomd = Files.readString(tree.resolve("repodata/repomd.xml"));
      assertThat(repomd)
          .contains("<checksum type=\"sha256\">" + sha256(Files.readAllBytes(file)))
          .contains("<open-checksum type=\"sha256\">" + sha256(text))
          .contains("<open-size>" + text.length + "</open-size>");
    }
    return files;
  }

  /** Each file lists exactly the repository's packages, and each package is linked. */
  private void assertPublishedAsTheUnitsSay(Map<String, Digests> files) throws Exception {
    TreeSet<String> expected = new TreeSet<>();
    TreeSet<String> links = new TreeSet<>();
    for (Unit unit : content.units()) {
      expected.add(String.valueOf(unit.unitKey().get("name")));
      links.add(YumPublish.location(unit));
    }
    for (Digests file : files.values()) {
      TreeSet<String> listed = new TreeSet<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("name(?:>|=\")(pkg-[^<\"]+)").matcher(file.text());
      while (m.find()) {
        listed.add(m.group(1));
      }
      assertThat(listed).isEqualTo(expected);
      assertThat(file.text()).contains("packages=\"" + expected.size() + "\"");
    }
    TreeSet<String> linked = new TreeSet<>();
    Path packages = tree().resolve("Packages");
    try (Stream<Path> walk = Files.exists(packages) ? Files.walk(packages) : Stream.empty()) {
      walk.filter(p -> p.getFileName().toString().endsWith(".rpm"))
          .forEach(p -> linked.add(tree().relativize(p).toString()));
    }
    assertThat(linked).isEqualTo(links);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
