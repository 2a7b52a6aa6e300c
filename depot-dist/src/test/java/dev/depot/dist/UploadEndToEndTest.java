package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.cli.DepotCli;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Pulp's upload flow through the REST API and through {@code depot repo upload}. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UploadEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    FileContentEndToEndTest.createRepo(
        depot, "zoo", dir.resolve("nofeed").toUri().toString(), "{\"serve_http\": true}");
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private int putBytes(String path, byte[] bytes) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(depot.baseUrl() + path))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("admin:" + RunningDepot.PASSWORD).getBytes()))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private String newUpload() throws Exception {
    TestApi.Reply created = depot.call("POST", "/pulp/api/v2/content/uploads/", null);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).endsWith(created.json().at("/upload_id").asText() + "/");
    return created.json().at("/upload_id").asText();
  }

  private JsonNode importUpload(String id, String name, byte[] bytes, long size) throws Exception {
    return depot.awaitTask(
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/zoo/actions/import_upload/",
            """
            {"upload_id": "%s", "unit_type_id": "iso",
             "unit_key": {"name": "%s", "checksum": "%s", "size": %d}}
            """
                .formatted(id, name, FileContentEndToEndTest.sha256(bytes), size)));
  }

  @Test
  void chunksAtOffsetsBecomeAUnitThatIsPublished() throws Exception {
    byte[] bytes = "0123456789".repeat(30_000).getBytes(StandardCharsets.UTF_8);
    String id = newUpload();
    assertThat(putBytes("/pulp/api/v2/content/uploads/" + id + "/200000/", slice(bytes, 200000)))
        .isEqualTo(200);
    assertThat(putBytes("/pulp/api/v2/content/uploads/" + id + "/0/", slice(bytes, 0, 200000)))
        .isEqualTo(200);

    JsonNode task = importUpload(id, "big.bin", bytes, bytes.length);
    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    JsonNode again = importUpload(id, "big.bin", bytes, bytes.length);
    assertThat(again.at("/state").asText()).as("a duplicate upload is fine").isEqualTo("finished");
    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo")).isEqualTo(1);
    assertThat(
            depot
                .call("GET", "/pulp/api/v2/content/uploads/", null)
                .json()
                .at("/upload_ids/0")
                .asText())
        .isEqualTo(id);
    assertThat(depot.call("DELETE", "/pulp/api/v2/content/uploads/" + id + "/", null).status())
        .isEqualTo(200);
    assertThat(depot.call("GET", "/pulp/api/v2/content/uploads/", null).json().at("/upload_ids"))
        .isEmpty();

    FileContentEndToEndTest.publish(depot, "zoo");
    Curl.Result served =
        Curl.run("http://127.0.0.1:" + depot.depot().port() + "/pulp/isos/zoo/big.bin");
    assertThat(served.body()).isEqualTo(bytes);
  }

  @Test
  void anUploadOfAChangedFileReplacesTheOldOneAndThePublishServesIt() throws Exception {
    byte[] first = "first version\n".getBytes(StandardCharsets.UTF_8);
    byte[] second = "second, longer version\n".getBytes(StandardCharsets.UTF_8);
    for (byte[] bytes : java.util.List.of(first, second)) {
      String id = newUpload();
      assertThat(putBytes("/pulp/api/v2/content/uploads/" + id + "/0/", bytes)).isEqualTo(200);
      JsonNode task = importUpload(id, "notes.txt", bytes, bytes.length);
      assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    }

    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo")).isEqualTo(1);
    JsonNode published = FileContentEndToEndTest.publish(depot, "zoo");
    assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");
    Curl.Result served =
        Curl.run("http://127.0.0.1:" + depot.depot().port() + "/pulp/isos/zoo/notes.txt");
    assertThat(served.body()).isEqualTo(second);
  }

  @Test
  void anUploadSurvivesAServerRestart() throws Exception {
    byte[] bytes = "kept across restarts".getBytes(StandardCharsets.UTF_8);
    String id = newUpload();
    putBytes("/pulp/api/v2/content/uploads/" + id + "/0/", bytes);
    String url = depot.databaseUrl();
    depot.stopKeepingDatabase();

    depot =
        RunningDepot.start(
            database,
            dir.resolve("server"),
            url,
            dev.depot.server.config.ServerConfig.ALL_ROLES,
            null,
            30);

    assertThat(
            depot
                .call("GET", "/pulp/api/v2/content/uploads/", null)
                .json()
                .at("/upload_ids/0")
                .asText())
        .isEqualTo(id);
    JsonNode task = importUpload(id, "kept.txt", bytes, bytes.length);
    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
  }

  @Test
  void aKeyThatDoesNotMatchTheBytesFailsTheImport() throws Exception {
    byte[] bytes = "real bytes".getBytes(StandardCharsets.UTF_8);
    String id = newUpload();
    putBytes("/pulp/api/v2/content/uploads/" + id + "/0/", bytes);

    JsonNode task = importUpload(id, "lie.bin", "other bytes".getBytes(), bytes.length);

    assertThat(task.at("/state").asText()).isEqualTo("error");
    assertThat(task.at("/error/code").asText()).isEqualTo("PLP0047");
    assertThat(task.at("/error/description").asText()).contains("checksum");
    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo")).isZero();
  }

  @Test
  void badRequestsAreRefusedNamingWhatIsWrong() throws Exception {
    String id = newUpload();
    assertThat(putBytes("/pulp/api/v2/content/uploads/" + id + "/abc/", new byte[1]))
        .isEqualTo(400);
    assertThat(putBytes("/pulp/api/v2/content/uploads/not-an-id/0/", new byte[1])).isEqualTo(404);
    // Jetty refuses the encoded slashes outright; either way nothing outside uploads/ is touched.
    assertThat(putBytes("/pulp/api/v2/content/uploads/..%2F..%2Fdb/0/", new byte[1]))
        .isIn(400, 404);
    TestApi.Reply missingKey =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/zoo/actions/import_upload/",
            "{\"upload_id\": \"" + id + "\", \"unit_type_id\": \"iso\"}");
    assertThat(missingKey.status()).isEqualTo(400);
    assertThat(missingKey.body()).contains("unit_key");
    TestApi.Reply unknownUpload =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/zoo/actions/import_upload/",
            "{\"upload_id\": \"00000000-0000-0000-0000-000000000000\", \"unit_type_id\": \"iso\","
                + " \"unit_key\": {\"name\": \"x\"}}");
    assertThat(unknownUpload.status()).isEqualTo(404);
    assertThat(unknownUpload.body()).contains("upload_request");
  }

  @Test
  void theCliUploadsFilesAndTheyAreServed() throws Exception {
    Path one = Files.writeString(dir.resolve("one.txt"), "first file\n");
    Path two = Files.write(dir.resolve("two.bin"), new byte[3 * 1024 * 1024 + 7]);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {"repo", "upload", "zoo", one.toString(), two.toString()},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD));

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Uploaded one.txt to zoo").contains("Uploaded two.bin");
    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo")).isEqualTo(2);
    assertThat(depot.call("GET", "/pulp/api/v2/content/uploads/", null).json().at("/upload_ids"))
        .as("the CLI deletes its upload requests")
        .isEmpty();
    FileContentEndToEndTest.publish(depot, "zoo");
    assertThat(
            Curl.run("http://127.0.0.1:" + depot.depot().port() + "/pulp/isos/zoo/two.bin").body())
        .hasSize(3 * 1024 * 1024 + 7);
  }

  @Test
  void theCliPrintsOneJsonDocumentForAnUploadOfSeveralFiles() throws Exception {
    Path one = Files.writeString(dir.resolve("one.txt"), "first file\n");
    Path two = Files.writeString(dir.resolve("two.txt"), "second file\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {"--json", "repo", "upload", "zoo", one.toString(), two.toString()},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD));

    assertThat(code).as(err.toString()).isZero();
    JsonNode tasks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertThat(tasks.isArray()).as(out.toString()).isTrue();
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).path("state").asText()).isEqualTo("finished");
    assertThat(tasks.get(1).path("state").asText()).isEqualTo("finished");
  }

  @Test
  void theCliRefusesACommaInAFileNameOnceAndUploadsNothing() throws Exception {
    Path fine = Files.writeString(dir.resolve("fine.txt"), "fine\n");
    // Big enough for several chunks: the refusal must come before the first, not per chunk.
    Path comma = Files.write(dir.resolve("a,b.iso"), new byte[3 * 1024 * 1024]);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {"repo", "upload", "zoo", fine.toString(), comma.toString()},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("'a,b.iso'", "comma", "nothing was uploaded");
    assertThat(out.toString()).isEmpty();
    assertThat(depot.call("GET", "/pulp/api/v2/content/uploads/", null).json().at("/upload_ids"))
        .isEmpty();
    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo")).isZero();
  }

  private static byte[] slice(byte[] bytes, int from) {
    return slice(bytes, from, bytes.length);
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }
}
