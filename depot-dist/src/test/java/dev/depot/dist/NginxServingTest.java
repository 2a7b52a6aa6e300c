package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.cli.DepotCli;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real nginx, configured by {@code depot webserver-config nginx}, serving Depot's trees. */
class NginxServingTest {
  @TempDir Path dir;
  RunningDepot depot;
  Process nginx;

  @BeforeEach
  void start() throws Exception {
    Nginx.assumeInstalled();
    depot = RunningDepot.start(TestDatabase.H2, dir.resolve("server"));
  }

  @AfterEach
  void stop() throws Exception {
    Nginx.stop(dir.resolve("nginx"));
    if (depot != null) {
      depot.close();
    }
  }

  @Test
  void nginxServesTheSamePublishedTreesOnBothProtocolsAndFeedsASync() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("a.iso", "alpha".repeat(1000).getBytes(StandardCharsets.UTF_8));
    files.put("dir/b.txt", "bravo\n".getBytes(StandardCharsets.UTF_8));
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files, null);
    FileContentEndToEndTest.createRepo(
        depot, "zoo", feed.toUri().toString(), "{\"serve_http\": true}");
    FileContentEndToEndTest.sync(depot, "zoo");
    FileContentEndToEndTest.publish(depot, "zoo");
    int http = freePort();
    int https = freePort();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {
              "webserver-config",
              "nginx",
              "--http-port",
              Integer.toString(http),
              "--https-port",
              Integer.toString(https),
              "--depot-url",
              "http://127.0.0.1:" + depot.depot().port(),
              "--depot-https-url",
              "https://127.0.0.1:" + depot.depot().httpsPort()
            },
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_DATA_DIR", dir.resolve("server").toString()));
    assertThat(code).as(err.toString()).isZero();
    Nginx.start(dir.resolve("nginx"), out.toString());

    Curl.Result plain = Curl.run("http://127.0.0.1:" + http + "/pulp/isos/zoo/a.iso");
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.body()).isEqualTo(files.get("a.iso"));
    Curl.Result secure =
        Curl.run(
            "--cacert",
            dir.resolve("server/tls/ca.crt").toString(),
            "https://localhost:" + https + "/pulp/isos/zoo/dir/b.txt");
    assertThat(secure.status()).isEqualTo(200);
    assertThat(secure.text()).isEqualTo("bravo\n");
    // Plugin APIs cannot be served from files: nginx proxies them to Depot, on both protocols.
    Curl.Result api =
        Curl.run(
            "--cacert",
            dir.resolve("server/tls/ca.crt").toString(),
            "https://localhost:" + https + "/pulp_memos/api/repository/zoo/memos.json");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.text()).contains("Repository zoo has no memos published over https");
    FileContentEndToEndTest.createRepo(
        depot, "via-nginx", "http://127.0.0.1:" + http + "/pulp/isos/zoo/", "{}");
    com.fasterxml.jackson.databind.JsonNode synced =
        FileContentEndToEndTest.sync(depot, "via-nginx");
    assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");
    assertThat(FileContentEndToEndTest.isoCount(depot, "via-nginx")).isEqualTo(2);
    Curl.Result manifest = Curl.run("http://127.0.0.1:" + http + "/pulp/isos/zoo/PULP_MANIFEST");
    assertThat(manifest.text())
        .isEqualTo(
            Curl.run("http://127.0.0.1:" + depot.depot().port() + "/pulp/isos/zoo/PULP_MANIFEST")
                .text());
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts and stops a private nginx with a generated server block. */
  static final class Nginx {
    private Nginx() {}

    static void assumeInstalled() {
      boolean installed = Files.isExecutable(Path.of("/usr/sbin/nginx"));
      if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("nginx is missing; .ci/run installs it");
      }
      Assumptions.assumeTrue(installed, "nginx is not installed");
    }

    static void start(Path root, String servers) throws Exception {
      Files.createDirectories(root.resolve("logs"));
      Files.createDirectories(root.resolve("tmp"));
      String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
      String conf =
          user
              + "worker_processes 1;\n"
              + "pid "
              + root.resolve("nginx.pid")
              + ";\nerror_log "
              + root.resolve("logs/error.log")
              + ";\nevents { worker_connections 1024; }\nhttp {\n"
              + "  include /etc/nginx/mime.types;\n  access_log off;\n"
              + "  client_body_temp_path "
              + root.resolve("tmp/body")
              + ";\n  proxy_temp_path "
              + root.resolve("tmp/proxy")
              + ";\n  fastcgi_temp_path "
              + root.resolve("tmp/fastcgi")
              + ";\n  uwsgi_temp_path "
              + root.resolve("tmp/uwsgi")
              + ";\n  scgi_temp_path "
              + root.resolve("tmp/scgi")
              + ";\n"
              + servers
              + "}\n";
      Path file = Files.writeString(root.resolve("nginx.conf"), conf);
      Process process =
          new ProcessBuilder(
                  List.of(
                      "/usr/sbin/nginx",
                      "-e",
                      root.resolve("logs/error.log").toString(),
                      "-p",
                      root.toString(),
                      "-c",
                      file.toString()))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("nginx did not start: " + output + "\n" + conf);
      }
    }

    static void stop(Path root) throws Exception {
      Path pid = root.resolve("nginx.pid");
      if (Files.exists(pid)) {
        new ProcessBuilder("kill", "-QUIT", Files.readString(pid).trim()).start().waitFor();
      }
    }
  }
}
