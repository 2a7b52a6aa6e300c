package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
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
 * A yum sync brings the feed's errata (updateinfo added by modifyrepo_c) and comps (createrepo_c
 * -g) as units, checked as uploads are; skip leaves them out.
 */
class YumSyncErrataTest {
  static final String COMPS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE comps PUBLIC "-//Red Hat, Inc.//DTD Comps info//EN" "comps.dtd">
      <comps>
        <group>
          <id>sync-tools</id>
          <name>Sync tools</name>
          <name xml:lang="de">Abgleichwerkzeuge</name>
          <description>Tools that sync.</description>
          <default>true</default>
          <uservisible>true</uservisible>
          <display_order>5</display_order>
          <packagelist>
            <packagereq type="mandatory">sync-app</packagereq>
            <packagereq type="optional">sync-lib</packagereq>
            <packagereq type="conditional" requires="sync-app">sync-lang</packagereq>
          </packagelist>
        </group>
        <category>
          <id>tools</id>
          <name>Tools</name>
          <grouplist><groupid>sync-tools</groupid></grouplist>
        </category>
        <environment>
          <id>workstation</id>
          <name>Workstation</name>
          <grouplist><groupid>sync-tools</groupid></grouplist>
          <optionlist><groupid default="true">sync-tools</groupid></optionlist>
        </environment>
        <langpacks>
          <match install="sync-lang-%s" name="sync-app"/>
          <match install="sync-hyphen-%s" name="sync-lib"/>
        </langpacks>
      </comps>
      """;

  static final String UPDATEINFO =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <updates>
        <update from="security@example.com" status="stable" type="security" version="1">
          <id>SYNC-2026:0001</id>
          <title>Important: sync-app update</title>
          <issued date="2026-11-30 00:00:00"/>
          <severity>Important</severity>
          <description>Fixes &lt;things&gt;.</description>
          <references>
            <reference href="https://example.com/CVE-2026-1" id="CVE-2026-1" type="cve"/>
          </references>
          <pkglist>
            <collection short="el9">
              <name>el9</name>
              <package name="sync-app" version="1.0" release="1" epoch="0" arch="noarch">
                <filename>sync-app-1.0-1.noarch.rpm</filename>
                <sum type="sha256">abc</sum>
              </package>
            </collection>
          </pkglist>
        </update>
        <update type="bugfix">
          <id>SYNC-2026:0002</id>
        </update>
      </updates>
      """;

  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    TestRpms.Built app = TestRpms.build(built, "sync-app", "1.0", "sync-lib >= 1.0");
    packages = List.of(app.rpm(), TestRpms.build(built, "sync-lib", "1.1").rpm(), app.srpm());
  }

  static Path feed(Path dir) throws Exception {
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", packages);
    Path comps = Files.writeString(dir.resolve("comps.xml"), COMPS);
    YumSyncTest.createrepo(feed, "-g", comps.toString());
    Path updateinfo = Files.writeString(dir.resolve("updateinfo.xml"), UPDATEINFO);
    TestRpms.run(
        dir, List.of("modifyrepo_c", updateinfo.toString(), feed.resolve("repodata").toString()));
    return feed;
  }

  @Test
  void errataAndCompsComeWithThePackages(@TempDir Path dir) throws Exception {
    Path feed = feed(dir);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report;
    try (FeedServer server = FeedServer.serving(feed)) {
      report = YumSyncTest.sync(content, Map.of("feed", server.url().toString()));
    }

    // The second advisory has no title: named, and the rest is kept.
    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString()).contains("erratum SYNC-2026:0002", "title is missing");
    assertThat(YumSyncTest.units(content))
        .containsExactly(
            "erratum null",
            "package_category null",
            "package_environment null",
            "package_group null",
            "package_langpacks null",
            "rpm sync-app",
            "rpm sync-lib",
            "srpm sync-app");
    Unit erratum = one(content, "erratum");
    assertThat(erratum.unitKey()).isEqualTo(Map.of("id", "SYNC-2026:0001"));
    assertThat(erratum.metadata())
        .containsEntry("severity", "Important")
        .containsEntry("description", "Fixes <things>.")
        .containsEntry("issued", "2026-11-30 00:00:00");
    assertThat(erratum.metadata().get("pkglist").toString())
        .contains("filename=sync-app-1.0-1.noarch.rpm", "sum=[sha256, abc]");
    Unit group = one(content, "package_group");
    assertThat(group.unitKey()).isEqualTo(Map.of("id", "sync-tools", "repo_id", "mirror"));
    assertThat(group.metadata())
        .containsEntry("default", true)
        .containsEntry("display_order", 5L)
        .containsEntry("mandatory_package_names", List.of("sync-app"))
        .containsEntry("conditional_package_names", List.of(List.of("sync-lang", "sync-app")))
        .containsEntry("translated_name", Map.of("de", "Abgleichwerkzeuge"));
    assertThat(one(content, "package_environment").metadata().get("options").toString())
        .contains("group=sync-tools", "default=true");
    Unit langpacks = one(content, "package_langpacks");
    assertThat(langpacks.unitKey()).isEqualTo(Map.of("repo_id", "mirror"));
    assertThat(langpacks.metadata().get("matches"))
        .isEqualTo(
            List.of(
                Map.of("name", "sync-app", "install", "sync-lang-%s"),
                Map.of("name", "sync-lib", "install", "sync-hyphen-%s")));

    // Published back: the comps dnf reads holds them as the feed had them.
    Path tree = YumPublishing.publish(content, dir.resolve("pub"), "mirror");
    String comps = Files.readString(RepodataDocs.data(tree, "group"));
    assertThat(comps)
        .contains(
            "<langpacks>",
            "<match install=\"sync-lang-%s\" name=\"sync-app\"/>",
            "<match install=\"sync-hyphen-%s\" name=\"sync-lib\"/>");
    assertThat(comps.indexOf("<langpacks>")).isGreaterThan(comps.indexOf("</environment>"));
  }

  @Test
  void aResyncMergesWhatTheSourceAmendedIntoTheHeldErratum(@TempDir Path dir) throws Exception {
    Path feed = feed(dir);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));
    assertThat(one(content, "erratum").metadata()).containsEntry("title", UPDATED_TITLE_BEFORE);

    // The same edition listing a package of another architecture: joined, the rest kept.
    amend(dir, feed, "2026-11-30 00:00:00", "Other title, same edition", "aarch64");
    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));
    Unit joined = one(content, "erratum");
    assertThat(joined.metadata()).containsEntry("title", UPDATED_TITLE_BEFORE);
    assertThat(joined.metadata().get("pkglist").toString())
        .contains("sync-app-1.0-1.noarch.rpm", "sync-app-1.0-1.aarch64.rpm");
    assertThat(report.toString()).contains("updated=1");

    // A later edition (updated date): its fields win, and the packages listed before stay.
    amend(dir, feed, "2026-12-02 10:00:00", "Important: sync-app update (amended)", "x86_64");
    YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));
    Unit amended = one(content, "erratum");
    assertThat(amended.metadata())
        .containsEntry("title", "Important: sync-app update (amended)")
        .containsEntry("updated", "2026-12-02 10:00:00");
    assertThat(amended.metadata().get("pkglist").toString())
        .contains(
            "sync-app-1.0-1.noarch.rpm", "sync-app-1.0-1.aarch64.rpm", "sync-app-1.0-1.x86_64.rpm");

    // Synced again as it is: nothing more to merge.
    SyncReport again = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));
    assertThat(again.toString()).doesNotContain("updated=");
    assertThat(one(content, "erratum").metadata()).isEqualTo(amended.metadata());
  }

  @Test
  void anAdvisoryListedTwiceInOneUpdateinfoKeepsThePackagesOfBoth(@TempDir Path dir)
      throws Exception {
    Path feed = feed(dir);
    String twice =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <updates>
        %s
        %s
        </updates>
        """
            .formatted(advisory("x86_64"), advisory("s390x"));
    Path file = Files.writeString(dir.resolve("twice.xml"), twice);
    replaceUpdateinfo(dir, feed, file);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(content.units().stream().filter(u -> u.typeId().equals("erratum"))).hasSize(1);
    assertThat(one(content, "erratum").metadata().get("pkglist").toString())
        .contains("sync-app-1.0-1.x86_64.rpm", "sync-app-1.0-1.s390x.rpm");
  }

  @Test
  void removeMissingTakesOutTheErrataTheFeedNoLongerLists(@TempDir Path dir) throws Exception {
    Path feed = feed(dir);
    amend(dir, feed, "2026-11-30 00:00:00", UPDATED_TITLE_BEFORE, "noarch");
    InMemoryContent pruned = InMemoryContent.under(dir.resolve("pruned"), "mirror");
    InMemoryContent kept = InMemoryContent.under(dir.resolve("kept"), "mirror");
    InMemoryContent skipped = InMemoryContent.under(dir.resolve("skipped"), "mirror");
    Map<String, Object> pruning = Map.of("feed", feed.toUri().toString(), "remove_missing", true);
    Map<String, Object> skipping =
        Map.of("feed", feed.toUri().toString(), "remove_missing", true, "skip", List.of("erratum"));
    YumSyncTest.sync(pruned, pruning);
    YumSyncTest.sync(kept, Map.of("feed", feed.toUri().toString()));
    YumSyncTest.sync(skipped, Map.of("feed", feed.toUri().toString()));

    Path file =
        Files.writeString(
            dir.resolve("other.xml"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<updates>\n"
                + advisory("noarch")
                + "</updates>\n");
    replaceUpdateinfo(dir, feed, file);
    SyncReport report = YumSyncTest.sync(pruned, pruning);
    YumSyncTest.sync(kept, Map.of("feed", feed.toUri().toString()));
    YumSyncTest.sync(skipped, skipping);

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(((SyncReport.Synced) report).removedCount()).isEqualTo(1);
    assertThat(errataIds(pruned)).containsExactly("SYNC-2026:0003");
    assertThat(errataIds(kept)).containsExactlyInAnyOrder("SYNC-2026:0001", "SYNC-2026:0003");
    assertThat(errataIds(skipped)).containsExactly("SYNC-2026:0001");
    assertThat(YumSyncTest.units(pruned)).contains("package_group null", "rpm sync-app");
  }

  /** Puts {@code file} in the feed's repodata as its updateinfo, replacing the one before. */
  static void replaceUpdateinfo(Path dir, Path feed, Path file) throws Exception {
    TestRpms.run(
        dir,
        List.of(
            "modifyrepo_c",
            "--mdtype=updateinfo",
            file.toString(),
            feed.resolve("repodata").toString()));
  }

  private static List<Object> errataIds(InMemoryContent content) {
    return content.units().stream()
        .filter(u -> u.typeId().equals("erratum"))
        .map(u -> u.unitKey().get("id"))
        .toList();
  }

  /** SYNC-2026:0003 as one product's updateinfo lists it, with its package of {@code arch}. */
  private static String advisory(String arch) {
    return """
        <update from="security@example.com" status="stable" type="security" version="1">
          <id>SYNC-2026:0003</id>
          <title>One advisory, two products</title>
          <issued date="2026-11-30 00:00:00"/>
          <pkglist>
            <collection short="p"><name>p</name>
              <package name="sync-app" version="1.0" release="1" epoch="0" arch="%s">
                <filename>sync-app-1.0-1.%s.rpm</filename>
              </package>
            </collection>
          </pkglist>
        </update>
        """
        .formatted(arch, arch);
  }

  private static final String UPDATED_TITLE_BEFORE = "Important: sync-app update";

  /** Replaces the feed's updateinfo by one edition of SYNC-2026:0001 listing a package of arch. */
  private static void amend(Path dir, Path feed, String updated, String title, String arch)
      throws Exception {
    String updateinfo =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <updates>
          <update from="security@example.com" status="stable" type="security" version="2">
            <id>SYNC-2026:0001</id>
            <title>%s</title>
            <issued date="2026-11-30 00:00:00"/>
            <updated date="%s"/>
            <severity>Important</severity>
            <pkglist>
              <collection short="el9">
                <name>el9</name>
                <package name="sync-app" version="1.0" release="1" epoch="0" arch="%s">
                  <filename>sync-app-1.0-1.%s.rpm</filename>
                </package>
              </collection>
            </pkglist>
          </update>
        </updates>
        """
            .formatted(title, updated, arch, arch);
    Path file = dir.resolve("amended").resolve("updateinfo.xml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, updateinfo);
    replaceUpdateinfo(dir, feed, file);
  }

  @Test
  void skipLeavesErrataAndCompsOut(@TempDir Path dir) throws Exception {
    Path feed = feed(dir);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report =
        YumSyncTest.sync(
            content,
            Map.of(
                "feed",
                feed.toUri().toString(),
                "skip",
                List.of(
                    "erratum",
                    "package_group",
                    "package_category",
                    "package_environment",
                    "package_langpacks")));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(YumSyncTest.units(content))
        .containsExactly("rpm sync-app", "rpm sync-lib", "srpm sync-app");
  }

  private static Unit one(InMemoryContent content, String type) {
    return content.units().stream().filter(u -> u.typeId().equals(type)).findFirst().orElseThrow();
  }
}
