package dev.depot.dist;

import static dev.depot.dist.FileContentEndToEndTest.createRepo;
import static dev.depot.dist.FileContentEndToEndTest.feed;
import static dev.depot.dist.FileContentEndToEndTest.isoCount;
import static dev.depot.dist.FileContentEndToEndTest.publish;
import static dev.depot.dist.FileContentEndToEndTest.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.testkit.Tinyproxy;
import dev.depot.server.db.Json;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An importer's {@code proxy_*} settings against a real proxy: a mirror syncs from another Depot
 * through tinyproxy, which demands credentials, over HTTPS (a CONNECT tunnel) and plain HTTP.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ProxySyncEndToEndTest {
  private static final String USER = "mirror";
  private static final String PASSWORD = "proxy-Secret-42";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot origin;
  RunningDepot mirror;
  Tinyproxy proxy;

  @BeforeEach
  void start() throws Exception {
    Tinyproxy.assumeInstalled();
    proxy = Tinyproxy.start(dir.resolve("proxy"), "BasicAuth " + USER + " " + PASSWORD);
    origin = RunningDepot.start(database, dir.resolve("origin"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("alpha.iso", "alpha\n".repeat(500).getBytes(StandardCharsets.UTF_8));
    files.put("disk/beta.img", "beta".repeat(3000).getBytes(StandardCharsets.UTF_8));
    createRepo(
        origin,
        "origin",
        feed(dir.resolve("feed"), files, null).toUri().toString(),
        "{\"serve_http\": true}");
    sync(origin, "origin");
    publish(origin, "origin");
    mirror = RunningDepot.start(database, dir.resolve("mirror"));
  }

  @AfterEach
  void stop() throws Exception {
    if (mirror != null) {
      mirror.close();
    }
    if (origin != null) {
      origin.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private void createMirror(String id, String feed, String password) throws Exception {
    String ca = Files.readString(dir.resolve("origin/tls/ca.crt"));
    TestApi.Reply created =
        mirror.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "%s", "importer_type_id": "iso_importer",
             "importer_config": {"feed": "%s", "ssl_ca_cert": %s, "proxy_host": "127.0.0.1",
                                 "proxy_port": %d, "proxy_username": "%s", "proxy_password": "%s"}}
            """
                .formatted(id, feed, Json.write(ca), proxy.port(), USER, password));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @Test
  void anHttpsFeedIsFetchedThroughTheProxysTunnel() throws Exception {
    int port = origin.depot().httpsPort();
    createMirror("tunnelled", "https://localhost:" + port + "/pulp/isos/origin/", PASSWORD);

    JsonNode task = sync(mirror, "tunnelled");

    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    assertThat(isoCount(mirror, "tunnelled")).isEqualTo(2);
    assertThat(proxy.log()).contains("CONNECT localhost:" + port);
    assertThat(task.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void anHttpFeedIsFetchedThroughTheProxy() throws Exception {
    String base = "http://127.0.0.1:" + origin.depot().port() + "/pulp/isos/origin/";
    createMirror("relayed", base, PASSWORD);

    JsonNode task = sync(mirror, "relayed");

    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    assertThat(isoCount(mirror, "relayed")).isEqualTo(2);
    assertThat(proxy.log()).contains("GET " + base + "PULP_MANIFEST", "GET " + base + "alpha.iso");
  }

  @Test
  void wrongProxyCredentialsFailTheSyncWithoutShowingThem() throws Exception {
    String wrong = "not-the-" + PASSWORD;
    createMirror(
        "refused", "https://localhost:" + origin.depot().httpsPort() + "/pulp/isos/origin/", wrong);

    JsonNode task = sync(mirror, "refused");

    assertThat(task.at("/state").asText()).isEqualTo("error");
    assertThat(task.at("/progress_report/iso_importer/error_message").asText())
        .contains("PULP_MANIFEST", "the proxy 127.0.0.1:" + proxy.port() + " refused")
        .contains("proxy_username");
    assertThat(isoCount(mirror, "refused")).isZero();
    assertThat(task.toString()).doesNotContain(wrong);
  }
}
