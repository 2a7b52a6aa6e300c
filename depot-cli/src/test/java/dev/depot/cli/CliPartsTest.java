package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliPartsTest {
  @TempDir Path dir;

  @Test
  void tableAlignsColumnsAndShowsMissingCellsAsDash() {
    String text = new Table("ID", "NAME").row("zoo", "Zoo").row("a-longer-id", null).render();

    assertThat(text).isEqualTo("ID           NAME\nzoo          Zoo\na-longer-id  -\n");
  }

  @Test
  void optionsAreTypedAndEmptyValueMeansRemove() {
    Map<String, Object> pairs =
        Options.pairs(List.of("serve_http=true", "num_threads=5", "feed=http://x/?a=b", "gone="));

    assertThat(pairs)
        .containsEntry("serve_http", true)
        .containsEntry("num_threads", 5L)
        .containsEntry("feed", "http://x/?a=b")
        .containsEntry("gone", null);
    assertThatThrownBy(() -> Options.pairs(List.of("novalue"))).hasMessageContaining("key=value");
    assertThat(Options.pairs(List.of("queries=[\"acme-web\", \"zen\"]", "note=[draft] x", "q=[a")))
        .containsEntry("queries", List.of("acme-web", "zen"))
        .containsEntry("note", "[draft] x")
        .containsEntry("q", "[a");
    assertThat(Options.pairs(List.of("odd=[not json]"))).containsEntry("odd", "[not json]");
  }

  @Test
  void digitsWithLeadingZerosStayTextAsNoNumberIsWrittenSo() {
    // A key id or a mode written with a leading zero would lose it as a number: 00112233 is not
    // the key 112233.
    assertThat(Options.pairs(List.of("allowed_keys=00112233", "zero=0", "minus=-7", "mode=0644")))
        .containsEntry("allowed_keys", "00112233")
        .containsEntry("zero", 0L)
        .containsEntry("minus", -7L)
        .containsEntry("mode", "0644");
  }

  @Test
  void anOptionValueCanBeReadFromAFile() throws Exception {
    Path key = Files.writeString(dir.resolve("key.asc"), "-----BEGIN PGP PUBLIC KEY BLOCK-----\n");

    Map<String, Object> pairs = Options.pairs(List.of("gpgkey=@" + key, "user=@@ops"));

    assertThat(pairs)
        .containsEntry("gpgkey", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n")
        .containsEntry("user", "@ops");
    assertThatThrownBy(() -> Options.pairs(List.of("gpgkey=@" + dir.resolve("missing"))))
        .hasMessageContaining("cannot read " + dir.resolve("missing"))
        .hasMessageEndingWith(": no such file");
  }

  @Test
  void notesStayTextAndEmptyValueMeansRemove() {
    Map<String, Object> notes = Options.notes(List.of("version=2", "secure=true", "team="));

    assertThat(notes)
        .containsEntry("version", "2")
        .containsEntry("secure", "true")
        .containsEntry("team", null);
    assertThatThrownBy(() -> Options.notes(List.of("=x"))).hasMessageContaining("key=value");
  }

  @Test
  void errorLineUsesPulpErrorMessageThenDescriptionThenRawBody() {
    JsonNode pulp =
        ApiClient.parse(
            "{\"http_status\": 404, \"error_message\": \"Missing resource(s): repository=zoo\","
                + " \"error\": {\"code\": \"PLP0009\", \"description\": \"Missing\"}}");
    JsonNode descriptionOnly =
        ApiClient.parse("{\"error\": {\"code\": \"PLP0018\", \"description\": \"Duplicate\"}}");
    JsonNode html = ApiClient.parse("<html>\n<h1>502 Bad Gateway</h1></html>");

    assertThat(new ApiClient.ApiException(404, ApiClient.message(pulp)).line())
        .isEqualTo("Error: Missing resource(s): repository=zoo (HTTP 404)");
    assertThat(ApiClient.message(descriptionOnly)).isEqualTo("Duplicate");
    assertThat(ApiClient.message(html)).isEqualTo("<html>");
    assertThat(ApiClient.message(ApiClient.parse("")))
        .isEqualTo("the server gave no error message");
  }

  @Test
  void createRejectsConfigForAnUndeclaredDistributorAsUsageError() {
    StringWriter err = new StringWriter();

    int code =
        DepotCli.run(
            new String[] {
              "--url",
              "http://127.0.0.1:1",
              "repo",
              "create",
              "zoo",
              "--distributor",
              "iso_distributor:web",
              "--distributor-option",
              "wbe.serve_http=true"
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("no --distributor with id 'wbe'");
  }

  @Test
  void configComesFromJsonFileOptionsAndUnset() throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"relative_url\": \"a/b\", \"serve_https\": true}");

    Map<String, Object> config =
        Options.config("@" + file, List.of("serve_http=true"), List.of("serve_https"));

    assertThat(config)
        .containsEntry("relative_url", "a/b")
        .containsEntry("serve_http", true)
        .containsEntry("serve_https", null);
    assertThatThrownBy(() -> Options.jsonObject("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> Options.jsonObject("{oops")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> Options.jsonObject("@" + dir.resolve("missing.json")))
        .hasMessage("cannot read " + dir.resolve("missing.json") + ": no such file");
  }

  @Test
  void credentialsComeFromFlagThenEnvironmentThenThePasswordFile() throws Exception {
    Files.writeString(dir.resolve("admin-password"), "from-file\n");
    Map<String, String> env = Map.of("DEPOT_PASSWORD", "from-env", "DEPOT_URL", "http://h:1");

    Credentials flag = Credentials.resolve(null, null, "from-flag", dir.toString(), env);
    Credentials fromEnv = Credentials.resolve(null, null, null, dir.toString(), env);
    Credentials fromFile = Credentials.resolve(null, null, null, dir.toString(), Map.of());
    Credentials none = Credentials.resolve(null, null, null, dir.resolve("x").toString(), Map.of());

    assertThat(flag.password()).isEqualTo("from-flag");
    assertThat(fromEnv.password()).isEqualTo("from-env");
    assertThat(fromEnv.url()).isEqualTo("http://h:1");
    assertThat(fromFile.password()).isEqualTo("from-file");
    assertThat(fromFile.url()).isEqualTo(Credentials.DEFAULT_URL);
    assertThat(fromFile.user()).isEqualTo("admin");
    assertThat(none.password()).isNull();
    assertThat(flag.toString()).doesNotContain("from-flag");
  }

  @Test
  void thePasswordFileIsAdminsAndGoesOnlyToThisMachineUnlessItsDirectoryIsNamed() throws Exception {
    Files.writeString(dir.resolve("admin-password"), "from-file\n");
    Map<String, String> remote = Map.of("DEPOT_URL", "http://192.0.2.7:8080");

    assertThat(Credentials.resolve(null, "bob", null, dir.toString(), Map.of()).password())
        .isNull();
    assertThat(Credentials.resolve(null, null, null, dir.toString(), remote).password())
        .as("a named data directory is the user's choice")
        .isEqualTo("from-file");
    assertThat(Credentials.isLocal("http://127.0.0.1:8080/")).isTrue();
    assertThat(Credentials.isLocal("https://localhost:8443")).isTrue();
    assertThat(Credentials.isLocal("http://[::1]:8080")).isTrue();
    assertThat(Credentials.isLocal("http://192.0.2.7:8080")).isFalse();
    assertThat(Credentials.isLocal("not a url")).isFalse();
  }

  @Test
  void theEnabledModuleStreamsAreReadAsDnfRecordsThem(@TempDir Path root) throws Exception {
    Path modules = Files.createDirectories(root.resolve("etc/dnf/modules.d"));
    Files.writeString(
        modules.resolve("greeter.module"),
        "[greeter]\nname=greeter\nstream=2\nprofiles=\nstate=enabled\n");
    Files.writeString(
        modules.resolve("nodejs.module"), "[nodejs]\nname=nodejs\nstream=20\nstate=disabled\n");
    Files.writeString(modules.resolve("php.module"), "[php]\nname=php\nstate=enabled\nstream=\n");

    assertThat(ConsumerProfileCommands.enabledStreams(root))
        .containsExactly(
            Map.of("name", "greeter", "stream", "2"),
            Map.of("name", "nodejs", "state", "disabled"));
    assertThat(ConsumerProfileCommands.enabledStreams(root.resolve("elsewhere"))).isEmpty();
  }

  @Test
  void aFailedTaskSaysWhyOnceAndAPublishAddsItsSummary() throws Exception {
    JsonNode refused =
        ApiClient.JSON.readTree(
            "{\"task_id\": \"t1\", \"state\": \"error\", \"error\": {\"description\":"
                + " \"Error importing upload: title is missing\", \"data\": {\"summary\":"
                + " \"title is missing\"}}}");
    JsonNode publish =
        ApiClient.JSON.readTree(
            "{\"task_id\": \"t2\", \"state\": \"error\", \"error\": {\"description\":"
                + " \"Publish failed\", \"data\": {\"summary\": \"rsync: connection refused\"}}}");

    assertThat(TaskWatcher.describe(refused))
        .isEqualTo("Task t1 ended error: Error importing upload: title is missing");
    assertThat(TaskWatcher.describe(publish))
        .isEqualTo("Task t2 ended error: Publish failed: rsync: connection refused");
  }

  @Test
  void progressBarReadsCommonProgressShapes() throws Exception {
    JsonNode items =
        ApiClient.JSON.readTree(
            "{\"iso_importer\": {\"content\": {\"items_total\": 20, \"items_left\": 5}}}");
    JsonNode steps = ApiClient.JSON.readTree("{\"web\": {\"step\": 1, \"steps\": 4}}");
    TaskWatcher.Rate none = new TaskWatcher.Rate();

    assertThat(TaskWatcher.bar("running", TaskProgress.of(items), none, 0))
        .startsWith("[#####")
        .contains(" 75% running, 15/20 files");
    assertThat(TaskWatcher.bar("running", TaskProgress.of(steps), none, 0))
        .contains(" 25% running, 1/4 files");
    assertThat(
            TaskWatcher.bar("waiting", TaskProgress.of(ApiClient.JSON.createObjectNode()), none, 1))
        .isEqualTo("[\\] waiting");
  }

  @Test
  void anIsoSyncShowsFilesBytesRateAndEta() throws Exception {
    JsonNode start =
        ApiClient.JSON.readTree(
            "{\"iso_importer\": {\"num_isos\": 10, \"num_isos_finished\": 2,"
                + " \"size_total\": 4194304, \"size_left\": 3145728}}");
    JsonNode later =
        ApiClient.JSON.readTree(
            "{\"iso_importer\": {\"num_isos\": 10, \"num_isos_finished\": 5,"
                + " \"size_total\": 4194304, \"size_left\": 2097152}}");
    TaskWatcher.Rate rate = new TaskWatcher.Rate();
    rate.sample(0, TaskProgress.of(start).measured());
    rate.sample(2_000_000_000L, TaskProgress.of(later).measured());

    String bar = TaskWatcher.bar("running", TaskProgress.of(later), rate, 0);

    assertThat(bar)
        .startsWith("[###############...............]  50% running, ")
        .endsWith("5/10 files, 2.0 MiB/4.0 MiB, 512.0 KiB/s, ETA 4s");
    assertThat(TaskWatcher.line("running", TaskProgress.of(later), rate))
        .isEqualTo("running, 5/10 files, 2.0 MiB/4.0 MiB, 512.0 KiB/s, ETA 4s");
    assertThat(TaskProgress.duration(3 * 3600 + 65)).isEqualTo("3:01:05");
  }

  @Test
  void failedFilesAreReadFromPulpsErrorShapes() throws Exception {
    JsonNode report =
        ApiClient.JSON.readTree(
            "{\"iso_importer\": {\"iso_error_messages\": [{\"name\": \"b.iso\", \"error\":"
                + " {\"response_code\": 404, \"response_msg\": \"the server answered HTTP 404"
                + " Not Found\", \"url\": \"http://h/b.iso\"}}, {\"name\": \"c.iso\","
                + " \"error\": \"old text\"}]}}");

    assertThat(TaskWatcher.failedFiles(report))
        .containsExactly(
            "b.iso: http://h/b.iso: the server answered HTTP 404 Not Found", "c.iso: old text");
  }

  @Test
  void theProgressIntervalComesFromTheEnvironment() {
    assertThat(TaskWatcher.interval(Map.of())).isEqualTo(TaskWatcher.DEFAULT_INTERVAL);
    assertThat(TaskWatcher.interval(Map.of("DEPOT_PROGRESS_INTERVAL", "0.25")))
        .isEqualTo(java.time.Duration.ofMillis(250));
    assertThatThrownBy(() -> TaskWatcher.interval(Map.of("DEPOT_PROGRESS_INTERVAL", "soon")))
        .hasMessageContaining("DEPOT_PROGRESS_INTERVAL");
  }

  @Test
  void unreachableServerExitsWith3NamingTheUrl() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        DepotCli.run(
            new String[] {"--url", "http://127.0.0.1:1", "status"},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("cannot reach the Depot server at http://127.0.0.1:1");
  }

  @Test
  void badUsageExitsWith2() {
    StringWriter err = new StringWriter();

    int code =
        DepotCli.run(
            new String[] {"repo", "sync"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("give the repository to sync");
  }

  @Test
  void aCopySummaryCountsItsUnitsInGoodEnglish() {
    JsonNode one = ApiClient.parse("{\"result\": {\"units_successful_count\": 1}}");
    JsonNode two = ApiClient.parse("{\"result\": {\"units_successful_count\": 2}}");

    assertThat(TaskWatcher.summary(one)).isEqualTo(" (1 unit)");
    assertThat(TaskWatcher.summary(two)).isEqualTo(" (2 units)");
  }

  @Test
  void aSyncSummaryShowsTheWarningsItsReportGives() {
    JsonNode quiet = ApiClient.parse("{\"result\": {\"added_count\": 2, \"removed_count\": 0}}");
    JsonNode warned =
        ApiClient.parse(
            "{\"result\": {\"added_count\": 0, \"removed_count\": 0,"
                + " \"summary\": {\"warnings\": [\"query 'x' matched no module\"]}}}");

    assertThat(TaskWatcher.summary(quiet)).isEqualTo(" (added 2, removed 0)");
    assertThat(TaskWatcher.summary(warned))
        .isEqualTo(" (added 0, removed 0)\n  warning: query 'x' matched no module");
  }
}
