package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.KilledServerOnEachDatabase;
import dev.depot.server.support.ServerProcess;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A publish killed ({@code SIGKILL}) the moment its tree is switched in, before the server recorded
 * its success, on H2 and PostgreSQL. The restarted server serves the new tree (the switch was
 * done), and a unit that tree links to keeps its file through a removal from the repository, the
 * pruning of the version that had it ({@code retain_versions: 1}) and an orphan cleanup, until a
 * publish stops serving it. Before the version being published was pinned as the publish began,
 * only the version of the last <em>recorded</em> publish was spared, and the cleanup deleted the
 * file of a unit the served manifest still listed (a 404 for a client following it).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class PublishSwitchCrashTest extends KilledServerOnEachDatabase {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @Test
  void aPublishKilledAfterItsSwitchKeepsTheFilesItsServedTreeLinksTo() throws Exception {
    Path data = dir.resolve("data");
    TestApi api = startWithZoo(data, ", \"retain_versions\": 1");
    importUpload(api, "a.txt", "first unit\n");
    assertThat(publish(api).at("/state").asText()).isEqualTo("finished");

    // The kill must land between the switch and the recorded success: a later one (the task seen
    // finished after the restart) tries again with one more unit.
    String served = null;
    for (int attempt = 0; attempt < 3 && served == null; attempt++) {
      String name = "b" + attempt + ".txt";
      importUpload(api, name, "unit " + name + "\n");
      int successes = successfulPublishes(api);
      api = killedAtTheSwitch(data, api, "{\"id\": \"web\"}");
      String manifest = Curl.run(api.baseUrl() + "/pulp/isos/zoo/PULP_MANIFEST").text();
      assertThat(manifest).as("the switch was done before the kill").contains(name + ",");
      served = successfulPublishes(api) > successes ? null : name;
    }
    assertThat(served).as("a kill landed before the publish's success was recorded").isNotNull();

    JsonNode removed =
        api.awaitTask(
            api.call(
                "POST",
                REPOS + "zoo/actions/unassociate/",
                """
                {"criteria": {"type_ids": ["iso"], "filters": {"unit": {"name": "%s"}}}}
                """
                    .formatted(served)));
    assertThat(removed.at("/state").asText()).as(removed.toString()).isEqualTo("finished");
    JsonNode cleaned = api.awaitTask(api.call("DELETE", "/pulp/api/v2/content/orphans/", null));
    assertThat(cleaned.at("/state").asText()).as(cleaned.toString()).isEqualTo("finished");

    assertThat(Curl.run(api.baseUrl() + "/pulp/isos/zoo/PULP_MANIFEST").text()).contains(served);
    Curl.Result file = Curl.run(api.baseUrl() + "/pulp/isos/zoo/" + served);
    assertThat(file.status())
        .as("the served manifest lists it, so its file is there")
        .isEqualTo(200);
    assertThat(file.text()).isEqualTo("unit " + served + "\n");

    assertThat(publish(api).at("/state").asText())
        .as("publishing again works")
        .isEqualTo("finished");
    assertThat(Curl.run(api.baseUrl() + "/pulp/isos/zoo/PULP_MANIFEST").text())
        .contains("a.txt,")
        .doesNotContain(served);
  }

  /**
   * A publish of an older version killed after its switch leaves that version served while the
   * record still names the latest: the next publish of the latest version must publish it, not be
   * skipped as unchanged (which left the old version served until the content changed).
   */
  @Test
  void aPublishAfterOneKilledAfterItsSwitchIsNotSkipped() throws Exception {
    Path data = dir.resolve("data");
    TestApi api = startWithZoo(data, "");
    importUpload(api, "a.txt", "first unit\n");
    importUpload(api, "b.txt", "second unit\n");
    boolean killedInTime = false;
    for (int attempt = 0; attempt < 3 && !killedInTime; attempt++) {
      assertThat(publish(api).at("/state").asText()).isEqualTo("finished");
      assertThat(Curl.run(api.baseUrl() + "/pulp/isos/zoo/PULP_MANIFEST").text())
          .contains("b.txt,");
      int successes = successfulPublishes(api);
      api = killedAtTheSwitch(data, api, "{\"id\": \"web\", \"version\": 1}");
      assertThat(Curl.run(api.baseUrl() + "/pulp/isos/zoo/PULP_MANIFEST").text())
          .as("version 1 is served: the switch was done before the kill")
          .doesNotContain("b.txt");
      killedInTime = successfulPublishes(api) == successes;
    }
    assertThat(killedInTime).as("a kill landed before the publish's success was recorded").isTrue();

    JsonNode again = publish(api);
    assertThat(again.at("/state").asText()).as(again.toString()).isEqualTo("finished");
    assertThat(Curl.run(api.baseUrl() + "/pulp/isos/zoo/PULP_MANIFEST").text())
        .as("the latest version is served again")
        .contains("a.txt,", "b.txt,");
  }

  /** Starts the server with repository {@code zoo} (more JSON fields in {@code extra}). */
  private TestApi startWithZoo(Path data, String extra) throws Exception {
    url = database.freshUrl(dir);
    server = ServerProcess.start(data, url, "first");
    TestApi api = server.api();
    TestApi.Reply created =
        api.call(
            "POST",
            REPOS,
            """
            {"id": "zoo", "importer_type_id": "iso_importer"%s,
             "distributors": [{"distributor_id": "web", "distributor_type_id": "iso_distributor",
               "distributor_config": {"serve_http": true, "serve_https": false}}]}
            """
                .formatted(extra));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return api;
  }

  /**
   * Sends the publish {@code body} and kills the server the moment the served link changes; the
   * restarted server's API.
   */
  private TestApi killedAtTheSwitch(Path data, TestApi api, String body) throws Exception {
    Path link = data.resolve("published/http/isos/zoo");
    Path before = Files.readSymbolicLink(link);
    ServerProcess running = server;
    CompletableFuture<Void> watch =
        CompletableFuture.runAsync(
            () -> {
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
              try {
                while (System.nanoTime() < deadline) {
                  if (!Files.readSymbolicLink(link).equals(before)) {
                    running.kill();
                    return;
                  }
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      api.call("POST", REPOS + "zoo/actions/publish/", body);
    } catch (java.io.IOException killedWhileAnswering) {
      // The 202 may be cut by the kill; the watch says whether the switch happened.
    }
    watch.get(90, TimeUnit.SECONDS);
    server = ServerProcess.start(data, url, "after-kill-" + System.nanoTime());
    return server.api();
  }

  /** How many publishes of {@code web} the server recorded as successes. */
  private static int successfulPublishes(TestApi api) throws Exception {
    int successes = 0;
    for (JsonNode entry : api.call("GET", REPOS + "zoo/history/publish/web/", null).json()) {
      successes += "success".equals(entry.at("/result").asText()) ? 1 : 0;
    }
    return successes;
  }

  private static JsonNode publish(TestApi api) throws Exception {
    return api.awaitTask(api.call("POST", REPOS + "zoo/actions/publish/", "{\"id\": \"web\"}"));
  }

  private static void importUpload(TestApi api, String name, String content) throws Exception {
    String uploadId =
        api.call("POST", "/pulp/api/v2/content/uploads/", null).json().at("/upload_id").asText();
    TestApi.Reply chunk =
        api.send(
            "PUT",
            "/pulp/api/v2/content/uploads/" + uploadId + "/0/",
            content,
            "admin:" + TestApi.PASSWORD);
    assertThat(chunk.status()).isEqualTo(200);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    JsonNode imported =
        api.awaitTask(
            api.call(
                "POST",
                REPOS + "zoo/actions/import_upload/",
                """
                {"upload_id": "%s", "unit_type_id": "iso",
                 "unit_key": {"name": "%s", "checksum": "%s", "size": %d}}
                """
                    .formatted(
                        uploadId, name, FileContentEndToEndTest.sha256(bytes), bytes.length)));
    assertThat(imported.at("/state").asText()).as(imported.toString()).isEqualTo("finished");
  }
}
