package dev.depot.plugins.puppet;

import static dev.depot.plugins.puppet.PuppetSyncs.releases;
import static dev.depot.plugins.puppet.PuppetSyncs.sync;
import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.ContentApiServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Depot syncing from another Depot's per-repository Forge over real HTTP: a module with more
 * releases than one page holds, an author's modules, free-text queries (the upstream's search), and
 * {@code remove_missing} after the upstream repository dropped a release and published again.
 */
class DepotForgeSyncTest {
  private static final int VERSIONS = 130; // more than the importer's pages of 100

  @TempDir Path dir;
  InMemoryContent upstream;
  PuppetDistributor distributor;
  ContentApiServer server;
  String feed;

  @BeforeEach
  void publishUpstream() throws Exception {
    upstream = InMemoryContent.under(dir.resolve("up"), "up");
    Path modules = java.nio.file.Files.createDirectories(dir.resolve("modules"));
    for (int minor = 0; minor < VERSIONS; minor++) {
      TestModules.upload(upstream, modules, "acme", "many", "1." + minor + ".0");
    }
    TestModules.upload(upstream, modules, "acme", "dep", "1.0.0", "acme-many >= 1.100.0 < 2.0.0");
    TestModules.upload(upstream, modules, "other", "thing", "1.0.0");
    Platform platform = Platform.publishingUnder(dir.resolve("published"));
    distributor = new PuppetDistributor();
    distributor.init(platform);
    publish();
    server = ContentApiServer.start(new ForgeApi(), platform, "http", upstream.storeDir());
    feed = server.baseUrl() + "/repository/up";
  }

  private void publish() {
    assertThat(
            distributor.publishRepo(
                upstream.repository(),
                upstream.publishConduit("web"),
                PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(PublishReport.Published.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aModuleWithMoreReleasesThanAPageIsSyncedWhole() {
    InMemoryContent down = InMemoryContent.under(dir.resolve("down"));

    assertThat(sync(down, feed, Map.of("queries", "acme-many")))
        .isInstanceOf(SyncReport.Synced.class);

    assertThat(releases(down)).hasSize(VERSIONS).allMatch(r -> r.startsWith("acme-many-"));
  }

  @Test
  void anAuthorsNameAsFreeTextTakesEveryReleaseOfItsModulesAcrossPages() {
    InMemoryContent down = InMemoryContent.under(dir.resolve("down"));

    assertThat(sync(down, feed, Map.of("queries", "ACME"))).isInstanceOf(SyncReport.Synced.class);

    assertThat(releases(down)).hasSize(VERSIONS + 1).contains("acme-dep-1.0.0");
    assertThat(releases(down)).noneMatch(r -> r.startsWith("other-"));
  }

  @Test
  void freeTextQueriesMirrorWhatTheUpstreamsSearchFinds() {
    InMemoryContent down = InMemoryContent.under(dir.resolve("down"));

    // "MAN" is part of acme-many's name, "thing" of other-thing's; acme-dep has neither.
    SyncReport report = sync(down, feed, Map.of("queries", List.of("MAN", "thing", "nosuch")));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(down)).hasSize(VERSIONS + 1).contains("other-thing-1.0.0");
    assertThat(releases(down)).noneMatch(r -> r.startsWith("acme-dep-"));
    assertThat(PuppetSyncs.text(report))
        .contains("query 'nosuch' matched no module of the feed")
        .doesNotContain("query 'MAN'");
  }

  @Test
  void aModuleQueryFindsItsModuleWhateverTheCaseOfItsAuthor() {
    InMemoryContent down = InMemoryContent.under(dir.resolve("down"));

    // The upstream's author is "acme": the Forge finds a module by its slug without case, as
    // owner= and the queries of a manifest feed compare; an upstream Depot must not answer none.
    assertThat(sync(down, feed, Map.of("queries", "ACME-dep")))
        .isInstanceOf(SyncReport.Synced.class);

    assertThat(releases(down)).containsExactly("acme-dep-1.0.0");
  }

  @Test
  void removeMissingDropsAReleaseTheUpstreamNoLongerPublishes() {
    InMemoryContent down = InMemoryContent.under(dir.resolve("down"));
    assertThat(sync(down, feed, Map.of())).isInstanceOf(SyncReport.Synced.class);
    assertThat(releases(down)).hasSize(VERSIONS + 2);
    Unit dropped =
        upstream.units().stream()
            .filter(u -> ModuleRelease.idOf(u).releaseSlug().equals("acme-many-1.42.0"))
            .findFirst()
            .orElseThrow();
    upstream.remove(dropped);
    publish();

    SyncReport report = sync(down, feed, Map.of("remove_missing", true));

    assertThat(((SyncReport.Synced) report).removedCount()).isEqualTo(1);
    assertThat(releases(down)).hasSize(VERSIONS + 1).doesNotContain("acme-many-1.42.0");
    assertThat(releases(down)).containsAll(List.of("acme-many-1.41.0", "acme-many-1.43.0"));
  }
}
