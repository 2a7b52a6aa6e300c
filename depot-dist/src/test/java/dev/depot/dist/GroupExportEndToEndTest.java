package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The group export distributor as a user meets it: two synced iso repositories in one group, packed
 * into one set of ISO images that real xorriso extracts into one directory per repository, each
 * with its own PULP_MANIFEST; or written as the same tree to an {@code export_dir}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupExportEndToEndTest {
  private static final String GROUPS = "/pulp/api/v2/repo_groups/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;
  final Map<String, Map<String, byte[]>> repos = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/xorriso"));
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("xorriso is missing; .ci/run installs it");
    }
    Assumptions.assumeTrue(installed, "xorriso is not installed");
    depot = RunningDepot.start(database, dir.resolve("server"));
    repos.put("zoo", files(3, 300_000, "zoo-"));
    repos.put("park", files(3, 300_000, "park-"));
    for (Map.Entry<String, Map<String, byte[]>> repo : repos.entrySet()) {
      Path feed =
          FileContentEndToEndTest.feed(dir.resolve("feed-" + repo.getKey()), repo.getValue(), null);
      FileContentEndToEndTest.createRepo(depot, repo.getKey(), feed.toUri().toString(), "{}");
      JsonNode synced = FileContentEndToEndTest.sync(depot, repo.getKey());
      assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (depot != null) {
      depot.close();
    }
  }

  private static Map<String, byte[]> files(int count, int size, String prefix) {
    Random random = new Random(prefix.hashCode());
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      files.put(i == 0 ? "sub/" + prefix + "deep.bin" : prefix + "file-" + i + ".bin", bytes);
    }
    return files;
  }

  private JsonNode groupExport(String config) throws Exception {
    TestApi.Reply created =
        depot.call(
            "POST",
            GROUPS,
            """
            {"id": "media", "repo_ids": ["zoo", "park"], "distributors": [
              {"distributor_id": "dvd", "distributor_type_id": "group_export_distributor",
               "distributor_config": %s}]}
            """
                .formatted(config));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode task =
        depot.awaitTask(depot.call("POST", GROUPS + "media/actions/publish/", "{\"id\": \"dvd\"}"));
    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    return task;
  }

  @Test
  void bothRepositoriesArePackedIntoOneSetOfImagesEachUnderItsOwnDirectory() throws Exception {
    JsonNode task =
        groupExport(
            "{\"http\": true, \"https\": false, \"iso_size\": 1, \"iso_prefix\": \"media\","
                + " \"manifest\": true}");

    assertThat(task.at("/progress_report/group_export_distributor/files").asLong()).isEqualTo(6);
    String url = "http://127.0.0.1:" + depot.depot().port() + "/pulp/exports/repo_group/media/";
    List<Path> images = new ArrayList<>();
    Path downloaded = Files.createDirectories(dir.resolve("downloaded"));
    for (String line : Curl.run(url + "PULP_MANIFEST").text().lines().toList()) {
      String name = line.split(",")[0];
      Curl.Result got = Curl.run(url + name);
      assertThat(got.status()).isEqualTo(200);
      images.add(Files.write(downloaded.resolve(name), got.body()));
    }
    // Six files of 300 kB cannot fit one 1 MB image: the set spans several.
    assertThat(images).hasSizeGreaterThanOrEqualTo(2);
    Path extracted = Files.createDirectories(dir.resolve("extracted"));
    for (Path image : images) {
      assertThat(Files.size(image)).isLessThanOrEqualTo(1024 * 1024);
      assertThat(xorriso("-indev", image.toString(), "-ls", "/"))
          .contains("'zoo'", "'park'")
          .doesNotContain("'PULP_MANIFEST'");
      xorriso("-osirrox", "on", "-indev", image.toString(), "-extract", "/", extracted.toString());
    }
    assertTreeHoldsBothRepositories(extracted);
  }

  @Test
  void exportDirReceivesEachRepositoryUnderItsOwnDirectory() throws Exception {
    Path target = Files.createDirectories(dir.resolve("usb"));

    groupExport("{\"http\": false, \"https\": false, \"export_dir\": \"" + target + "\"}");

    assertTreeHoldsBothRepositories(target);
  }

  @Test
  void theCliAddsListsPublishesAndRemovesAGroupExport() throws Exception {
    Path target = Files.createDirectories(dir.resolve("usb"));
    assertThat(cli("repo-group", "create", "media", "--member", "zoo", "--member", "park")[0])
        .isEqualTo("0");

    String[] added =
        cli(
            "repo-group",
            "distributor",
            "add",
            "media",
            "--type",
            "group_export_distributor",
            "--id",
            "usb",
            "--option",
            "http=false",
            "--option",
            "https=false",
            "--option",
            "export_dir=" + target);
    assertThat(added[0]).as(added[2]).isEqualTo("0");
    assertThat(added[1]).contains("usb", "media");
    String[] refused =
        cli(
            "repo-group",
            "distributor",
            "add",
            "media",
            "--type",
            "group_export_distributor",
            "--option",
            "http=true");
    assertThat(refused[0]).isNotEqualTo("0");
    assertThat(refused[2]).contains("https");
    String[] listed = cli("repo-group", "distributor", "list", "media");
    assertThat(listed[1]).contains("usb", "group_export_distributor");

    String[] published = cli("--json", "repo-group", "publish", "media", "--distributor", "usb");

    assertThat(published[0]).as(published[2]).isEqualTo("0");
    JsonNode task = dev.depot.server.db.Json.mapper().readTree(published[1]);
    assertThat(task.at("/state").asText()).isEqualTo("finished");
    assertTreeHoldsBothRepositories(target);
    assertThat(cli("repo-group", "distributor", "list", "media")[1]).doesNotContain("never");
    String[] updated =
        cli("repo-group", "distributor", "update", "media", "usb", "--option", "iso_prefix=dvd");
    assertThat(updated[0]).as(updated[2]).isEqualTo("0");
    assertThat(cli("repo-group", "distributor", "list", "media")[1]).contains("iso_prefix");
    // GET .../distributors/<id>/ has its command: one distributor, as the list shows it.
    String[] shown = cli("repo-group", "distributor", "show", "media", "usb");
    assertThat(shown[0]).as(shown[2]).isEqualTo("0");
    assertThat(shown[1]).contains("usb", "group_export_distributor", "iso_prefix");
    assertThat(cli("repo-group", "distributor", "show", "media", "nope")[2]).contains("nope");
    assertThat(cli("repo-group", "distributor", "remove", "media", "usb")[0]).isEqualTo("0");
    assertThat(cli("repo-group", "distributor", "list", "media")[1]).contains("No distributors");
  }

  @Test
  void theCliSaysWhereAGroupPublishIsServed() throws Exception {
    assertThat(cli("repo-group", "create", "media", "--member", "zoo", "--member", "park")[0])
        .isEqualTo("0");
    String[] added =
        cli(
            "repo-group",
            "distributor",
            "add",
            "media",
            "--type",
            "group_export_distributor",
            "--id",
            "dvd",
            "--option",
            "http=true",
            "--option",
            "https=false",
            "--option",
            "manifest=true");
    assertThat(added[0]).as(added[2]).isEqualTo("0");

    String[] published = cli("repo-group", "publish", "media", "--distributor", "dvd");

    assertThat(published[0]).as(published[2]).isEqualTo("0");
    String url = "http://127.0.0.1:" + depot.depot().port() + "/pulp/exports/repo_group/media/";
    assertThat(published[1])
        .contains("Repository group media published by dvd")
        .contains("served over http at " + url)
        .doesNotContain("https");
    // The URL printed is the one a client fetches the images from.
    assertThat(Curl.run(url + "PULP_MANIFEST").text()).contains(".iso,");
  }

  private String[] cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        dev.depot.cli.DepotCli.run(
            args,
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private void assertTreeHoldsBothRepositories(Path root) throws Exception {
    for (Map.Entry<String, Map<String, byte[]>> repo : repos.entrySet()) {
      Path repoDir = root.resolve(repo.getKey());
      List<String> manifest = Files.readAllLines(repoDir.resolve("PULP_MANIFEST"));
      List<String> expected = new ArrayList<>();
      for (Map.Entry<String, byte[]> file : repo.getValue().entrySet()) {
        assertThat(repoDir.resolve(file.getKey())).hasBinaryContent(file.getValue());
        expected.add(
            file.getKey()
                + ","
                + FileContentEndToEndTest.sha256(file.getValue())
                + ","
                + file.getValue().length);
      }
      assertThat(manifest).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static String xorriso(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("xorriso"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
