package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Upload requests an interrupted {@code repo upload} leaves on the server, with the bytes it had
 * sent: listed and deleted from the CLI, a mistyped id refused rather than "deleted".
 */
class UploadsCliEndToEndTest extends CliServerTest {
  @Test
  void anAdminListsAndDeletesTheUploadsAKilledClientLeftBehind() throws Exception {
    assertThat(server.succeed("uploads", "list").out()).isEqualTo("No uploads\n");
    String first = startUpload();
    String second = startUpload();
    String listed = server.succeed("uploads", "list").out();
    assertThat(listed).startsWith("UPLOAD ID\n").contains(first, second);
    JsonNode json = server.succeed("--json", "uploads", "list").json();
    assertThat(json.path("upload_ids")).hasSize(2);

    CliServer.Run typo = server.run("uploads", "delete", first, "no-such-upload");
    assertThat(typo.code()).isEqualTo(1);
    assertThat(typo.err()).contains("no upload request no-such-upload", "nothing deleted");
    assertThat(server.succeed("uploads", "list").out()).contains(first, second);

    assertThat(server.succeed("uploads", "delete", first).out()).isEqualTo("Deleted 1 upload\n");
    assertThat(server.succeed("uploads", "list").out()).doesNotContain(first).contains(second);
    assertThat(server.succeed("uploads", "delete", "--all").out()).isEqualTo("Deleted 1 upload\n");
    assertThat(server.succeed("uploads", "list").out()).isEqualTo("No uploads\n");
    assertThat(server.run("uploads", "delete").code()).isEqualTo(2);
  }

  /** What a client killed midway leaves: an upload request holding the first chunk it sent. */
  private String startUpload() throws Exception {
    String api = server.env().get("DEPOT_URL") + "/pulp/api/v2/content/uploads/";
    String password = Files.readString(dir.resolve("server/admin-password")).strip();
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(api))
                  .header("Authorization", auth)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String id = new ObjectMapper().readTree(created.body()).path("upload_id").asText();
      HttpResponse<String> chunk =
          http.send(
              HttpRequest.newBuilder(URI.create(api + id + "/0/"))
                  .header("Authorization", auth)
                  .PUT(HttpRequest.BodyPublishers.ofString("the first chunk"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(chunk.statusCode()).as(chunk.body()).isEqualTo(200);
      return id;
    }
  }
}
