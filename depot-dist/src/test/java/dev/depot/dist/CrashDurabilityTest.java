package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever the API reported finished survives a crash: the server is killed with {@code SIGKILL}
 * the moment a task is first seen finished, and a new server on the same data finds the task, the
 * unit and the publish as they were reported.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CrashDurabilityTest {
  private static final String REPOS = RestartableServer.REPOS;

  private static final String ZOO =
      """
      {"id": "zoo", "importer_type_id": "iso_importer",
       "distributors": [{"distributor_id": "web", "distributor_type_id": "iso_distributor",
                         "distributor_config": {"serve_http": true}}]}
      """;

  @Parameter TestDatabase database;

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  private RestartableServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /**
   * The race this guards against is narrow (H2 shows a commit to other sessions a moment before it
   * writes it: 4 of 64 rounds lost the task before the fix, so 16 rounds catch a regression about
   * two times in three), so it takes several rounds: each publishes, kills the server the moment
   * the task is seen ended, and reads the task back.
   */
  @Test
  void everyTaskSeenEndedIsStillEndedAfterAKill() throws Exception {
    server = RestartableServer.start(database, dir);
    server.createRepository(ZOO);
    TestApi api = server.api();
    // PostgreSQL shows a commit only once it is durable: a few rounds prove the same of it.
    int rounds = database == TestDatabase.H2 ? 16 : 4;
    for (int round = 0; round < rounds; round++) {
      JsonNode ended =
          api.awaitTask(api.call("POST", REPOS + "zoo/actions/publish/", "{\"id\": \"web\"}"));
      api = server.restartAfterKill();
      assertThat(server.taskState(ended.at("/task_id").asText()))
          .as("round %d: the task was seen %s", round, ended.at("/state").asText())
          .isEqualTo(ended.at("/state").asText());
    }
  }

  @Test
  void anImportedUploadAndAPublishReportedFinishedSurviveAKill() throws Exception {
    server = RestartableServer.start(database, dir);
    server.createRepository(ZOO);
    TestApi api = server.api();
    String content = "kept through a crash\n";

    String uploadId =
        api.call("POST", "/pulp/api/v2/content/uploads/", null).json().at("/upload_id").asText();
    TestApi.Reply chunk =
        api.send(
            "PUT",
            "/pulp/api/v2/content/uploads/" + uploadId + "/0/",
            content,
            "admin:" + TestApi.PASSWORD);
    assertThat(chunk.status()).isEqualTo(200);
    JsonNode imported =
        api.awaitTask(
            api.call(
                "POST",
                REPOS + "zoo/actions/import_upload/",
                """
                {"upload_id": "%s", "unit_type_id": "iso",
                 "unit_key": {"name": "kept.txt", "checksum": "%s", "size": %d}}
                """
                    .formatted(
                        uploadId,
                        FileContentEndToEndTest.sha256(content.getBytes(StandardCharsets.UTF_8)),
                        content.length())));
    assertThat(imported.at("/state").asText()).as(imported.toString()).isEqualTo("finished");

    api = server.restartAfterKill();
    String importTask = imported.at("/task_id").asText();
    assertThat(
            api.call("GET", "/pulp/api/v2/tasks/" + importTask + "/", null)
                .json()
                .at("/state")
                .asText())
        .isEqualTo("finished");
    assertThat(api.call("GET", REPOS + "zoo/", null).json().at("/content_unit_counts/iso").asLong())
        .as("the imported unit is still in the repository")
        .isEqualTo(1);

    JsonNode published =
        api.awaitTask(api.call("POST", REPOS + "zoo/actions/publish/", "{\"id\": \"web\"}"));
    assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");

    api = server.restartAfterKill();
    String publishTask = published.at("/task_id").asText();
    assertThat(
            api.call("GET", "/pulp/api/v2/tasks/" + publishTask + "/", null)
                .json()
                .at("/state")
                .asText())
        .isEqualTo("finished");
    JsonNode distributor = api.call("GET", REPOS + "zoo/distributors/web/", null).json();
    assertThat(distributor.at("/last_publish").isNull())
        .as("the distributor remembers its publish: " + distributor)
        .isFalse();
    JsonNode history = api.call("GET", REPOS + "zoo/history/publish/web/", null).json();
    assertThat(history).as("the publish is in the history").hasSize(1);
    Curl.Result served = Curl.run(api.baseUrl() + "/pulp/isos/zoo/kept.txt");
    assertThat(new String(served.body(), StandardCharsets.UTF_8)).isEqualTo(content);
  }
}
