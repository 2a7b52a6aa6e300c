package dev.depot.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.ContentApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MemoApi} over real HTTP, hosted by the testkit's {@link ContentApiServer}. */
class MemoApiTest {
  @TempDir Path dir;
  static final Repository TEAM = Repository.named("team");
  static final PluginCallConfiguration HTTP =
      PluginCallConfiguration.of(
          Map.of("relative_url", "team/memos", "serve_http", true, "serve_https", false));
  final HttpClient http = HttpClient.newHttpClient();
  Platform platform;
  ContentApiServer server;

  @BeforeEach
  void publishSomeMemos() throws Exception {
    Map<String, String> memos = new LinkedHashMap<>();
    memos.put("monday.txt", "stand-up at nine\n");
    memos.put("tuesday.txt", "release day\n");
    MemoryRepository repo = new MemoryRepository(dir.resolve("store"));
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    var config = PluginCallConfiguration.of(Map.of("feed", feed.toUri().toString()));
    Path work = Files.createDirectories(dir.resolve("work"));
    assertThat(new MemoImporter().syncRepo(TEAM.withWorkingDir(work), repo, config))
        .isInstanceOf(SyncReport.Synced.class);
    platform = Platform.publishingUnder(dir.resolve("published"));
    MemoDistributor distributor = new MemoDistributor();
    distributor.init(platform);
    assertThat(distributor.publishRepo(TEAM, repo, HTTP))
        .isInstanceOf(PublishReport.Published.class);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String protocol, String path) throws Exception {
    if (server == null) {
      server = ContentApiServer.start(new MemoApi(), platform, protocol, dir.resolve("store"));
    }
    URI uri = URI.create(server.baseUrl() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  // tag::content-api-test[]
  @Test
  void listsTheMemosPublishedForTheRepositoryWhateverItsRelativeUrl() throws Exception {
    HttpResponse<String> list = get("http", "/repository/team/memos.json");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(list.body()).isEqualTo("[\"monday.txt\", \"tuesday.txt\"]");
    assertThat(get("http", "/repository/team/memos/tuesday.txt").body()).isEqualTo("release day\n");
  }

  // end::content-api-test[]

  @Test
  void answersOnlyWhatWasPublishedOverTheRequestsProtocol() throws Exception {
    HttpResponse<String> list = get("https", "/repository/team/memos.json");

    assertThat(list.statusCode()).isEqualTo(404);
    assertThat(list.body()).contains("team", "https", "\"errors\"");
  }

  @Test
  void anUnknownRepositoryOrMemoIsNotFoundNamingIt() throws Exception {
    HttpResponse<String> repo = get("http", "/repository/nope/memos.json");
    HttpResponse<String> memo = get("http", "/repository/team/memos/friday.txt");

    assertThat(repo.statusCode()).isEqualTo(404);
    assertThat(repo.body()).contains("nope");
    assertThat(memo.statusCode()).isEqualTo(404);
    assertThat(memo.body()).contains("friday.txt");
  }

  @Test
  void pathsThatCouldEscapeAreRefusedBeforeTheApiSeesThem() throws Exception {
    assertThat(get("http", "/repository/../../etc/passwd").statusCode()).isEqualTo(400);
    assertThat(get("http", "/repository/%2e%2e/%2E%2E/etc/passwd").statusCode()).isEqualTo(400);
    assertThat(get("http", "/repository/team/memos/..%2f..%2fSHA256SUMS").statusCode())
        .isEqualTo(400);
    assertThat(get("http", "/repository/team/memos/a%5cb").statusCode()).isEqualTo(400);
    assertThat(get("http", "/repository/team/memos/a%00").statusCode()).isEqualTo(400);
  }

  @Test
  void aLinkPlantedInThePublishedTreeThatLeadsOutsideIsNotFound() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "not for clients\n");
    Path monday = dir.resolve("published/http/memos/team/memos/monday.txt");
    Files.delete(monday);
    Files.createSymbolicLink(monday, secret);

    HttpResponse<String> planted = get("http", "/repository/team/memos/monday.txt");

    assertThat(planted.statusCode()).isEqualTo(404);
    assertThat(planted.body()).doesNotContain("not for clients");
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    get("http", "/repository/team/memos.json");
    URI uri = URI.create(server.baseUrl() + "/repository/team/memos.json");
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> head =
        http.send(
            HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }
}
