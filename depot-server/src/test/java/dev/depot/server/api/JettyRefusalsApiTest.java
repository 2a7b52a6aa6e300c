package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any Depot handler sees them (here a URI whose encoded slash makes
 * its path ambiguous) are answered as Depot answers every error: Pulp's JSON error body on the API,
 * plain text on content paths; never Jetty's HTML page naming its version.
 */
class JettyRefusalsApiTest {
  @TempDir Path dir;
  private RunningDepot server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(TestDatabase.H2, dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anAmbiguousApiPathGetsPulpsErrorBody() throws Exception {
    String path = "/pulp/api/v2/repositories/a%2Fb/";
    HttpResponse<String> reply = get(path);

    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(reply.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode body = new ObjectMapper().readTree(reply.body());
    assertThat(body.at("/http_status").asInt()).isEqualTo(400);
    assertThat(body.at("/http_request_method").asText()).isEqualTo("GET");
    assertThat(body.at("/_href").asText()).isEqualTo(path);
    assertThat(body.at("/error_message").asText()).containsIgnoringCase("ambiguous");
    assertThat(body.at("/error/code").asText()).isEqualTo("PLP0000");
  }

  @Test
  void anAmbiguousContentPathGetsOneLineOfPlainText() throws Exception {
    HttpResponse<String> reply = get("/pulp/isos/a%2F..%2Fb/x.iso");

    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(reply.body()).startsWith("400 ").doesNotContain("<", "Jetty").hasLineCount(1);
  }

  @Test
  void noAnswerNamesTheServersSoftware() throws Exception {
    for (String path : List.of("/pulp/api/v2/status/", "/pulp/isos/none/", "/pulp/api/v2/a%2Fb/")) {
      assertThat(get(path).headers().firstValue("Server")).as(path).isEmpty();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
