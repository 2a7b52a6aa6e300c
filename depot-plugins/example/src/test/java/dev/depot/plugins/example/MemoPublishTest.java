package dev.depot.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memo distributor publishing synced memos to a real directory tree. */
class MemoPublishTest {
  @TempDir Path dir;
  MemoryRepository repo;
  Path feed;
  final Map<String, String> memos = new LinkedHashMap<>();
  static final Repository TEAM = Repository.named("team");
  static final PluginCallConfiguration HTTP =
      PluginCallConfiguration.of(
          Map.of("relative_url", "team/memos", "serve_http", true, "serve_https", false));

  @BeforeEach
  void syncSomeMemos() throws Exception {
    memos.put("monday.txt", "stand-up at nine\n");
    memos.put("tuesday.txt", "release day\n");
    repo = new MemoryRepository(dir.resolve("store"));
    feed = Feeds.write(dir.resolve("feed"), memos, null);
    resync();
  }

  private void resync() throws Exception {
    Path work = Files.createTempDirectory(dir, "work");
    var config = PluginCallConfiguration.of(Map.of("feed", feed.toUri().toString()));
    assertThat(new MemoImporter().syncRepo(TEAM.withWorkingDir(work), repo, config))
        .isInstanceOf(SyncReport.Synced.class);
  }

  private MemoDistributor distributor() {
    MemoDistributor distributor = new MemoDistributor();
    distributor.init(
        new Platform(
            dir.resolve("published"),
            URI.create("http://depot.example.com/"),
            URI.create("https://depot.example.com/"),
            "CA PEM"));
    return distributor;
  }

  private Path served(String protocol, String url) {
    return dir.resolve("published").resolve(protocol).resolve("memos").resolve(url);
  }

  // tag::publish-test[]
  @Test
  void servesEachMemoAndAnIndexThatSha256sumChecks() throws Exception {
    PublishReport report = distributor().publishRepo(TEAM, repo, HTTP);

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    Path tree = served("http", "team/memos");
    assertThat(tree.resolve("tuesday.txt")).hasContent("release day");
    assertThat(Files.readSymbolicLink(tree.resolve("tuesday.txt")))
        .startsWith(dir.resolve("store"));
    Process check =
        new ProcessBuilder("sha256sum", "-c", "SHA256SUMS")
            .directory(tree.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(new String(check.getInputStream().readAllBytes()))
        .isEqualTo("monday.txt: OK\ntuesday.txt: OK\n");
    assertThat(check.waitFor()).isZero();
    assertThat(served("https", "team/memos")).as("serve_https is off").doesNotExist();
  }

  // end::publish-test[]

  @Test
  void aCancelledPublishLeavesThePreviousTreeServedAndNoBuildBehind() throws Exception {
    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);
    memos.put("wednesday.txt", "retro\n");
    Feeds.write(feed, memos, null);
    resync();

    MemoDistributor cancelled = distributor();
    repo.onRead(unit -> cancelled.cancelPublishRepo());
    PublishReport report = cancelled.publishRepo(TEAM, repo, HTTP);

    assertThat(report).isInstanceOf(PublishReport.Canceled.class);
    assertThat(served("http", "team/memos").resolve("SHA256SUMS"))
        .content()
        .doesNotContain("wednesday.txt")
        .contains("tuesday.txt");
    Path master = dir.resolve("published/master/memo_distributor/team/web");
    try (Stream<Path> trees = Files.list(master)) {
      assertThat(trees.filter(Files::isDirectory)).as("only the served tree").hasSize(1);
    }
  }

  @Test
  void aPublishAfterOneChangeLeavesTheOtherLinksAsTheyWere() throws Exception {
    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);
    Object monday = inode(served("http", "team/memos").resolve("monday.txt"));
    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);
    memos.put("tuesday.txt", "release postponed\n");
    Feeds.write(feed, memos, null);
    resync();

    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);

    Path tree = served("http", "team/memos");
    assertThat(tree.resolve("tuesday.txt")).hasContent("release postponed");
    assertThat(inode(tree.resolve("monday.txt")))
        .as("monday.txt's link, untouched")
        .isEqualTo(monday);
  }

  private static Object inode(Path link) throws Exception {
    return Files.getAttribute(link, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void aRemovedMemoLeavesTheNextPublish() throws Exception {
    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);
    repo.removeUnit(repo.memos().get("monday.txt"));

    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);

    assertThat(served("http", "team/memos").resolve("monday.txt")).doesNotExist();
    assertThat(served("http", "team/memos").resolve("SHA256SUMS"))
        .content()
        .doesNotContain("monday.txt");
  }

  @Test
  void aNewRelativeUrlStopsServingTheOldOne() throws Exception {
    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);
    var moved =
        PluginCallConfiguration.of(
            Map.of("relative_url", "archive", "serve_http", true, "serve_https", false));

    assertThat(distributor().publishRepo(TEAM, repo, moved))
        .isInstanceOf(PublishReport.Published.class);

    assertThat(served("http", "archive").resolve("monday.txt")).exists();
    assertThat(served("http", "team/memos")).doesNotExist();
  }

  @Test
  void aNewRelativeUrlLeavesTheOldOneToTheRepositoryThatTookIt() throws Exception {
    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);
    var moved = PluginCallConfiguration.of(Map.of("relative_url", "archive", "serve_http", true));
    Repository other = Repository.named("other");
    assertThat(distributor().publishRepo(other, new MemoryRepository(dir.resolve("store")), HTTP))
        .isInstanceOf(PublishReport.Published.class);

    assertThat(distributor().publishRepo(TEAM, repo, moved))
        .isInstanceOf(PublishReport.Published.class);

    assertThat(served("http", "team/memos").toRealPath())
        .startsWith(dir.resolve("published/master/memo_distributor/other"));
  }

  @Test
  void theConsumerPayloadNamesTheProtocolsPublished() {
    Map<String, Object> payload = distributor().createConsumerPayload(TEAM, HTTP, Map.of());

    assertThat(payload)
        .containsEntry("relative_path", "/pulp/memos/team/memos/")
        .containsEntry("protocols", List.of("http"))
        .containsEntry("urls", Map.of("http", "http://depot.example.com/pulp/memos/team/memos/"))
        .containsEntry("index", "SHA256SUMS")
        .containsEntry("ca_cert", null);
  }

  @Test
  void removingTheDistributorUnpublishesEverything() throws Exception {
    assertThat(distributor().publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);

    distributor().distributorRemoved(TEAM, "web", HTTP);

    assertThat(served("http", "team/memos")).doesNotExist();
    assertThat(dir.resolve("published/master/memo_distributor/team/web")).doesNotExist();
  }
}
