package dev.depot.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ContentApi;
import dev.depot.plugin.ContentRequest;
import dev.depot.plugin.ContentResponse;
import dev.depot.plugin.Platform;
import dev.depot.server.plugin.ContentApis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's content API behind the server's handler, on a real Jetty listener. */
class ContentApiHandlerTest {
  @TempDir Path dir;
  Server server;
  Path publishRoot;
  final HttpClient http = HttpClient.newHttpClient();

  /** Answers by path: JSON, an echo of the request, a failure, or a file of the http tree. */
  final class Echo implements ContentApi {
    @Override
    public String prefix() {
      return "/pulp_test/api";
    }

    @Override
    public ContentResponse handle(ContentRequest request) throws IOException {
      return switch (request.segments().getFirst()) {
        case "echo" ->
            ContentResponse.json(
                "{\"protocol\": "
                    + ContentResponse.quote(request.protocol())
                    + ", \"path\": "
                    + ContentResponse.quote(request.path())
                    + ", \"module\": "
                    + ContentResponse.quote(String.valueOf(request.query().get("module")))
                    + ", \"base\": "
                    + ContentResponse.quote(request.baseUrl().toString())
                    + "}");
        case "boom" -> throw new IOException("cannot read /secret/place");
        case "file" ->
            new ContentResponse.File(
                publishRoot
                    .resolve("http")
                    .resolve(
                        String.join("/", request.segments().subList(1, request.segments().size()))),
                "text/plain");
        default -> ContentResponse.notFound("nothing at " + request.path());
      };
    }
  }

  @BeforeEach
  void start() throws Exception {
    publishRoot = Files.createDirectories(dir.resolve("published"));
    Files.createDirectories(publishRoot.resolve("http"));
    ContentApis apis = ContentApis.of(List.of(new Echo()), getClass().getClassLoader());
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setName("http");
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    Handler handler =
        ContentApiHandler.forProtocol(
            "http", apis.mounted().getFirst(), apis, publishRoot, dir.resolve("store"));
    server.setHandler(new Handler.Sequence(handler));
    server.start();
    apis.start(Platform.publishingUnder(publishRoot));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    URI uri = URI.create("http://127.0.0.1:" + port + "/pulp_test/api" + path);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> range(String path, String range) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    URI uri = URI.create("http://127.0.0.1:" + port + "/pulp_test/api" + path);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri).header("Range", range).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(206);
    return answer;
  }

  @Test
  void theApiGetsTheDecodedPathQueryProtocolAndBaseUrl() throws Exception {
    HttpResponse<String> echo = send("GET", "/echo/a%20b?module=puppet%2Dlabs&module=x&other");

    assertThat(echo.statusCode()).isEqualTo(200);
    assertThat(echo.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(echo.body())
        .contains("\"protocol\": \"http\"", "\"path\": \"/echo/a b\"")
        .contains("\"module\": \"[puppet-labs, x]\"")
        .containsPattern("\"base\": \"http://127\\.0\\.0\\.1:\\d+/pulp_test/api\"");
  }

  @Test
  void unsafePathsAreRefusedAndOtherMethodsNotAllowed() throws Exception {
    assertThat(send("GET", "/echo/..%2fx").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/echo/a%5cb").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/echo/a%00").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/echo/%2e%2e/x").statusCode()).isEqualTo(400);
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    URI encoded = URI.create("http://127.0.0.1:" + port + "/pulp%5Ftest/api/echo");
    assertThat(
            http.send(HttpRequest.newBuilder(encoded).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isIn(400, 404);
    HttpResponse<String> post = send("POST", "/echo");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(post.body()).contains("\"errors\"");
  }

  @Test
  void aFailingApiAnswers500WithoutItsMessage() throws Exception {
    HttpResponse<String> boom = send("GET", "/boom");

    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).contains("Internal server error").doesNotContain("secret");
  }

  @Test
  void filesAreStreamedOnlyFromInsideThePublishRootOrTheStore() throws Exception {
    Files.writeString(publishRoot.resolve("http/inside.txt"), "served\n");
    Path outside = Files.writeString(dir.resolve("outside.txt"), "private\n");
    Files.createSymbolicLink(publishRoot.resolve("http/planted.txt"), outside);

    HttpResponse<String> inside = send("GET", "/file/inside.txt");
    HttpResponse<String> head = send("HEAD", "/file/inside.txt");
    HttpResponse<String> planted = send("GET", "/file/planted.txt");

    assertThat(inside.statusCode()).isEqualTo(200);
    assertThat(inside.body()).isEqualTo("served\n");
    assertThat(inside.headers().firstValue("Content-Length")).hasValue("7");
    assertThat(inside.headers().firstValue("Last-Modified")).isPresent();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(range("/file/inside.txt", "bytes=1-3").body()).isEqualTo("erv");
    assertThat(planted.statusCode()).isEqualTo(404);
    assertThat(planted.body()).doesNotContain("private");
  }

  @Test
  void aFileIsServedThroughDirectoryLinksOnlyWhenTheyLeadInsideTheRoots() throws Exception {
    Path tree = Files.createDirectories(publishRoot.resolve("http/tree-1/pages"));
    Files.writeString(tree.resolve("page.json"), "{}\n");
    Files.createSymbolicLink(
        publishRoot.resolve("http/current"), publishRoot.resolve("http/tree-1"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/pages"));
    Files.writeString(elsewhere.resolve("page.json"), "private\n");
    Files.createSymbolicLink(publishRoot.resolve("http/planted"), dir.resolve("elsewhere"));

    HttpResponse<String> served = send("GET", "/file/current/pages/page.json");
    HttpResponse<String> again = send("GET", "/file/tree-1/pages/page.json");
    HttpResponse<String> planted = send("GET", "/file/planted/pages/page.json");
    HttpResponse<String> directory = send("GET", "/file/current/pages");

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo("{}\n");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(planted.statusCode()).isEqualTo(404);
    assertThat(planted.body()).doesNotContain("private");
    assertThat(directory.statusCode()).isEqualTo(404);
  }
}
