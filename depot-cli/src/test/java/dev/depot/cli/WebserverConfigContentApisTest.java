package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depot webserver-config} keeps the paths of plugins' HTTP APIs with Depot: one proxy block
 * per prefix the server listed in the data directory, none when it listed nothing.
 */
class WebserverConfigContentApisTest {
  @TempDir Path dir;

  private String run(String server, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "webserver-config";
    all[1] = server;
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        DepotCli.run(
            all,
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_DATA_DIR", dir.resolve("data").toString()));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private void listApis() throws Exception {
    Path published = Files.createDirectories(dir.resolve("data/published"));
    Files.writeString(
        published.resolve("content-apis"), "/pulp_memos/api dev.depot.plugins.example.MemoApi\n");
  }

  @Test
  void nginxProxiesEachListedApiToDepotOnBothProtocols() throws Exception {
    listApis();

    String config =
        run("nginx", "--depot-url", "http://10.0.0.5:8080/", "--depot-https-url", "https://h:9");

    assertThat(config)
        .contains(
            "# /pulp_memos/api/ is served by Depot's dev.depot.plugins.example.MemoApi API:"
                + " must stay with Depot.")
        .contains("location /pulp_memos/api/ {\n        proxy_pass http://10.0.0.5:8080;\n")
        .contains("proxy_pass https://h:9;")
        .contains("proxy_set_header Host $http_host;");
  }

  @Test
  void apacheProxiesEachListedApiToTheDefaultDepotUrl() throws Exception {
    listApis();

    String config = run("apache");

    assertThat(config)
        .contains("ProxyPass /pulp_memos/api/ http://127.0.0.1:8080/pulp_memos/api/\n")
        .contains("ProxyPassReverse /pulp_memos/api/ http://127.0.0.1:8080/pulp_memos/api/\n")
        .contains("ProxyPass /pulp_memos/api/ https://127.0.0.1:8443/pulp_memos/api/\n")
        .contains("must stay with Depot");
  }

  @Test
  void theProxiedListenersFollowTheServerUrlTheCliIsGivenAndItsStatus() throws Exception {
    listApis();
    // The server on other ports than the defaults: its status names where the other listener is.
    HttpServer status = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    status.createContext(
        "/pulp/api/v2/status/",
        exchange -> {
          byte[] body =
              ("{\"listeners\": {\"http\": \"http://localhost:28080/\","
                      + " \"https\": \"https://localhost:28443/\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    status.start();
    String overHttp;
    try {
      overHttp = run("nginx", "--url", "http://127.0.0.1:" + status.getAddress().getPort());
    } finally {
      status.stop(0);
    }
    String overHttps = run("nginx", "--url", "https://127.0.0.1:1");

    assertThat(overHttp)
        .contains("proxy_pass http://127.0.0.1:" + status.getAddress().getPort() + ";")
        .contains("proxy_pass https://127.0.0.1:28443;");
    assertThat(overHttps).contains("proxy_pass https://127.0.0.1:1;");
  }

  @Test
  void aServerThatCannotBeAskedLeavesTheOtherListenerAtItsDefaultSayingSo() throws Exception {
    listApis();
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {"webserver-config", "nginx", "--url", "http://127.0.0.1:" + closed},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_DATA_DIR", dir.resolve("data").toString()));

    assertThat(code).isZero();
    assertThat(out.toString()).contains("proxy_pass https://127.0.0.1:8443;");
    assertThat(err.toString()).contains("note: could not ask http://127.0.0.1:" + closed);
  }

  @Test
  void withoutTheServersListThereIsNoProxyBlock() {
    assertThat(run("nginx")).doesNotContain("proxy_pass");
    assertThat(run("apache")).doesNotContain("ProxyPass");
  }
}
