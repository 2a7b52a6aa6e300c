package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.tree.LinkTemplates;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import dev.depot.server.tls.CertificateAuthority;
import dev.depot.server.tls.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * File content end to end, as a user meets it: a feed on disk or behind another Depot, a sync, a
 * publish, and real curl fetching over HTTP and HTTPS, on both databases.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FileContentEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;
  final Map<String, byte[]> files = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    files.put("alpha.iso", "alpha contents\n".repeat(100).getBytes(StandardCharsets.UTF_8));
    files.put("images/beta.img", "beta".repeat(5000).getBytes(StandardCharsets.UTF_8));
    files.put("gamma.txt", "gamma\n".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Writes the files and their PULP_MANIFEST; {@code lie} names a file whose checksum is wrong. */
  static Path feed(Path root, Map<String, byte[]> files, String lie) throws Exception {
    StringBuilder manifest = new StringBuilder();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
      String checksum =
          file.getKey().equals(lie) ? sha256("something else".getBytes()) : sha256(file.getValue());
      manifest.append(file.getKey()).append(',').append(checksum).append(',');
      manifest.append(file.getValue().length).append('\n');
    }
    Files.writeString(root.resolve("PULP_MANIFEST"), manifest);
    return root;
  }

  static void createRepo(RunningDepot server, String id, String feed, String distributorConfig)
      throws Exception {
    TestApi.Reply created =
        server.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "%s", "importer_type_id": "iso_importer",
             "importer_config": {"feed": "%s"},
             "distributors": [{"distributor_id": "web", "distributor_type_id": "iso_distributor",
                               "distributor_config": %s, "auto_publish": false}]}
            """
                .formatted(id, feed, distributorConfig));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  static JsonNode sync(RunningDepot server, String repo) throws Exception {
    return server.awaitTask(
        server.call("POST", "/pulp/api/v2/repositories/" + repo + "/actions/sync/", "{}"));
  }

  static JsonNode publish(RunningDepot server, String repo) throws Exception {
    return server.awaitTask(
        server.call(
            "POST",
            "/pulp/api/v2/repositories/" + repo + "/actions/publish/",
            "{\"id\": \"web\"}"));
  }

  static long isoCount(RunningDepot server, String repo) throws Exception {
    return server
        .call("GET", "/pulp/api/v2/repositories/" + repo + "/", null)
        .json()
        .at("/content_unit_counts/iso")
        .asLong();
  }

  private String http(String path) {
    return "http://127.0.0.1:" + depot.depot().port() + path;
  }

  private String https(String path) {
    return "https://localhost:" + depot.depot().httpsPort() + path;
  }

  private String ca() {
    return dir.resolve("server/tls/ca.crt").toString();
  }

  @Test
  void syncsAFeedAndServesItOverHttpAndHttpsWithRangesAndConditionalRequests() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "zoo", feed.toUri().toString(), "{\"serve_http\": true}");

    JsonNode synced = sync(depot, "zoo");
    assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");
    assertThat(isoCount(depot, "zoo")).isEqualTo(3);
    assertThat(synced.at("/progress_report/iso_importer/state").asText()).isEqualTo("complete");
    JsonNode published = publish(depot, "zoo");
    assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");
    Path entry = dir.resolve("server/published/http/isos/zoo").toRealPath().resolve("alpha.iso");
    Path stored = Files.readSymbolicLink(entry);
    assertThat(stored).startsWith(dir.resolve("server/content/units/iso"));
    assertThat(Files.getAttribute(entry, "unix:ino", LinkOption.NOFOLLOW_LINKS))
        .as("the publish hard-linked the link template the sync gave the unit")
        .isEqualTo(
            Files.getAttribute(LinkTemplates.of(stored), "unix:ino", LinkOption.NOFOLLOW_LINKS));

    Curl.Result manifest = Curl.run(http("/pulp/isos/zoo/PULP_MANIFEST"));
    assertThat(manifest.status()).isEqualTo(200);
    assertThat(manifest.text().lines()).hasSize(3).anyMatch(l -> l.startsWith("images/beta.img,"));
    Curl.Result beta = Curl.run("--cacert", ca(), https("/pulp/isos/zoo/images/beta.img"));
    assertThat(beta.status()).isEqualTo(200);
    assertThat(beta.body()).isEqualTo(files.get("images/beta.img"));

    Curl.Result range = Curl.run("-r", "2-5", http("/pulp/isos/zoo/alpha.iso"));
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.text()).isEqualTo("pha ");
    Curl.Result ranges = Curl.run("-r", "0-1,4-5", http("/pulp/isos/zoo/alpha.iso"));
    assertThat(ranges.status()).isEqualTo(206);
    assertThat(ranges.header("Content-Type")).startsWith("multipart/byteranges");

    Curl.Result full = Curl.run(http("/pulp/isos/zoo/alpha.iso"));
    String etag = full.header("ETag");
    assertThat(etag).isNotBlank();
    assertThat(Curl.run("-H", "If-None-Match: " + etag, http("/pulp/isos/zoo/alpha.iso")).status())
        .isEqualTo(304);
    String modified = full.header("Last-Modified");
    assertThat(
            Curl.run("-H", "If-Modified-Since: " + modified, http("/pulp/isos/zoo/alpha.iso"))
                .status())
        .isEqualTo(304);
    Curl.Result head = Curl.run("-I", http("/pulp/isos/zoo/alpha.iso"));
    assertThat(head.header("Content-Length")).isEqualTo("1500");
    Curl.Result listing = Curl.run(http("/pulp/isos/zoo/"));
    assertThat(listing.status()).isEqualTo(200);
    assertThat(listing.text()).contains("alpha.iso").contains("images");
  }

  @Test
  void eachProtocolServesOnlyWhatWasPublishedForIt() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "secure", feed.toUri().toString(), "{}"); // HTTPS only, as by default
    sync(depot, "secure");
    publish(depot, "secure");

    assertThat(Curl.run("--cacert", ca(), https("/pulp/isos/secure/gamma.txt")).status())
        .isEqualTo(200);
    assertThat(Curl.run(http("/pulp/isos/secure/gamma.txt")).status()).isEqualTo(404);
    assertThat(Curl.run(http("/pulp/api/../isos/secure/gamma.txt")).status()).isNotEqualTo(200);
  }

  @Test
  void aDeletedRepositoryIsNotServedAMomentLonger() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "gone", feed.toUri().toString(), "{\"serve_http\": true}");
    sync(depot, "gone");
    publish(depot, "gone");
    // Served twice: the content server holds small files in memory once they were asked for.
    assertThat(Curl.run(http("/pulp/isos/gone/gamma.txt")).status()).isEqualTo(200);
    assertThat(Curl.run(http("/pulp/isos/gone/gamma.txt")).status()).isEqualTo(200);

    depot.awaitTask(depot.call("DELETE", "/pulp/api/v2/repositories/gone/", null));

    assertThat(Curl.run(http("/pulp/isos/gone/gamma.txt")).status()).isEqualTo(404);
    Path isoMasters = dir.resolve("server/published/master/iso_distributor");
    assertThat(isoMasters).as("other repositories' trees would live there").isDirectory();
    assertThat(isoMasters.resolve("gone")).as("nothing of the repository is left").doesNotExist();
  }

  @Test
  void aTreeRemovedByHandIsPublishedAgainNotSkipped() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "lost", feed.toUri().toString(), "{\"serve_http\": true}");
    sync(depot, "lost");
    publish(depot, "lost");
    assertThat(publish(depot, "lost").path("state").asText()).isEqualTo("skipped");
    JsonNode locations =
        depot
            .call("GET", "/pulp/api/v2/repositories/lost/distributors/web/", null)
            .json()
            .path("published_locations");
    for (JsonNode location : locations) {
      Path tree = Path.of(location.path("tree_path").asText());
      if (Files.isSymbolicLink(tree)) {
        Files.delete(tree);
      } else {
        try (var walk = Files.walk(tree)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    assertThat(Curl.run(http("/pulp/isos/lost/gamma.txt")).status()).isEqualTo(404);

    assertThat(publish(depot, "lost").path("state").asText()).isEqualTo("finished");

    assertThat(Curl.run(http("/pulp/isos/lost/gamma.txt")).status()).isEqualTo(200);
  }

  @Test
  void aSecondDepotMirrorsTheFirstOverHttp() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "origin", feed.toUri().toString(), "{\"serve_http\": true}");
    sync(depot, "origin");
    publish(depot, "origin");

    try (RunningDepot mirror = RunningDepot.start(database, dir.resolve("mirror"))) {
      createRepo(mirror, "copy", http("/pulp/isos/origin/"), "{\"serve_http\": true}");
      JsonNode synced = sync(mirror, "copy");
      assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");
      assertThat(isoCount(mirror, "copy")).isEqualTo(3);
      publish(mirror, "copy");
      Curl.Result beta =
          Curl.run("http://127.0.0.1:" + mirror.depot().port() + "/pulp/isos/copy/images/beta.img");
      assertThat(beta.body()).isEqualTo(files.get("images/beta.img"));

      JsonNode again = sync(mirror, "copy");
      assertThat(again.at("/progress_report/iso_importer/size_left").asLong()).isZero();
      assertThat(again.at("/result/added_count").asLong()).isZero();
    }
  }

  @Test
  void aMirrorOverHttpsTrustsTheCaItIsGivenAndNoOther() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "origin", feed.toUri().toString(), "{}");
    sync(depot, "origin");
    publish(depot, "origin");
    String ca = Files.readString(dir.resolve("server/tls/ca.crt"));

    try (RunningDepot mirror = RunningDepot.start(database, dir.resolve("mirror"))) {
      String url = https("/pulp/isos/origin/");
      TestApi.Reply created =
          mirror.call(
              "POST",
              "/pulp/api/v2/repositories/",
              "{\"id\": \"trusting\", \"importer_type_id\": \"iso_importer\","
                  + " \"importer_config\": {\"feed\": \""
                  + url
                  + "\", \"ssl_ca_cert\": "
                  + dev.depot.server.db.Json.write(ca)
                  + "}}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      JsonNode trusted = sync(mirror, "trusting");
      assertThat(trusted.at("/state").asText()).as(trusted.toString()).isEqualTo("finished");
      assertThat(isoCount(mirror, "trusting")).isEqualTo(3);

      createRepo(mirror, "doubting", url, "{}");
      JsonNode refused = sync(mirror, "doubting");
      assertThat(refused.at("/state").asText()).isEqualTo("error");
      assertThat(refused.at("/progress_report/iso_importer/error_message").asText())
          .contains("PULP_MANIFEST");
      assertThat(refused.toString()).doesNotContain("BEGIN CERTIFICATE");
    }
  }

  @Test
  void storedUnitsAreNotDownloadedAgainAndMirrorModeDropsWhatTheFeedLost() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "first", feed.toUri().toString(), "{}");
    sync(depot, "first");
    // The files are gone from the feed; only its manifest is left. A second repository still
    // gets every unit, from the content store.
    for (String name : files.keySet()) {
      Files.delete(feed.resolve(name));
    }
    createRepo(depot, "second", feed.toUri().toString(), "{}");
    JsonNode second = sync(depot, "second");
    assertThat(second.at("/state").asText()).as(second.toString()).isEqualTo("finished");
    assertThat(isoCount(depot, "second")).isEqualTo(3);

    Map<String, byte[]> fewer = new LinkedHashMap<>(files);
    fewer.remove("gamma.txt");
    feed(dir.resolve("feed"), fewer, null);
    JsonNode mirrored =
        depot.awaitTask(
            depot.call(
                "POST",
                "/pulp/api/v2/repositories/second/actions/sync/",
                "{\"override_config\": {\"remove_missing_units\": true}}"));
    assertThat(mirrored.at("/state").asText()).isEqualTo("finished");
    assertThat(mirrored.at("/result/removed_count").asLong()).isEqualTo(1);
    assertThat(isoCount(depot, "second")).isEqualTo(2);
    assertThat(isoCount(depot, "first")).as("other repositories keep it").isEqualTo(3);
  }

  @Test
  void aCorruptFileIsRejectedReportedAndNeverStored() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, "gamma.txt");
    createRepo(depot, "zoo", feed.toUri().toString(), "{}");

    JsonNode synced = sync(depot, "zoo");

    assertThat(synced.at("/state").asText()).isEqualTo("error");
    JsonNode errors = synced.at("/progress_report/iso_importer/iso_error_messages");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).at("/name").asText()).isEqualTo("gamma.txt");
    assertThat(errors.get(0).at("/error/response_msg").asText()).contains("SHA-256");
    // gamma.txt came in whole and was refused: the bytes done are the two stored files' only.
    assertThat(synced.at("/progress_report/iso_importer/size_left").asLong())
        .isEqualTo(files.get("gamma.txt").length);
    assertThat(isoCount(depot, "zoo")).isEqualTo(2);
    try (Stream<Path> stored = Files.walk(dir.resolve("server/content"))) {
      assertThat(stored.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("gamma"));
    }
  }

  @Test
  void aMalformedManifestFailsTheSyncNamingTheLine() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    Files.writeString(
        feed.resolve("PULP_MANIFEST"),
        "\nnot,a-checksum,12\n",
        java.nio.file.StandardOpenOption.APPEND);
    createRepo(depot, "zoo", feed.toUri().toString(), "{}");

    JsonNode synced = sync(depot, "zoo");

    assertThat(synced.at("/state").asText()).isEqualTo("error");
    assertThat(synced.at("/progress_report/iso_importer/error_message").asText())
        .contains("line 5")
        .contains("checksum");
    assertThat(isoCount(depot, "zoo")).isZero();
  }

  @Test
  void aCancelledSyncKeepsFinishedUnitsAndLeavesNoPartialFile() throws Exception {
    Map<String, byte[]> slow = new LinkedHashMap<>();
    slow.put("small.txt", "quick\n".getBytes(StandardCharsets.UTF_8));
    slow.put("big.bin", new byte[400_000]);
    Path feed = feed(dir.resolve("feed"), slow, null);
    TestApi.Reply created =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "slow", "importer_type_id": "iso_importer",
             "importer_config": {"feed": "%s", "num_threads": 1, "max_speed": 40000}}
            """
                .formatted(feed.toUri()));
    assertThat(created.status()).isEqualTo(201);
    String task =
        depot
            .call("POST", "/pulp/api/v2/repositories/slow/actions/sync/", "{}")
            .json()
            .at("/spawned_tasks/0/task_id")
            .asText();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (isoCount(depot, "slow") < 1 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(isoCount(depot, "slow"))
        .as("the cancel must land mid-sync: one unit stored, the big one still downloading")
        .isEqualTo(1);

    assertThat(depot.call("DELETE", "/pulp/api/v2/tasks/" + task + "/", null).status())
        .isEqualTo(200);
    JsonNode cancelled = depot.awaitTask(task);

    assertThat(cancelled.at("/state").asText()).isEqualTo("canceled");
    assertThat(isoCount(depot, "slow")).isEqualTo(1);
    try (Stream<Path> stored = Files.walk(dir.resolve("server"))) {
      assertThat(stored.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".part-") || n.equals("big.bin"));
    }
  }

  @Test
  void aSymlinkPlantedInAPublishedTreeIsNotFollowed() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "zoo", feed.toUri().toString(), "{\"serve_http\": true}");
    sync(depot, "zoo");
    publish(depot, "zoo");
    Path tree = dir.resolve("server/published/http/isos/zoo").toRealPath();
    Path secret = Files.writeString(dir.resolve("secret.txt"), "not for you");
    Files.createSymbolicLink(tree.resolve("planted"), secret);
    Files.createSymbolicLink(tree.resolve("passwd"), Path.of("/etc/passwd"));

    assertThat(Curl.run(http("/pulp/isos/zoo/planted")).status()).isEqualTo(404);
    assertThat(Curl.run(http("/pulp/isos/zoo/passwd")).status()).isEqualTo(404);
    assertThat(Curl.run(http("/pulp/isos/zoo/gamma.txt")).status()).isEqualTo(200);
  }

  @Test
  void aProtectedRepositoryWantsAClientCertificateFromItsCa() throws Exception {
    CertificateAuthority repoCa = CertificateAuthority.create("Zoo CA", Duration.ofDays(1));
    CertificateAuthority otherCa = CertificateAuthority.create("Other CA", Duration.ofDays(1));
    Path feed = feed(dir.resolve("feed"), files, null);
    String caPem = pem(repoCa);
    createRepo(
        depot,
        "zoo",
        feed.toUri().toString(),
        "{\"ssl_auth_ca_cert\": " + dev.depot.server.db.Json.write(caPem) + "}");
    sync(depot, "zoo");
    publish(depot, "zoo");
    String url = https("/pulp/isos/zoo/gamma.txt");

    assertThat(Curl.run("--cacert", ca(), url).status()).isEqualTo(403);
    Curl.Result good = client(repoCa, "good", url);
    assertThat(good.status()).as(good.headers()).isEqualTo(200);
    assertThat(client(otherCa, "bad", url).status()).isEqualTo(403);

    // The CA is replaced: from the next publish on, only the new CA's clients get in.
    JsonNode replaced =
        depot.awaitTask(
            depot.call(
                "PUT",
                "/pulp/api/v2/repositories/zoo/distributors/web/",
                "{\"distributor_config\": {\"ssl_auth_ca_cert\": "
                    + dev.depot.server.db.Json.write(pem(otherCa))
                    + "}}"));
    assertThat(replaced.at("/state").asText()).as(replaced.toString()).isEqualTo("finished");
    publish(depot, "zoo");
    assertThat(client(repoCa, "old", url).status()).isEqualTo(403);
    assertThat(client(otherCa, "new", url).status()).isEqualTo(200);
  }

  private static String pem(CertificateAuthority ca) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
            .encodeToString(ca.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private Curl.Result client(CertificateAuthority ca, String name, String url) throws Exception {
    IssuedCertificate cert = ca.issueClient(name, Duration.ofDays(1));
    Path certFile = Files.writeString(dir.resolve(name + ".crt"), cert.certificatePem());
    Path keyFile = Files.writeString(dir.resolve(name + ".key"), cert.privateKeyPem());
    return Curl.run(
        "--cacert", ca(), "--cert", certFile.toString(), "--key", keyFile.toString(), url);
  }
}
