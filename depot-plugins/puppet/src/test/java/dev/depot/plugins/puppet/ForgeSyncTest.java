package dev.depot.plugins.puppet;

import static dev.depot.plugins.puppet.PuppetSyncs.releases;
import static dev.depot.plugins.puppet.PuppetSyncs.summary;
import static dev.depot.plugins.puppet.PuppetSyncs.sync;
import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** puppet_importer syncing from a Forge's v3 API over real HTTP. */
class ForgeSyncTest {
  @TempDir Path dir;
  private TestForge forge;
  private InMemoryContent content;

  @BeforeEach
  void forge() throws Exception {
    forge = TestForge.start("");
    Path modules = dir.resolve("modules");
    forge.add(TestModules.module(modules, "acme", "web", "1.0.0", "acme-base >= 1.0.0"));
    forge.add(TestModules.module(modules, "acme", "web", "1.1.0", "acme-base >= 1.0.0"));
    forge.add(TestModules.module(modules, "acme", "base", "1.0.0"));
    forge.add(TestModules.module(modules, "other", "db", "2.0.0"));
    content = InMemoryContent.under(dir.resolve("server"));
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  @Test
  void mirrorsTheWholeForgeWithoutQueries() {
    SyncReport report = sync(content, forge.url(), Map.of());

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(((SyncReport.Synced) report).addedCount()).isEqualTo(4);
    assertThat(releases(content))
        .containsExactly("acme-base-1.0.0", "acme-web-1.0.0", "acme-web-1.1.0", "other-db-2.0.0");
    assertThat(forge.requests("/v3/releases")).containsExactly("/v3/releases?limit=100");
    assertThat(summary(report))
        .containsEntry("modules_added", 4L)
        .containsEntry("modules_failed", 0L)
        .containsEntry("modules_removed", 0L);
    Unit web = unit("acme-web-1.1.0");
    assertThat(web.metadata())
        .containsEntry("summary", "The web module")
        .containsEntry("tag_list", List.of("test", "web"))
        .containsKey("file_sha256");
  }

  @Test
  void aModuleQueryAsksForThatModuleOnlyAndDoesNotFollowDependencies() {
    SyncReport report = sync(content, forge.url(), Map.of("queries", List.of("acme/web")));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content)).containsExactly("acme-web-1.0.0", "acme-web-1.1.0");
    assertThat(forge.requests("/v3/releases"))
        .containsExactly("/v3/releases?module=acme-web&limit=100");
    assertThat(forge.requests("/v3/files/"))
        .containsExactlyInAnyOrder(
            "/v3/files/acme-web-1.0.0.tar.gz", "/v3/files/acme-web-1.1.0.tar.gz");
  }

  @Test
  void aBareTermIsTheForgesSearchAndAnAuthorNameTermOneModule() {
    SyncReport report = sync(content, forge.url(), Map.of("queries", "other, acme-base"));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content)).containsExactly("acme-base-1.0.0", "other-db-2.0.0");
    assertThat(forge.requests("/v3/").stream().filter(r -> !r.startsWith("/v3/files/")))
        .containsExactly(
            "/v3/modules?query=other&limit=100",
            "/v3/releases?module=other-db&limit=100",
            "/v3/releases?module=acme-base&limit=100");
  }

  @Test
  void aFreeTextQueryMirrorsTheModulesOfEveryAuthorTheForgesSearchFinds() throws Exception {
    Path modules = dir.resolve("stdlibs");
    forge.add(TestModules.module(modules, "puppetlabs", "stdlib", "4.1.0"));
    forge.add(TestModules.module(modules, "puppetlabs", "stdlib", "4.2.0"));
    forge.add(TestModules.module(modules, "kestrel", "stdlib", "0.1.0"));

    SyncReport report = sync(content, forge.url(), Map.of("queries", List.of("stdlib")));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content))
        .containsExactly(
            "kestrel-stdlib-0.1.0", "puppetlabs-stdlib-4.1.0", "puppetlabs-stdlib-4.2.0");
    assertThat(forge.requests("/v3/modules")).containsExactly("/v3/modules?query=stdlib&limit=100");
    assertThat(forge.requests("/v3/releases"))
        .containsExactlyInAnyOrder(
            "/v3/releases?module=kestrel-stdlib&limit=100",
            "/v3/releases?module=puppetlabs-stdlib&limit=100");
    assertThat(summary(report)).doesNotContainKey("warnings");
  }

  @Test
  void theForgesSearchIsFollowedAcrossPagesForEachTermOfAList() {
    forge.maxPageSize(1);

    SyncReport report = sync(content, forge.url(), Map.of("queries", "ACME, db"));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content))
        .containsExactly("acme-base-1.0.0", "acme-web-1.0.0", "acme-web-1.1.0", "other-db-2.0.0");
    assertThat(forge.requests("/v3/modules"))
        .containsExactly(
            "/v3/modules?query=ACME&limit=100",
            "/v3/modules?query=ACME&limit=1&offset=1",
            "/v3/modules?query=db&limit=100");
  }

  @Test
  void aModuleTheForgesSearchFindsByATagIsMirroredThoughItsNameLacksTheTerm() throws Exception {
    String top = "kestrel-utils-1.0.0/";
    forge.add(
        TestModules.write(
            dir.resolve("tagged/kestrel-utils-1.0.0.tar.gz"),
            List.of(
                TestModules.Entry.file(
                    top + "metadata.json",
                    TestModules.metadata("kestrel", "utils", "1.0.0")
                        .replace("\"tags\":[\"test\"", "\"tags\":[\"stdlib\"")),
                TestModules.Entry.file(top + "manifests/init.pp", "class utils {}\n"))));

    SyncReport report = sync(content, forge.url(), Map.of("queries", List.of("stdlib")));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content)).containsExactly("kestrel-utils-1.0.0");
  }

  @Test
  @SuppressWarnings("unchecked") // the summary is JSON-able maps and lists
  void queriesThatMatchNoModuleAreReportedNotSilent() {
    SyncReport report =
        sync(
            content, forge.url(), Map.of("queries", List.of("nosuchthing", "acme-web", "acme-no")));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content)).containsExactly("acme-web-1.0.0", "acme-web-1.1.0");
    assertThat((List<Object>) summary(report).get("warnings"))
        .containsExactly(
            "query 'nosuchthing' matched no module of the feed; it mirrors nothing",
            "query 'acme-no' matched no module of the feed; it mirrors nothing");
    String lastProgress = content.progressReports().getLast().toString();
    assertThat(lastProgress.split("query 'nosuchthing' matched no module", -1))
        .as("the progress report lists each warning once")
        .hasSize(2);
  }

  @Test
  void aSyncWhoseQueriesMatchNothingSaysSo() {
    SyncReport report = sync(content, forge.url(), Map.of("queries", List.of("stdlib")));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content)).isEmpty();
    assertThat(PuppetSyncs.text(report)).contains("query 'stdlib' matched no module of the feed");
  }

  @Test
  void followsPaginationAcrossPagesBelowAPrefix() throws Exception {
    for (boolean nextWithPrefix : new boolean[] {false, true}) {
      try (TestForge paged = TestForge.start("/pulp_puppet/forge/repository/r1")) {
        for (int minor = 0; minor < 7; minor++) {
          paged.add(TestModules.module(dir.resolve("paged"), "acme", "app", "1." + minor + ".0"));
        }
        paged.maxPageSize(3);
        paged.nextWithPrefix(nextWithPrefix);
        InMemoryContent repo = InMemoryContent.under(dir.resolve("paged-" + nextWithPrefix));

        assertThat(sync(repo, paged.url() + "/", Map.of())).isInstanceOf(SyncReport.Synced.class);

        assertThat(releases(repo)).hasSize(7);
        assertThat(paged.requests("/v3/releases"))
            .containsExactly(
                "/v3/releases?limit=100",
                "/v3/releases?limit=3&offset=3",
                "/v3/releases?limit=3&offset=6");
      }
    }
  }

  @Test
  void aSecondSyncDownloadsNothingNew() {
    assertThat(sync(content, forge.url(), Map.of())).isInstanceOf(SyncReport.Synced.class);
    int files = forge.requests("/v3/files/").size();

    SyncReport again = sync(content, forge.url(), Map.of());

    assertThat(again).isInstanceOf(SyncReport.Synced.class);
    assertThat(forge.requests("/v3/files/")).hasSize(files);
    assertThat(summary(again)).containsEntry("modules_added", 0L);
    assertThat(content.storedFiles()).hasSize(4);
  }

  @Test
  void aReleaseStoredByAnotherRepositoryIsOnlyAssociated() {
    assertThat(sync(content, forge.url(), Map.of("queries", "acme-web")))
        .isInstanceOf(SyncReport.Synced.class);
    for (Unit unit : content.units()) {
      content.remove(unit); // stored, but no longer in this repository
    }

    SyncReport report = sync(content, forge.url(), Map.of("queries", "acme-web"));

    assertThat(summary(report)).containsEntry("modules_added", 2L);
    assertThat(forge.requests("/v3/files/")).hasSize(2);
    assertThat(releases(content)).containsExactly("acme-web-1.0.0", "acme-web-1.1.0");
  }

  @Test
  void aForgeAnsweringMoreThanTheQueryAsksDoesNotWidenTheSync() {
    assertThat(sync(content, forge.url(), Map.of())).isInstanceOf(SyncReport.Synced.class);
    for (Unit unit : content.units()) {
      content.remove(unit); // every release stored, none in this repository
    }
    forge.ignoreFilters();

    SyncReport report = sync(content, forge.url(), Map.of("queries", "acme-web"));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content)).containsExactly("acme-web-1.0.0", "acme-web-1.1.0");
  }

  @Test
  void aChecksumMismatchFailsThatFileNamingItAndStoresNothingOfIt() {
    forge.lieAboutChecksum("acme-web-1.1.0.tar.gz");

    SyncReport report = sync(content, forge.url(), Map.of());

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(((SyncReport.Failed) report).errorMessage())
        .contains("1 of 4 files")
        .contains("acme-web-1.1.0.tar.gz")
        .contains("SHA-256");
    assertThat(summary(report))
        .containsEntry("modules_failed", 1L)
        .containsEntry("modules_added", 3L);
    assertThat(releases(content)).doesNotContain("acme-web-1.1.0").hasSize(3);
    assertThat(PuppetSyncs.storedNamed(content, "acme-web-1.1.0.tar.gz")).isEmpty();
  }

  @Test
  void anOldForgeWithOnlyMd5IsCheckedAgainstIt() {
    forge.withoutSha256();
    forge.lieAboutChecksum("other-db-2.0.0.tar.gz");

    SyncReport report = sync(content, forge.url(), Map.of());

    assertThat(PuppetSyncs.text(report)).contains("other-db-2.0.0.tar.gz").contains("MD5");
    assertThat(releases(content)).hasSize(3).doesNotContain("other-db-2.0.0");
  }

  @Test
  void aTarballWithAnEscapingEntryFailsNamingIt() throws Exception {
    String top = "acme-evil-1.0.0/";
    forge.addAs(
        TestModules.write(
            dir.resolve("evil/acme-evil-1.0.0.tar.gz"),
            List.of(
                TestModules.Entry.file(
                    top + "metadata.json", TestModules.metadata("acme", "evil", "1.0.0")),
                TestModules.Entry.file(top + "../../etc/cron.d/evil", "boom"))),
        "acme",
        "evil",
        "1.0.0");

    SyncReport report = sync(content, forge.url(), Map.of());

    assertThat(PuppetSyncs.text(report))
        .contains("acme-evil-1.0.0.tar.gz")
        .contains("out of the archive");
    assertThat(releases(content)).hasSize(4).doesNotContain("acme-evil-1.0.0");
    assertThat(PuppetSyncs.storedNamed(content, "acme-evil-1.0.0.tar.gz")).isEmpty();
  }

  @Test
  void aTarballThatIsNotTheReleaseTheForgeClaimsFailsNamingBoth() {
    forge.claimAs("other-db-2.0.0.tar.gz", "other", "db", "3.0.0");

    SyncReport report = sync(content, forge.url(), Map.of());

    assertThat(PuppetSyncs.text(report))
        .contains("other-db-2.0.0.tar.gz")
        .contains("other-db-3.0.0");
    assertThat(releases(content)).hasSize(3);
  }

  @Test
  void removeMissingTakesOutWhatTheForgeNoLongerOffers() {
    assertThat(sync(content, forge.url(), Map.of())).isInstanceOf(SyncReport.Synced.class);
    forge.remove("acme-web-1.0.0.tar.gz");

    assertThat(sync(content, forge.url(), Map.of())).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(content)).contains("acme-web-1.0.0");

    SyncReport report = sync(content, forge.url(), Map.of("remove_missing", true));
    assertThat(((SyncReport.Synced) report).removedCount()).isEqualTo(1);
    assertThat(summary(report)).containsEntry("modules_removed", 1L);
    assertThat(releases(content)).hasSize(3).doesNotContain("acme-web-1.0.0");
  }

  @Test
  void removeMissingWithQueriesKeepsOnlyWhatTheyName() {
    assertThat(sync(content, forge.url(), Map.of())).isInstanceOf(SyncReport.Synced.class);

    SyncReport report =
        sync(content, forge.url(), Map.of("queries", "other", "remove_missing", true));

    assertThat(((SyncReport.Synced) report).removedCount()).isEqualTo(3);
    assertThat(releases(content)).containsExactly("other-db-2.0.0");
  }

  @Test
  void reportsQueriesThenModules() {
    sync(content, forge.url(), Map.of("queries", List.of("acme", "other")));

    List<Object> reports = content.progressReports();
    assertThat(reports)
        .anySatisfy(
            r ->
                assertThat(r.toString())
                    .contains("state=fetching_metadata")
                    .contains("query_total_count=2"));
    assertThat(reports.getLast().toString())
        .contains("state=complete")
        .contains("query_finished_count=2")
        .contains("files_total=4");
  }

  private Unit unit(String release) {
    return content.units().stream()
        .filter(u -> ModuleRelease.idOf(u).releaseSlug().equals(release))
        .findFirst()
        .orElseThrow();
  }
}
