package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code depot repo sync} tells a user, through the real CLI against a real server: why a sync
 * failed (in the task's error, its history entry, {@code task show} and the sync's own output), and
 * how far a sync is while it runs when the output is not a terminal.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class SyncFeedbackCliEndToEndTest extends BothDatabasesCliServerTest {
  HttpServer feeds;
  Path www;

  @BeforeEach
  void startFeeds() throws Exception {
    www = Files.createDirectories(dir.resolve("www"));
    feeds =
        SimpleFileServer.createFileServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            www,
            SimpleFileServer.OutputLevel.NONE);
    feeds.start();
  }

  @AfterEach
  void stopFeeds() {
    feeds.stop(0);
  }

  private String feedUrl(String path) {
    return "http://127.0.0.1:" + feeds.getAddress().getPort() + "/" + path;
  }

  /** Everything a user can look at after a failed sync. */
  record Failure(CliServer.Run sync, JsonNode task, CliServer.Run shown, JsonNode history) {
    /** Each of the words is in the task's error, the history entry and both CLI outputs. */
    void saysEverywhere(String... words) {
      assertThat(task.at("/state").asText()).isEqualTo("error");
      assertThat(task.at("/error/code").asText()).isEqualTo("PLP0000");
      assertThat(task.at("/error/description").asText()).as("task error").contains(words);
      assertThat(history.get(0).at("/result").asText()).isEqualTo("failed");
      assertThat(history.get(0).at("/error_message").asText()).as("history").contains(words);
      assertThat(sync.code()).isEqualTo(1);
      assertThat(sync.out()).as("repo sync").contains(words);
      assertThat(shown.code()).isZero();
      assertThat(shown.out()).as("task show").contains(words);
    }
  }

  private Failure failedSync(String feed) throws Exception {
    CliServer.Run created =
        server.run(
            "repo",
            "create",
            "zoo",
            "--importer",
            "iso_importer",
            "--importer-option",
            "feed=" + feed);
    assertThat(created.code()).as(created.err()).isZero();
    CliServer.Run sync = server.run("repo", "sync", "zoo");
    JsonNode tasks = server.run("--json", "task", "list", "--repo", "zoo").json();
    String id = tasks.get(tasks.size() - 1).at("/task_id").asText();
    JsonNode task = server.run("--json", "task", "show", id).json();
    CliServer.Run shown = server.run("task", "show", id);
    JsonNode history = server.run("--json", "repo", "history", "zoo").json();
    return new Failure(sync, task, shown, history);
  }

  @Test
  void aFeedAnswering404SaysTheCodeAndTheUrl() throws Exception {
    String feed = feedUrl("nosuch/");

    Failure failure = failedSync(feed);

    failure.saysEverywhere("HTTP 404 Not Found", feed + "PULP_MANIFEST");
  }

  @Test
  void aRefusedConnectionSaysSoAndWhere() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // free, and nobody listens once it is closed
    }

    Failure failure = failedSync("http://127.0.0.1:" + port + "/feed/");

    failure.saysEverywhere("connection refused", "127.0.0.1:" + port);
  }

  @Test
  void anUnknownHostSaysWhichName() throws Exception {
    Failure failure = failedSync("http://nosuch.invalid/feed/");

    failure.saysEverywhere(
        "unknown host nosuch.invalid", "http://nosuch.invalid/feed/PULP_MANIFEST");
  }

  @Test
  void aChecksumMismatchNamesTheFileAndEachFileErrorIsADict() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("alpha.iso", "alpha\n".repeat(100).getBytes(StandardCharsets.UTF_8));
    files.put("gamma.txt", "gamma\n".getBytes(StandardCharsets.UTF_8));
    Path feed = FileContentEndToEndTest.feed(www.resolve("zoo"), files, "gamma.txt");
    // Listed, but not there: the server answers 404 for it.
    Files.writeString(
        feed.resolve("PULP_MANIFEST"),
        "delta.iso," + "0".repeat(64) + ",5\n",
        java.nio.file.StandardOpenOption.APPEND);

    Failure failure = failedSync(feedUrl("zoo/"));

    failure.saysEverywhere("2 of 3 files could not be synced", "gamma.txt", "SHA-256", "delta.iso");
    JsonNode errors = failure.task().at("/progress_report/iso_importer/iso_error_messages");
    assertThat(errors).hasSize(2);
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    errors.forEach(e -> byName.put(e.at("/name").asText(), e.at("/error")));
    assertThat(byName.get("gamma.txt").at("/response_code").isNull()).isTrue();
    assertThat(byName.get("gamma.txt").at("/response_msg").asText())
        .contains("SHA-256")
        .contains("expected " + FileContentEndToEndTest.sha256("something else".getBytes()));
    assertThat(byName.get("gamma.txt").at("/url").asText()).isEqualTo(feedUrl("zoo/gamma.txt"));
    assertThat(byName.get("delta.iso").at("/response_code").asInt()).isEqualTo(404);
    assertThat(byName.get("delta.iso").at("/response_msg").asText()).contains("HTTP 404");
    assertThat(failure.task().at("/result/details/iso_error_messages")).isEqualTo(errors);
    assertThat(failure.shown().out())
        .contains("gamma.txt: " + feedUrl("zoo/gamma.txt") + ": SHA-256")
        .contains("delta.iso: " + feedUrl("zoo/delta.iso") + ": the server answered HTTP 404");
  }

  @Test
  void withoutATerminalASyncPrintsPlainProgressLinesAndJsonOutputStaysJson() throws Exception {
    Random random = new Random(20);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : List.of("one.bin", "two.bin")) {
      byte[] bytes = new byte[80 * 1024];
      random.nextBytes(bytes);
      files.put(name, bytes);
    }
    StringBuilder manifest = new StringBuilder();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      manifest.append(f.getKey()).append(',').append(FileContentEndToEndTest.sha256(f.getValue()));
      manifest.append(',').append(f.getValue().length).append('\n');
    }
    files.put("PULP_MANIFEST", manifest.toString().getBytes(StandardCharsets.UTF_8));
    // 8 KiB every 100 ms, one request at a time: about two seconds for the two files.
    feeds.createContext("/slow/", exchange -> slowly(exchange, files));
    String feed = feedUrl("slow/");
    assertThat(
            server
                .run(
                    "repo",
                    "create",
                    "zoo",
                    "--importer",
                    "iso_importer",
                    "--importer-option",
                    "feed=" + feed)
                .code())
        .isZero();

    CliServer.Run sync =
        server.run(Map.of("DEPOT_PROGRESS_INTERVAL", "0.2"), "repo", "sync", "zoo");

    assertThat(sync.code()).as(sync.err()).isZero();
    assertThat(sync.out()).startsWith("Repository zoo synced (added 2");
    assertThat(sync.err()).doesNotContain("\r").doesNotContain("\u001b");
    List<String> lines = sync.err().lines().toList();
    List<String> running = new ArrayList<>();
    for (String line : lines) {
      if (line.matches("Task \\S+: running, \\d/2 files, .* KiB/160\\.0 KiB.*")) {
        running.add(line);
      }
    }
    assertThat(running).as(sync.err()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(running)
        .as("a rate and an ETA once the speed is known")
        .anyMatch(l -> l.matches(".*KiB/s, ETA \\S+$"));
    assertThat(lines.get(lines.size() - 1))
        .as("one line at the end")
        .matches("Task \\S+: finished, 2/2 files, 160\\.0 KiB/160\\.0 KiB.*");

    CliServer.Run quiet =
        server.run(Map.of("DEPOT_PROGRESS_INTERVAL", "0.2"), "--json", "repo", "sync", "zoo");
    assertThat(quiet.code()).isZero();
    assertThat(quiet.json().at("/state").asText()).isEqualTo("finished");
    assertThat(quiet.out()).doesNotContain("files,").doesNotContain("Task ");
  }

  private static void slowly(HttpExchange exchange, Map<String, byte[]> files) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/slow/".length());
    byte[] body = files.get(name);
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int offset = 0; offset < body.length; offset += 8192) {
        out.write(body, offset, Math.min(8192, body.length - offset));
        out.flush();
        if (!name.equals("PULP_MANIFEST")) {
          Thread.sleep(100);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
