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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SDK's export distributors with both real plugins installed (iso and memo layouts), over real
 * HTTP: a memo repository's export holds only memo metadata (no iso {@code PULP_MANIFEST}), the
 * export (of a repository or a group) records where it is served and the content server serves it
 * there, and a group export cannot take the path a repository's export serves.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExportWhereEndToEndTest {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    Path feed = Files.createDirectories(dir.resolve("feed"));
    String memo = "stand-up at nine\n";
    Files.writeString(feed.resolve("monday.txt"), memo);
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(memo.getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        feed.resolve("SHA256SUMS"), HexFormat.of().formatHex(digest) + "  monday.txt\n");
    TestApi.Reply created =
        depot.call(
            "POST",
            REPOS,
            """
            {"id": "team", "importer_type_id": "memo_importer",
             "importer_config": {"feed": "%s"},
             "distributors": [{"distributor_id": "export", "distributor_type_id": "export_distributor",
                               "distributor_config": {"http": true, "https": false,
                                                      "relative_url": "repo_group/all"}}]}
            """
                .formatted(feed.toUri()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    run("sync", "{}");
  }

  @AfterEach
  void stop() throws Exception {
    if (depot != null) {
      depot.close();
    }
  }

  private JsonNode run(String action, String body) throws Exception {
    JsonNode task =
        depot.awaitTask(depot.call("POST", REPOS + "team/actions/" + action + "/", body));
    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    return task;
  }

  @Test
  void aMemoRepositorysExportHoldsMemoMetadataButNoIsoManifest() throws Exception {
    Path media = Files.createDirectories(dir.resolve("media"));

    run(
        "publish",
        "{\"id\": \"export\", \"override_config\": {\"export_dir\": \"" + media + "\"}}");

    assertThat(media.resolve("monday.txt")).hasContent("stand-up at nine\n");
    assertThat(media.resolve("SHA256SUMS")).exists();
    try (Stream<Path> files = Files.list(media)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("only the memo layout ran")
          .containsExactlyInAnyOrder("monday.txt", "SHA256SUMS");
    }
  }

  @Test
  void theExportRecordsWhereItIsServedAndIsServedThere() throws Exception {
    run("publish", "{\"id\": \"export\", \"override_config\": {\"manifest\": true}}");

    assertServedWhereRecorded(REPOS + "team/distributors/export/", "/pulp/exports/repo_group/all/");
  }

  /**
   * The distributor at {@code distributorPath} recorded one HTTP location, {@code servedPath}, and
   * the content server serves the export's image manifest there.
   */
  private void assertServedWhereRecorded(String distributorPath, String servedPath)
      throws Exception {
    JsonNode where = depot.call("GET", distributorPath, null).json().at("/published_locations");
    assertThat(where).hasSize(1);
    assertThat(where.at("/0/protocol").asText()).isEqualTo("http");
    assertThat(where.at("/0/served_path").asText()).isEqualTo(servedPath);
    Curl.Result manifest =
        Curl.run("http://127.0.0.1:" + depot.depot().port() + servedPath + "PULP_MANIFEST");
    assertThat(manifest.status()).isEqualTo(200);
    assertThat(manifest.text()).contains(".iso,");
  }

  @Test
  void aGroupExportCannotTakeThePathARepositorysExportServes() throws Exception {
    TestApi.Reply refused =
        depot.call(
            "POST",
            "/pulp/api/v2/repo_groups/",
            """
            {"id": "all", "repo_ids": ["team"], "distributors": [
              {"distributor_id": "dvd", "distributor_type_id": "group_export_distributor",
               "distributor_config": {"http": true, "https": false}}]}
            """);
    TestApi.Reply created =
        depot.call(
            "POST", "/pulp/api/v2/repo_groups/", "{\"id\": \"all\", \"repo_ids\": [\"team\"]}");
    TestApi.Reply added =
        depot.call(
            "POST",
            "/pulp/api/v2/repo_groups/all/distributors/",
            """
            {"distributor_id": "dvd", "distributor_type_id": "group_export_distributor",
             "distributor_config": {"http": true, "https": false}}
            """);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    for (TestApi.Reply reply : new TestApi.Reply[] {refused, added}) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().at("/error_message").asText())
          .startsWith("relative_url repo_group/all conflicts with")
          .contains("distributor export (export_distributor) of repository team");
    }
  }

  @Test
  void aGroupExportRecordsWhereItIsServedAndIsServedThere() throws Exception {
    TestApi.Reply created =
        depot.call(
            "POST",
            "/pulp/api/v2/repo_groups/",
            """
            {"id": "media", "repo_ids": ["team"], "distributors": [
              {"distributor_id": "dvd", "distributor_type_id": "group_export_distributor",
               "distributor_config": {"http": true, "https": false, "manifest": true}}]}
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String group = "/pulp/api/v2/repo_groups/media/";
    JsonNode task =
        depot.awaitTask(depot.call("POST", group + "actions/publish/", "{\"id\": \"dvd\"}"));
    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");

    assertServedWhereRecorded(group + "distributors/dvd/", "/pulp/exports/repo_group/media/");
  }
}
