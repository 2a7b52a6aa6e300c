package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links planted by whoever controls a feed or an export directory, tried as an attacker
 * would: a link out of its root is never read from or written through, and the operation fails
 * naming it; links that stay inside a feed still work.
 */
class PlantedLinksEndToEndTest {
  @TempDir Path dir;
  RunningDepot depot;
  Path serverKey;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(TestDatabase.H2, dir.resolve("server"));
    serverKey = dir.resolve("server/tls/server.key");
    assertThat(serverKey).as("the secret an attacker is after").exists();
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private JsonNode syncWithoutValidation(Path feed) throws Exception {
    TestApi.Reply created =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "importer_type_id": "iso_importer",
             "importer_config": {"feed": "%s", "validate": false}}
            """
                .formatted(feed.toUri()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return FileContentEndToEndTest.sync(depot, "zoo");
  }

  private void assertStoreHoldsNo(String name) throws Exception {
    try (Stream<Path> stored = Files.walk(dir.resolve("server/content"))) {
      assertThat(stored.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(name));
    }
  }

  @Test
  void aFeedFileLinkedToTheServersKeyFailsTheSyncNamingItAndIsNeverStored() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("good.txt", "fine\n".getBytes());
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files, null);
    Files.createSymbolicLink(feed.resolve("stolen.key"), serverKey);
    Files.createSymbolicLink(feed.resolve("alias.txt"), feed.resolve("good.txt"));
    String good = FileContentEndToEndTest.sha256(files.get("good.txt"));
    Files.writeString(
        feed.resolve("PULP_MANIFEST"),
        "good.txt,%s,5\nalias.txt,%s,5\nstolen.key,%s,%d\n"
            .formatted(good, good, "0".repeat(64), Files.size(serverKey)));

    JsonNode synced = syncWithoutValidation(feed);

    assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("error");
    JsonNode errors = synced.at("/progress_report/iso_importer/iso_error_messages");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).at("/name").asText()).isEqualTo("stolen.key");
    assertThat(errors.get(0).at("/error/response_msg").asText())
        .contains("leads out of the feed directory")
        .doesNotContain("tls");
    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo"))
        .as("a link between the feed's own files is followed")
        .isEqualTo(2);
    assertStoreHoldsNo("stolen");
  }

  @Test
  void anImageLinkedOutOfAnImageFeedFailsTheSyncNamingIt() throws Exception {
    Path feed = Files.createDirectories(dir.resolve("media"));
    Files.createSymbolicLink(feed.resolve("zoo-01.iso"), serverKey);

    JsonNode synced = syncWithoutValidation(feed);

    assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("error");
    assertThat(synced.toString()).contains("zoo-01.iso").contains("leads out of");
    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo")).isZero();
  }

  @Test
  void anExportDirectoryWhoseSubdirectoryLinksElsewhereIsNotWrittenThrough() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("sub/deeper/a.txt", "in a subdirectory\n".getBytes());
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files, null);
    Path exportDir = Files.createDirectories(dir.resolve("export"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(exportDir.resolve("sub"), elsewhere);
    Files.createSymbolicLink(exportDir.resolve(".PULP_MANIFEST.tmp"), dir.resolve("victim"));
    TestApi.Reply created =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "importer_type_id": "iso_importer", "importer_config": {"feed": "%s"},
             "distributors": [{"distributor_id": "export",
                               "distributor_type_id": "export_distributor",
                               "distributor_config": {"http": true, "https": false,
                                                      "export_dir": "%s"}}]}
            """
                .formatted(feed.toUri(), exportDir));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(FileContentEndToEndTest.sync(depot, "zoo").at("/state").asText())
        .isEqualTo("finished");

    JsonNode exported =
        depot.awaitTask(
            depot.call(
                "POST", "/pulp/api/v2/repositories/zoo/actions/publish/", "{\"id\": \"export\"}"));

    assertThat(exported.at("/state").asText()).as(exported.toString()).isEqualTo("error");
    assertThat(exported.toString()).contains("sub").contains("leads out of");
    try (Stream<Path> written = Files.list(elsewhere)) {
      assertThat(written).as("nothing written or created through the planted link").isEmpty();
    }
    assertThat(dir.resolve("victim"))
        .as("the temporary name's link is not written through")
        .doesNotExist();
  }
}
