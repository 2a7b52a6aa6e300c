package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The example plugin of docs/plugin-guide.md in the real server, loaded from the classpath as any
 * plugin is: a memo repository created over REST, synced from a feed directory, published, and
 * fetched with curl over HTTP and HTTPS; then a second server syncs the first one's published tree.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class MemoContentEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;
  final Map<String, String> memos = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    memos.put("monday.txt", "stand-up at nine\n");
    memos.put("tuesday.txt", "release day\n");
    memos.put("wednesday.txt", "retro\n");
  }

  @AfterEach
  void stop() throws Exception {
    if (depot != null) { // null when the database was unreachable and the test was skipped
      depot.close();
    }
  }

  private Path feed() throws Exception {
    Path feed = Files.createDirectories(dir.resolve("feed"));
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, String> memo : memos.entrySet()) {
      Files.writeString(feed.resolve(memo.getKey()), memo.getValue());
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(memo.getValue().getBytes(StandardCharsets.UTF_8));
      sums.append(HexFormat.of().formatHex(digest)).append("  ").append(memo.getKey());
      sums.append('\n');
    }
    Files.writeString(feed.resolve("SHA256SUMS"), sums);
    return feed;
  }

  private static void createRepo(RunningDepot server, String id, String feed) throws Exception {
    TestApi.Reply created =
        server.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "%s", "importer_type_id": "memo_importer",
             "importer_config": {"feed": "%s"},
             "distributors": [{"distributor_id": "web", "distributor_type_id": "memo_distributor",
                               "distributor_config": {"relative_url": "team/%s",
                                                      "serve_http": true}}]}
            """
                .formatted(id, feed, id));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private static JsonNode run(RunningDepot server, String repo, String action, String body)
      throws Exception {
    String path = "/pulp/api/v2/repositories/" + repo + "/actions/" + action + "/";
    JsonNode task = server.awaitTask(server.call("POST", path, body));
    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    return task;
  }

  private static String http(RunningDepot server, String path) {
    return "http://127.0.0.1:" + server.depot().port() + path;
  }

  @Test
  void aMemoRepositorySyncsPublishesAndIsServedOverHttpAndHttps() throws Exception {
    createRepo(depot, "memos", feed().toUri().toString());

    JsonNode synced = run(depot, "memos", "sync", "{}");
    assertThat(synced.at("/progress_report/memo_importer/state").asText()).isEqualTo("complete");
    JsonNode repo = depot.call("GET", "/pulp/api/v2/repositories/memos/", null).json();
    assertThat(repo.at("/content_unit_counts/memo").asLong()).isEqualTo(3);
    run(depot, "memos", "publish", "{\"id\": \"web\"}");

    Curl.Result index = Curl.run(http(depot, "/pulp/memos/team/memos/SHA256SUMS"));
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.text().lines())
        .extracting(line -> line.substring(66))
        .containsExactly("monday.txt", "tuesday.txt", "wednesday.txt");
    Curl.Result memo =
        Curl.run(
            "--cacert",
            dir.resolve("server/tls/ca.crt").toString(),
            "https://localhost:"
                + depot.depot().httpsPort()
                + "/pulp/memos/team/memos/tuesday.txt");
    assertThat(memo.status()).isEqualTo(200);
    assertThat(memo.text()).isEqualTo("release day\n");
  }

  @Test
  void theMemoApiAnswersBesideTheTreesAndWebserverConfigKeepsItWithDepot() throws Exception {
    createRepo(depot, "memos", feed().toUri().toString());
    run(depot, "memos", "sync", "{}");
    run(depot, "memos", "publish", "{\"id\": \"web\"}");

    Curl.Result list = Curl.run(http(depot, "/pulp_memos/api/repository/memos/memos.json"));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.headers()).containsIgnoringCase("content-type: application/json");
    assertThat(list.text()).isEqualTo("[\"monday.txt\", \"tuesday.txt\", \"wednesday.txt\"]");
    Curl.Result memo =
        Curl.run(
            "--cacert",
            dir.resolve("server/tls/ca.crt").toString(),
            "https://localhost:"
                + depot.depot().httpsPort()
                + "/pulp_memos/api/repository/memos/memos/tuesday.txt");
    assertThat(memo.status()).isEqualTo(200);
    assertThat(memo.text()).isEqualTo("release day\n");
    assertThat(Curl.run(http(depot, "/pulp_memos/api/repository/nope/memos.json")).text())
        .contains("nope");
    Curl.Result escape =
        Curl.run("--path-as-is", http(depot, "/pulp_memos/api/repository/%2e%2e/%2e%2e/x"));
    assertThat(escape.status()).isEqualTo(400);

    assertThat(depot.call("GET", "/pulp/api/v2/plugins/content_apis/", null).json().toString())
        .contains("\"prefix\":\"/pulp_memos/api\"");
    assertThat(Files.readString(dir.resolve("server/published/content-apis")))
        .contains("/pulp_memos/api dev.depot.plugins.example.MemoApi");
    java.io.StringWriter out = new java.io.StringWriter();
    int code =
        dev.depot.cli.DepotCli.run(
            new String[] {"webserver-config", "nginx", "--depot-url", http(depot, "")},
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(new java.io.StringWriter()),
            Map.of("DEPOT_DATA_DIR", dir.resolve("server").toString()));
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("location /pulp_memos/api/ {\n        proxy_pass " + http(depot, "") + ";")
        .contains("served by Depot's dev.depot.plugins.example.MemoApi API: must stay with Depot");
  }

  @Test
  void aSecondDepotSyncsTheFirstOnesPublishedMemos() throws Exception {
    createRepo(depot, "origin", feed().toUri().toString());
    run(depot, "origin", "sync", "{}");
    run(depot, "origin", "publish", "{\"id\": \"web\"}");

    try (RunningDepot mirror = RunningDepot.start(database, dir.resolve("mirror"))) {
      createRepo(mirror, "copy", http(depot, "/pulp/memos/team/origin/"));
      run(mirror, "copy", "sync", "{}");
      run(mirror, "copy", "publish", "{\"id\": \"web\"}");

      Curl.Result memo = Curl.run(http(mirror, "/pulp/memos/team/copy/wednesday.txt"));
      assertThat(memo.status()).isEqualTo(200);
      assertThat(memo.text()).isEqualTo("retro\n");
    }
  }
}
