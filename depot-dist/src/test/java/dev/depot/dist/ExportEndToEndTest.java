package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The export distributor as a user meets it: a repository packed into several small ISO images that
 * real xorriso extracts byte-identical, with DIGESTS that coreutils accept, imported on a second
 * server; an incremental export of one window's additions; bad settings refused.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExportEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;

  @BeforeEach
  void start() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/xorriso"));
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("xorriso is missing; .ci/run installs it");
    }
    Assumptions.assumeTrue(installed, "xorriso is not installed");
    depot = RunningDepot.start(database, dir.resolve("server"));
  }

  @AfterEach
  void stop() throws Exception {
    if (depot != null) {
      depot.close();
    }
  }

  private static Map<String, byte[]> files(int count, int size, String prefix) {
    Random random = new Random(count);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      String name =
          switch (i) {
            case 0 ->
                prefix
                    + "a long file name with spaces, more than sixty-four characters, really.bin";
            case 1 -> "sub/dir/" + prefix + "deep.txt";
            default -> prefix + "file-" + i + ".bin";
          };
      files.put(name.replace(",", ""), bytes);
    }
    return files;
  }

  private void createRepo(String id, Path feed, String exportConfig) throws Exception {
    createRepo(depot, id, feed, exportConfig);
  }

  private static void createRepo(RunningDepot depot, String id, Path feed, String exportConfig)
      throws Exception {
    TestApi.Reply created =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "%s", "importer_type_id": "iso_importer",
             "importer_config": {"feed": "%s"},
             "distributors": [{"distributor_id": "export", "distributor_type_id": "export_distributor",
                               "distributor_config": %s}]}
            """
                .formatted(id, feed.toUri(), exportConfig));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private JsonNode export(String repo) throws Exception {
    return depot.awaitTask(
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/" + repo + "/actions/publish/",
            "{\"id\": \"export\"}"));
  }

  private List<Path> download(String url, Path into) throws Exception {
    Files.createDirectories(into);
    List<Path> images = new ArrayList<>();
    for (String line : Curl.run(url + "PULP_MANIFEST").text().lines().toList()) {
      String name = line.split(",")[0];
      for (String file : List.of(name, name + ".DIGESTS")) {
        Curl.Result got = Curl.run(url + file);
        assertThat(got.status()).isEqualTo(200);
        Files.write(into.resolve(file), got.body());
      }
      images.add(into.resolve(name));
    }
    return images;
  }

  private static void extract(Path image, Path into) throws Exception {
    Process p =
        new ProcessBuilder(
                "xorriso",
                "-osirrox",
                "on",
                "-indev",
                image.toString(),
                "-extract",
                "/",
                into.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void aRepositoryIsPackedIntoImagesThatExtractIdenticallyAndImportElsewhere() throws Exception {
    Map<String, byte[]> files = files(7, 400_000, "");
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files, null);
    createRepo(
        "zoo",
        feed,
        "{\"http\": true, \"https\": false, \"iso_size\": 1, \"iso_prefix\": \"zoo\","
            + " \"relative_url\": \"media/zoo\", \"manifest\": true}");
    FileContentEndToEndTest.sync(depot, "zoo");

    JsonNode task = export("zoo");

    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    String url = "http://127.0.0.1:" + depot.depot().port() + "/pulp/exports/media/zoo/";
    List<Path> images = download(url, dir.resolve("downloaded"));
    assertThat(images).hasSizeGreaterThanOrEqualTo(3);
    assertThat(images.get(0).getFileName().toString())
        .matches("zoo-\\d{4}-\\d\\d-\\d\\dT\\d\\d\\.\\d\\d-01\\.iso");
    Path extracted = Files.createDirectories(dir.resolve("extracted"));
    for (Path image : images) {
      assertThat(Files.size(image)).isLessThanOrEqualTo(1024 * 1024);
      for (String tool : List.of("md5sum", "sha1sum", "sha256sum", "sha512sum")) {
        Process check =
            new ProcessBuilder(
                    "sh",
                    "-c",
                    "grep -E '^[0-9a-f]{"
                        + hexLength(tool)
                        + "} ' '"
                        + image.getFileName()
                        + ".DIGESTS' | "
                        + tool
                        + " -c -")
                .directory(image.getParent().toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(tool + ": " + out).isZero();
      }
      extract(image, extracted);
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertThat(extracted.resolve(file.getKey())).hasBinaryContent(file.getValue());
    }

    try (RunningDepot site = RunningDepot.start(database, dir.resolve("airgap"))) {
      FileContentEndToEndTest.createRepo(site, "zoo", extracted.toUri().toString(), "{}");
      JsonNode synced = FileContentEndToEndTest.sync(site, "zoo");
      assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");
      assertThat(FileContentEndToEndTest.isoCount(site, "zoo")).isEqualTo(files.size());
      JsonNode units =
          site.call(
                  "POST",
                  "/pulp/api/v2/repositories/zoo/search/units/",
                  "{\"criteria\": {\"type_ids\": [\"iso\"], \"sort\": {\"unit\": [[\"name\", \"ascending\"]]}}}")
              .json();
      List<String> names = new ArrayList<>();
      units.forEach(u -> names.add(u.at("/metadata/name").asText()));
      assertThat(names).containsExactlyInAnyOrderElementsOf(files.keySet());
    }
  }

  @Test
  void theImagesThemselvesAreAFeedReadInPlace() throws Exception {
    Map<String, byte[]> files = files(5, 300_000, "");
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files, null);
    createRepo(
        "zoo", feed, "{\"http\": true, \"https\": false, \"iso_size\": 1, \"manifest\": true}");
    FileContentEndToEndTest.sync(depot, "zoo");
    export("zoo");
    List<Path> images =
        download(
            "http://127.0.0.1:" + depot.depot().port() + "/pulp/exports/zoo/", dir.resolve("m"));
    // Nothing in the images' directory but the images and their DIGESTS, as on the media.
    assertThat(images).hasSizeGreaterThanOrEqualTo(2);

    try (RunningDepot site = RunningDepot.start(database, dir.resolve("airgap"))) {
      FileContentEndToEndTest.createRepo(site, "zoo", dir.resolve("m").toUri().toString(), "{}");
      JsonNode synced = FileContentEndToEndTest.sync(site, "zoo");
      assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");
      assertThat(FileContentEndToEndTest.isoCount(site, "zoo")).isEqualTo(files.size());
      FileContentEndToEndTest.publish(site, "zoo");
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Curl.Result served =
            Curl.run(
                "--cacert",
                dir.resolve("airgap/tls/ca.crt").toString(),
                "https://localhost:"
                    + site.depot().httpsPort()
                    + "/pulp/isos/zoo/"
                    + file.getKey().replace(" ", "%20"));
        assertThat(served.body()).as(file.getKey()).isEqualTo(file.getValue());
      }
    }
  }

  private static int hexLength(String tool) {
    return switch (tool) {
      case "md5sum" -> 32;
      case "sha1sum" -> 40;
      case "sha256sum" -> 64;
      default -> 128;
    };
  }

  @Test
  void anIncrementalExportHoldsOnlyTheWindowsAdditions() throws Exception {
    Map<String, byte[]> first = files(2, 1000, "old-");
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), first, null);
    createRepo("zoo", feed, "{\"http\": true, \"https\": false}");
    FileContentEndToEndTest.sync(depot, "zoo");
    Thread.sleep(1100);
    Instant since = Instant.now();
    Thread.sleep(1100);
    Map<String, byte[]> all = new LinkedHashMap<>(first);
    all.put("new-file.bin", "added later".getBytes());
    FileContentEndToEndTest.feed(dir.resolve("feed"), all, null);
    FileContentEndToEndTest.sync(depot, "zoo");

    JsonNode task =
        depot.awaitTask(
            depot.call(
                "POST",
                "/pulp/api/v2/repositories/zoo/actions/publish/",
                "{\"id\": \"export\", \"override_config\": {\"start_date\": \"" + since + "\"}}"));

    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    assertThat(task.at("/result/summary/files").asLong()).isEqualTo(1);
    String image = task.at("/result/summary/images/0/name").asText();
    Curl.Result got =
        Curl.run("http://127.0.0.1:" + depot.depot().port() + "/pulp/exports/zoo/" + image);
    Path file = Files.write(dir.resolve(image), got.body());
    Path extracted = Files.createDirectories(dir.resolve("window"));
    extract(file, extracted);
    try (Stream<Path> listed = Files.list(extracted)) {
      assertThat(listed.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("new-file.bin", "PULP_MANIFEST");
    }
  }

  @Test
  void theCliAddsAnExportRunsItAndSaysWhereTheImagesAre() throws Exception {
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files(3, 1000, ""), null);
    createRepo("zoo", feed, "{\"http\": false, \"https\": true}");
    FileContentEndToEndTest.sync(depot, "zoo");
    Map<String, String> env =
        Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD);

    String[] added =
        cli(
            env,
            "repo",
            "distributor",
            "add",
            "zoo",
            "--type",
            "export_distributor",
            "--id",
            "dvd",
            "--option",
            "http=true",
            "--option",
            "https=false",
            "--option",
            "iso_size=2",
            "--option",
            "iso_prefix=zoo-dvd",
            "--option",
            "relative_url=dvd/zoo");
    assertThat(added[0]).as(added[2]).isEqualTo("0");
    // The repository's first export already serves /pulp/exports/zoo/: a second one must go apart.
    String[] taken =
        cli(
            env,
            "repo",
            "distributor",
            "add",
            "zoo",
            "--type",
            "export_distributor",
            "--id",
            "twin",
            "--option",
            "http=true",
            "--option",
            "https=false");
    assertThat(taken[0]).isNotEqualTo("0");
    assertThat(taken[2]).contains("relative_url zoo conflicts with distributor export");
    String[] refused =
        cli(
            env,
            "repo",
            "distributor",
            "add",
            "zoo",
            "--type",
            "export_distributor",
            "--id",
            "bad",
            "--option",
            "http=true");
    assertThat(refused[0]).isNotEqualTo("0");
    assertThat(refused[2]).contains("https");
    String[] exported = cli(env, "repo", "publish", "zoo", "--distributor", "dvd");

    assertThat(exported[0]).as(exported[2]).isEqualTo("0");
    assertThat(exported[1])
        .contains("/pulp/exports/dvd/zoo/")
        .containsPattern("zoo-dvd-.*-01\\.iso");
  }

  private static String[] cli(Map<String, String> env, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        dev.depot.cli.DepotCli.run(
            args, new java.io.PrintWriter(out), new java.io.PrintWriter(err), env);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void aFileLargerThanAnImageFailsTheExportNamingIsoSize() throws Exception {
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files(3, 1_500_000, ""), null);
    createRepo("zoo", feed, "{\"http\": true, \"https\": false, \"iso_size\": 1}");
    FileContentEndToEndTest.sync(depot, "zoo");

    JsonNode task = export("zoo");

    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("error");
    // The planner's limit in bytes is iso_size less the metadata: the user is told the setting.
    assertThat(task.toString())
        .contains("does not fit in an image")
        .contains("iso_size 1 MB less the ")
        // A file smaller than what is left must not read as fitting: the image's own structures
        // are named, and the setting that does fit.
        .contains("an image of it alone takes")
        .contains("raise iso_size to at least 2 MB");
  }

  @Test
  void badSettingsAreRefusedNamingTheKey() throws Exception {
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files(1, 10, ""), null);
    createRepo("zoo", feed, "{\"http\": true, \"https\": false}");
    for (String bad :
        List.of(
            "{\"https\": false}",
            "{\"http\": true, \"https\": false, \"iso_prefix\": \"no spaces\"}",
            "{\"http\": true, \"https\": null}",
            "{\"http\": true, \"https\": false, \"export_dir\": \"relative/dir\"}",
            "{\"http\": true, \"https\": false, \"start_date\": \"yesterday\"}",
            "{\"http\": true, \"https\": false, \"bogus\": 1}")) {
      TestApi.Reply refused =
          depot.call(
              "POST",
              "/pulp/api/v2/repositories/zoo/distributors/",
              "{\"distributor_id\": \"other\", \"distributor_type_id\": \"export_distributor\","
                  + " \"distributor_config\": "
                  + bad
                  + "}");
      assertThat(refused.status()).as(bad + " -> " + refused.body()).isEqualTo(400);
    }
  }
}
