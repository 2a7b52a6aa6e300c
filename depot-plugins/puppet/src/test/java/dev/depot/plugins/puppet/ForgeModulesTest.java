package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.testkit.ContentApiServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Forge's {@code /v3/modules/<slug>} and {@code /v3/releases/<release>} over real HTTP, in the
 * shape r10k and librarian-puppet read, and Debian's r10k installing a Puppetfile through them.
 */
class ForgeModulesTest {
  @TempDir Path dir;
  InMemoryContent content;
  ContentApiServer server;
  String forge;

  @BeforeEach
  void publishModules() throws Exception {
    content = InMemoryContent.under(dir.resolve("store"), "forge1");
    TestModules.upload(content, dir, "acme", "web", "1.0.0", "acme-base >= 1.0.0 < 2.0.0");
    TestModules.upload(content, dir, "acme", "web", "1.10.0", "acme-base >= 1.0.0 < 2.0.0");
    TestModules.upload(content, dir, "acme", "web", "2.0.0-rc.1");
    TestModules.upload(content, dir, "acme", "base", "1.4.0");
    Platform platform = Platform.publishingUnder(dir.resolve("published"));
    PuppetDistributor distributor = new PuppetDistributor();
    distributor.init(platform);
    assertThat(
            distributor.publishRepo(
                content.repository(),
                content.publishConduit("web"),
                PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(PublishReport.Published.class);
    server = ContentApiServer.start(new ForgeApi(), platform, "http", content.storeDir());
    forge = server.baseUrl() + "/repository/forge1";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aModuleAnswersItsCurrentReleaseAndEveryReleaseNewestFirst() throws Exception {
    JsonNode module = get("/v3/modules/acme-web");

    assertThat(module.path("slug").asText()).isEqualTo("acme-web");
    assertThat(module.path("name").asText()).isEqualTo("web");
    assertThat(module.at("/owner/username").asText()).isEqualTo("acme");
    assertThat(module.at("/owner/slug").asText()).isEqualTo("acme");
    assertThat(module.path("deprecated_at").isNull()).isTrue();
    // The newest release that is no pre-release, whole, as the Forge's current_release.
    JsonNode current = module.path("current_release");
    assertThat(current.path("version").asText()).isEqualTo("1.10.0");
    assertThat(current.at("/metadata/name").asText()).isEqualTo("acme-web");
    assertThat(current.at("/metadata/dependencies/0/name").asText()).isEqualTo("acme-base");
    assertThat(current.path("file_uri").asText()).isEqualTo("/v3/files/acme-web-1.10.0.tar.gz");
    byte[] tarball = bytes(current.path("file_uri").asText());
    assertThat(current.path("file_md5").asText()).isEqualTo(digest("MD5", tarball));
    assertThat(current.path("file_sha256").asText()).isEqualTo(digest("SHA-256", tarball));
    List<String> versions = new ArrayList<>();
    module.path("releases").forEach(r -> versions.add(r.path("version").asText()));
    assertThat(versions).containsExactly("2.0.0-rc.1", "1.10.0", "1.0.0");
    assertThat(module.at("/releases/2/slug").asText()).isEqualTo("acme-web-1.0.0");
    assertThat(module.at("/releases/2/file_uri").asText())
        .isEqualTo("/v3/files/acme-web-1.0.0.tar.gz");
  }

  @Test
  void aReleaseAnswersItsChecksumsAndMetadata() throws Exception {
    JsonNode release = get("/v3/releases/acme-base-1.4.0");

    assertThat(release.path("slug").asText()).isEqualTo("acme-base-1.4.0");
    assertThat(release.at("/module/slug").asText()).isEqualTo("acme-base");
    assertThat(release.at("/metadata/version").asText()).isEqualTo("1.4.0");
    assertThat(release.path("file_md5").asText())
        .isEqualTo(digest("MD5", bytes("/v3/files/acme-base-1.4.0.tar.gz")));
  }

  @Test
  void anUnknownModuleOrReleaseIs404NamingIt() throws Exception {
    for (String path :
        List.of(
            "/v3/modules/acme-nosuch", "/v3/modules/not_a_slug", "/v3/releases/acme-web-9.0.0")) {
      HttpResponse<String> missing = send(forge + path);
      assertThat(missing.statusCode()).as(path).isEqualTo(404);
      assertThat(missing.body()).as(path).contains(path.substring(path.lastIndexOf('/') + 1));
    }
  }

  @Test
  void r10kInstallsAPuppetfileFromTheRepository() throws Exception {
    Path r10k = Path.of("/usr/bin/r10k");
    if (!Files.isExecutable(r10k) && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("r10k is missing; .ci/run installs it");
    }
    Assumptions.assumeTrue(Files.isExecutable(r10k), "r10k is not installed");
    Path config =
        Files.writeString(
            dir.resolve("r10k.yaml"),
            "forge:\n  baseurl: '" + forge + "'\ncachedir: '" + dir.resolve("cache") + "'\n");
    Path puppetfile =
        Files.writeString(
            dir.resolve("Puppetfile"), "mod 'acme-web', :latest\nmod 'acme/base', '1.4.0'\n");
    Path modules = dir.resolve("modules");

    Process process =
        new ProcessBuilder(
                r10k.toString(),
                "puppetfile",
                "install",
                "--config",
                config.toString(),
                "--puppetfile",
                puppetfile.toString(),
                "--moduledir",
                modules.toString())
            .redirectErrorStream(true)
            .directory(dir.toFile())
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain("ERROR");
    assertThat(modules.resolve("web/metadata.json")).content().contains("\"version\":\"1.10.0\"");
    assertThat(modules.resolve("base/manifests/init.pp")).hasContent("class base {}");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(forge + path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ModuleRelease.JSON.readTree(response.body());
  }

  private byte[] bytes(String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(URI.create(forge + path)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  private static String digest(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  private static HttpResponse<String> send(String url) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
