package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.config.InputLimits;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client cannot grow the server without bound: bodies over their caps get 413 with Pulp's error
 * body, oversized notes and configs get 400 naming the field, and in every case the state before
 * the request stays as it was. On H2 and PostgreSQL, over real HTTP.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class InputLimitsApiTest {
  private static final String REPOS = "/pulp/api/v2/repositories/";
  private static final String UPLOADS = "/pulp/api/v2/content/uploads/";
  private static final InputLimits LIMITS =
      new InputLimits(64 * 1024, 256 * 1024, 0, Duration.ofHours(1));

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot server;
  HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(database, dir, LIMITS);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aJsonBodyDeclaredOverTheCapIsRefusedWith413AndCreatesNothing() throws Exception {
    String body = "{\"id\": \"big\", \"description\": \"" + "x".repeat(70 * 1024) + "\"}";

    HttpResponse<String> reply = send("POST", REPOS, HttpRequest.BodyPublishers.ofString(body));

    assertThat(reply.statusCode()).isEqualTo(413);
    JsonNode error = asReply(reply).json();
    assertThat(error.at("/http_status").asInt()).isEqualTo(413);
    assertThat(error.at("/error/code").asText()).isEqualTo("PLP0000");
    assertThat(error.at("/error_message").asText()).contains("max-request-body");
    assertThat(server.call("GET", REPOS + "big/", null).status()).isEqualTo(404);
  }

  @Test
  void aChunkedJsonBodyIsCutOffAtTheCap() throws Exception {
    byte[] body =
        ("{\"id\": \"big\", \"description\": \"" + "x".repeat(200 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> reply =
        send(
            "POST",
            REPOS,
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

    assertThat(reply.statusCode()).isEqualTo(413);
    assertThat(server.call("GET", REPOS + "big/", null).status()).isEqualTo(404);
  }

  @Test
  void aLongNoteIsRefusedNamingItAndTheOldNotesStay() throws Exception {
    assertThat(
            server.call("POST", REPOS, "{\"id\": \"r1\", \"notes\": {\"team\": \"qa\"}}").status())
        .isEqualTo(201);

    Reply reply =
        server.call(
            "PUT",
            REPOS + "r1/",
            "{\"delta\": {\"notes\": {\"build\": \"" + "n".repeat(20 * 1024) + "\"}}}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/property_names/0").asText()).isEqualTo("notes.build");
    assertThat(reply.json().at("/error_message").asText()).contains("at most 16384");
    JsonNode repo = server.call("GET", REPOS + "r1/", null).json();
    assertThat(repo.at("/notes/team").asText()).isEqualTo("qa");
    assertThat(repo.at("/notes/build").isMissingNode()).isTrue();
  }

  @Test
  void tooManyNotesOrAHugeConfigValueAreRefusedAtCreate() throws Exception {
    StringBuilder notes = new StringBuilder("{");
    for (int i = 0; i < 300; i++) {
      notes.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
    }
    notes.append('}');

    Reply manyNotes = server.call("POST", REPOS, "{\"id\": \"r2\", \"notes\": " + notes + "}");
    Reply deepConfig =
        server.call(
            "POST",
            REPOS,
            "{\"id\": \"r3\", \"importer_type_id\": \"echo_importer\", \"importer_config\": "
                + "{\"a\":".repeat(20)
                + "1"
                + "}".repeat(20)
                + "}");

    assertThat(manyNotes.status()).isEqualTo(400);
    assertThat(manyNotes.json().at("/property_names/0").asText()).isEqualTo("notes");
    assertThat(deepConfig.status()).isEqualTo(400);
    assertThat(deepConfig.json().at("/property_names/0").asText()).startsWith("importer_config.a");
    assertThat(server.call("GET", REPOS + "r2/", null).status()).isEqualTo(404);
    assertThat(server.call("GET", REPOS + "r3/", null).status()).isEqualTo(404);
  }

  @Test
  void anUploadChunkOverItsCapIsRefusedAndLeavesTheUploadAsItWas() throws Exception {
    String upload = server.call("POST", UPLOADS, "{}").json().at("/upload_id").asText();
    byte[] first = new byte[100 * 1024];
    assertThat(put(upload, 0, HttpRequest.BodyPublishers.ofByteArray(first)).statusCode())
        .isEqualTo(200);
    // Far over the cap, so that most of it is still on its way when the server refuses it: the
    // client must still read the 413, not a reset connection.
    byte[] tooBig = new byte[8 << 20];

    HttpResponse<String> declared =
        put(upload, first.length, HttpRequest.BodyPublishers.ofByteArray(tooBig));
    HttpResponse<String> chunked =
        put(
            upload,
            first.length,
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)));

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(asReply(declared).json().at("/error_message").asText()).contains("max-upload-chunk");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(Files.size(dir.resolve("uploads").resolve(upload))).isEqualTo(first.length);
  }

  @Test
  void aRefusedChunkedUploadLeavesTheConnectionUsableForTheNextRequest() throws Exception {
    String upload = server.call("POST", UPLOADS, "{}").json().at("/upload_id").asText();
    byte[] chunk = new byte[64 * 1024];

    try (Socket socket = new Socket("127.0.0.1", server.depot().port())) {
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(
          ascii(
              "PUT "
                  + UPLOADS
                  + upload
                  + "/0/ HTTP/1.1\r\nHost: depot\r\nAuthorization: "
                  + basic()
                  + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
      for (int i = 0; i < 16; i++) {
        out.write(ascii(Integer.toHexString(chunk.length) + "\r\n"));
        out.write(chunk);
        out.write(ascii("\r\n"));
      }
      out.write(ascii("0\r\n\r\n"));
      out.flush();
      String refused = readResponse(in);
      // The refused body was read to its end, not cut off by failing the request: the server can
      // answer the client's next request on the same connection (and never loses the 413 to a
      // request it aborted while answering).
      out.write(ascii("GET /pulp/api/v2/status/ HTTP/1.1\r\nHost: depot\r\n\r\n"));
      out.flush();
      String next = readResponse(in);

      assertThat(refused).startsWith("HTTP/1.1 413").contains("max-upload-chunk");
      assertThat(next).startsWith("HTTP/1.1 200");
    }
    assertThat(Files.size(dir.resolve("uploads").resolve(upload))).isZero();
  }

  @Test
  void aBodyTheEndpointDoesNotNeedIsReadSoTheConnectionServesTheNextRequest() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.depot().port())) {
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(
          ascii(
              "POST "
                  + UPLOADS
                  + " HTTP/1.1\r\nHost: depot\r\nAuthorization: "
                  + basic()
                  + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"));
      out.flush();
      // The body in a packet of its own, after the server could have answered without it (as the
      // JDK's HttpURLConnection sends it, which then reuses the connection for the next request).
      Thread.sleep(300);
      out.write(ascii("{}"));
      out.flush();
      String created = readResponse(in);
      out.write(ascii("GET /pulp/api/v2/status/ HTTP/1.1\r\nHost: depot\r\n\r\n"));
      out.flush();
      String next = readResponse(in);

      assertThat(created).startsWith("HTTP/1.1 201");
      assertThat(next).startsWith("HTTP/1.1 200");
    }
  }

  /** Reads one response with a Content-Length body off a kept-alive connection. */
  private static String readResponse(DataInputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after: " + head);
      }
      head.append((char) b);
    }
    Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head.toString());
    byte[] body = new byte[length.find() ? Integer.parseInt(length.group(1)) : 0];
    in.readFully(body);
    return head + new String(body, StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private HttpResponse<String> put(String upload, long offset, HttpRequest.BodyPublisher body)
      throws Exception {
    return send("PUT", UPLOADS + upload + "/" + offset + "/", body);
  }

  private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(method, body)
            .header("Authorization", basic())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + RunningDepot.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static Reply asReply(HttpResponse<String> response) {
    return new Reply(response.statusCode(), response.body(), null);
  }
}
