package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.cli.DepotCli;
import dev.depot.publish.testing.ThisBuild;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin CLI against a real server with the real file plugin, as a user would drive it: on the
 * embedded database and on PostgreSQL.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class CliEndToEndTest extends BothDatabasesCliServerTest {
  @Override
  Path serverDir() {
    return dir; // the data directory is the test directory
  }

  /** Runs the CLI; the test looks at its exit code. */
  private CliServer.Run cli(String... args) {
    return server.run(args);
  }

  @Test
  void repositoryLifecycleWithAnIsoImporterAndTwoDistributors() throws Exception {
    CliServer.Run created =
        cli(
            "repo",
            "create",
            "zoo",
            "--display-name",
            "Zoo",
            "--note",
            "team=qa",
            "--importer",
            "iso_importer",
            "--importer-option",
            "feed=https://example.com/zoo/",
            "--importer-option",
            "num_threads=3",
            "--distributor",
            "iso_distributor:web",
            "--distributor-option",
            "web.serve_http=true",
            "--distributor",
            "iso_distributor:secure",
            "--distributor-option",
            "secure.relative_url=zoo-secure",
            "--auto-publish",
            "web");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("Repository zoo created");

    CliServer.Run list = cli("repo", "list");
    assertThat(list.out()).contains("zoo", "Zoo", "iso_importer", "web, secure");

    JsonNode shown = cli("--json", "repo", "show", "zoo").json();
    assertThat(shown.at("/importers/0/config/num_threads").asInt()).isEqualTo(3);
    assertThat(shown.at("/distributors/0/auto_publish").asBoolean()).isTrue();
    assertThat(shown.at("/distributors/1/config/relative_url").asText()).isEqualTo("zoo-secure");

    CliServer.Run updated =
        cli("repo", "update", "zoo", "--description", "animals", "--note", "team=");
    assertThat(updated.code()).isZero();
    assertThat(cli("--json", "repo", "show", "zoo").json().at("/notes").size()).isZero();

    CliServer.Run distributorUpdated =
        cli(
            "repo",
            "distributor",
            "update",
            "zoo",
            "secure",
            "--option",
            "serve_http=true",
            "--option",
            "serve_https=false");
    assertThat(distributorUpdated.code()).as(distributorUpdated.err()).isZero();
    // Without its relative_url, secure would publish at zoo, web's place: refused.
    CliServer.Run clash =
        cli("repo", "distributor", "update", "zoo", "secure", "--unset", "relative_url");
    assertThat(clash.err()).contains("conflicts with distributor web");
    CliServer.Run unset =
        cli("repo", "distributor", "update", "zoo", "secure", "--unset", "serve_https");
    assertThat(unset.code()).as(unset.err()).isZero();
    JsonNode secure = cli("--json", "repo", "distributor", "show", "zoo", "secure").json();
    assertThat(secure.at("/config/serve_http").asBoolean()).isTrue();
    assertThat(secure.at("/config").has("serve_https")).isFalse();
    assertThat(secure.at("/config/relative_url").asText()).isEqualTo("zoo-secure");

    CliServer.Run importerUpdated =
        cli(
            "repo",
            "importer",
            "update",
            "zoo",
            "--option",
            "proxy_password=hunter2",
            "--option",
            "proxy_username=me",
            "--option",
            "proxy_host=proxy.local");
    assertThat(importerUpdated.code()).as(importerUpdated.err()).isZero();
    CliServer.Run importerShown = cli("repo", "importer", "show", "zoo");
    assertThat(importerShown.out()).contains("proxy_password", "*****").doesNotContain("hunter2");

    CliServer.Run removed = cli("repo", "distributor", "remove", "zoo", "secure");
    assertThat(removed.code()).isZero();
    assertThat(cli("repo", "distributor", "list", "zoo").out()).doesNotContain("secure");

    CliServer.Run deleted = cli("repo", "delete", "zoo");
    assertThat(deleted.code()).isZero();
    assertThat(deleted.out()).contains("Repository zoo deleted");
    assertThat(cli("repo", "list").out()).contains("No repositories");
  }

  @Test
  void configsComeFromFilesNamedWithAnAtSign() throws Exception {
    Path importer =
        java.nio.file.Files.writeString(
            dir.resolve("importer.json"),
            "{\"feed\": \"https://mirror.example/isos/\", \"num_threads\": 3}");
    Path distributor =
        java.nio.file.Files.writeString(dir.resolve("web.json"), "{\"serve_http\": true}");

    // As separate arguments, the way a shell user types them: not argument files of the parser.
    CliServer.Run created =
        cli(
            "repo",
            "create",
            "zoo",
            "--importer",
            "iso_importer",
            "--importer-config",
            "@" + importer,
            "--distributor",
            "iso_distributor:web",
            "--distributor-config",
            "web=@" + distributor);

    assertThat(created.code()).as(created.err()).isZero();
    JsonNode shown = cli("--json", "repo", "importer", "show", "zoo").json();
    assertThat(shown.at("/config/feed").asText()).isEqualTo("https://mirror.example/isos/");
    assertThat(shown.at("/config/num_threads").asInt()).isEqualTo(3);
    JsonNode web = cli("--json", "repo", "distributor", "show", "zoo", "web").json();
    assertThat(web.at("/config/serve_http").asBoolean()).isTrue();
  }

  @Test
  void refusalsExitNonZeroWithTheServersMessageAndChangeNothing() throws Exception {
    cli("repo", "create", "zoo", "--distributor", "iso_distributor:web");

    CliServer.Run duplicate = cli("repo", "create", "zoo");
    CliServer.Run badId = cli("repo", "create", "no/slash");
    CliServer.Run unknownType = cli("repo", "create", "x", "--importer", "deb_importer");
    CliServer.Run badConfig =
        cli(
            "repo",
            "distributor",
            "add",
            "zoo",
            "--type",
            "iso_distributor",
            "--id",
            "evil",
            "--option",
            "relative_url=../../etc");
    CliServer.Run taken =
        cli(
            "repo",
            "create",
            "other",
            "--distributor",
            "iso_distributor:web",
            "--distributor-option",
            "web.relative_url=zoo");
    CliServer.Run missing = cli("repo", "show", "ghost");
    CliServer.Run wrongPassword = runWith(Map.of("DEPOT_PASSWORD", "wrong"), "repo", "list");
    CliServer.Run wrongPasswordPost =
        runWith(Map.of("DEPOT_PASSWORD", "wrong"), "repo", "create", "zoo2");
    CliServer.Run elsewhere =
        runWith(Map.of("DEPOT_DATA_DIR", dir.resolve("elsewhere").toString()), "repo", "list");

    assertThat(duplicate.code()).isEqualTo(1);
    assertThat(duplicate.err()).contains("Duplicate resource: zoo", "HTTP 409");
    assertThat(badId.err()).contains("HTTP 400").contains("Invalid repository ID");
    assertThat(unknownType.err()).contains("deb_importer", "HTTP 400");
    assertThat(badConfig.err()).contains("relative_url", "HTTP 400");
    assertThat(taken.err()).contains("conflicts with distributor web", "of repository zoo");
    assertThat(missing.err()).contains("repository=ghost", "HTTP 404");
    assertThat(wrongPassword.err()).contains("HTTP 401").doesNotContain("No password was given");
    assertThat(wrongPasswordPost.err())
        .as("a request with a body gets the server's message too")
        .contains("Authentication failed: invalid username or password (HTTP 401)");
    // Run away from the local server's data directory: the CLI says where it looked.
    assertThat(elsewhere.err())
        .contains("HTTP 401", "No password was given", "elsewhere/admin-password", "--data-dir");
    JsonNode repos = cli("--json", "repo", "list").json();
    assertThat(repos).hasSize(1);
    assertThat(repos.get(0).at("/distributors")).hasSize(1);
  }

  @Test
  void searchFiltersSortsPagesAndTrimsRepositories() throws Exception {
    for (String id : java.util.List.of("zoo", "zebra", "ant")) {
      cli("repo", "create", id, "--note", "kind=" + (id.startsWith("z") ? "z" : "a"));
    }

    CliServer.Run table =
        cli("repo", "search", "--filter", "{\"notes.kind\": \"z\"}", "--sort", "id:desc");
    JsonNode paged =
        cli("--json", "repo", "search", "--sort", "id", "--skip", "1", "--limit", "1").json();
    JsonNode trimmed =
        cli(
                "--json",
                "repo",
                "search",
                "--filter",
                "{\"id\": {\"$in\": [\"ant\"]}}",
                "--field",
                "notes")
            .json();
    CliServer.Run bad = cli("repo", "search", "--filter", "{\"id\": {\"$near\": 1}}");

    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).containsSubsequence("zoo", "zebra").doesNotContain("ant");
    assertThat(paged).hasSize(1);
    assertThat(paged.get(0).at("/id").asText()).isEqualTo("zebra");
    assertThat(trimmed.get(0).has("display_name")).isFalse();
    assertThat(trimmed.get(0).at("/notes/kind").asText()).isEqualTo("a");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("$near", "HTTP 400");
  }

  @Test
  void distributorsOfOneRepositoryMayNotNestTheirTrees() {
    cli("repo", "create", "r1", "--distributor", "iso_distributor:web");

    CliServer.Run inside =
        cli(
            "repo",
            "distributor",
            "add",
            "r1",
            "--type",
            "iso_distributor",
            "--id",
            "sub",
            "--option",
            "relative_url=r1/sub");
    CliServer.Run same =
        cli("repo", "distributor", "add", "r1", "--type", "iso_distributor", "--id", "twin");
    CliServer.Run apart =
        cli(
            "repo",
            "distributor",
            "add",
            "r1",
            "--type",
            "iso_distributor",
            "--id",
            "beta",
            "--option",
            "relative_url=r1-beta");
    CliServer.Run ownUpdate =
        cli("repo", "distributor", "update", "r1", "web", "--option", "serve_http=true");
    CliServer.Run moveInside =
        cli("repo", "distributor", "update", "r1", "beta", "--option", "relative_url=r1/beta");

    assertThat(inside.code()).isEqualTo(1);
    assertThat(inside.err())
        .contains("relative_url r1/sub conflicts with distributor web", "HTTP 400");
    assertThat(same.code()).isEqualTo(1);
    assertThat(same.err()).contains("conflicts with distributor web");
    assertThat(apart.code()).as(apart.err()).isZero();
    assertThat(ownUpdate.code()).as(ownUpdate.err()).isZero();
    // Served paths and protection follow the config at the next publish: the CLI says so.
    assertThat(ownUpdate.out())
        .contains("changes at its next publish: depot repo publish r1 --distributor web");
    assertThat(moveInside.code()).isEqualTo(1);
    assertThat(moveInside.err()).contains("conflicts with distributor web");
    assertThat(cli("repo", "distributor", "list", "r1").out())
        .contains("web", "beta")
        .doesNotContain("sub", "twin");
  }

  @Test
  void publishOfAnUnknownDistributorIsRefusedAtOnceAndJsonErrorsAreJson() throws Exception {
    cli("repo", "create", "zoo", "--distributor", "iso_distributor:web");

    CliServer.Run publish = cli("repo", "publish", "zoo", "--distributor", "nosuch");
    JsonNode json = cli("--json", "repo", "publish", "zoo", "--distributor", "nosuch").json();
    CliServer.Run unreachable =
        runWith(Map.of("DEPOT_URL", "http://127.0.0.1:1"), "--json", "repo", "list");
    CliServer.Run usage = cli("--json", "repo", "show");

    assertThat(publish.code()).isEqualTo(1);
    assertThat(publish.err()).contains("distributor=nosuch", "HTTP 404");
    assertThat(publish.out()).isEmpty();
    assertThat(cli("--json", "task", "list", "--repo", "zoo").json()).isEmpty();
    assertThat(json.at("/http_status").asInt()).isEqualTo(404);
    assertThat(json.at("/error/code").asText()).isEqualTo("PLP0009");
    assertThat(json.at("/error_message").asText()).contains("distributor=nosuch");
    assertThat(unreachable.code()).isEqualTo(3);
    assertThat(unreachable.json().at("/error_message").asText())
        .contains("cannot reach the Depot server at http://127.0.0.1:1");
    assertThat(unreachable.err()).isEmpty();
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.json().at("/error_message").asText()).contains("REPO_ID");
  }

  @Test
  void aSyncOfARepositoryWithoutAnImporterNamesTheCommandThatGivesIt() throws Exception {
    cli("repo", "create", "bare");

    CliServer.Run sync = cli("repo", "sync", "bare");

    assertThat(sync.code()).isEqualTo(2);
    assertThat(sync.err())
        .contains("bare has no importer", "depot repo importer set bare --type TYPE");
    assertThat(cli("--json", "task", "list", "--repo", "bare").json())
        .as("no task was queued")
        .isEmpty();
  }

  @Test
  void aRepositoryWithOneDistributorPublishesWithoutNamingIt() throws Exception {
    cli("repo", "create", "zoo", "--distributor", "iso_distributor:web");
    cli("repo", "create", "bare");

    CliServer.Run published = cli("repo", "publish", "zoo");
    CliServer.Run none = cli("repo", "publish", "bare");
    CliServer.Run added =
        cli(
            "repo",
            "distributor",
            "add",
            "zoo",
            "--type",
            "iso_distributor",
            "--id",
            "beta",
            "--option",
            "relative_url=zoo-beta");
    CliServer.Run two = cli("repo", "publish", "zoo");

    assertThat(published.code()).as(published.err()).isZero();
    assertThat(published.out())
        .contains("published by web")
        .contains(
            "served over https at https://127.0.0.1:"
                + server.depot().httpsPort()
                + "/pulp/isos/zoo/");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("bare has no distributor", "depot repo distributor add bare");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(two.code()).isEqualTo(2);
    assertThat(two.err()).contains("web", "beta", "--distributor ID");
    assertThat(cli("--json", "task", "list", "--repo", "zoo").json())
        .as("only the one publish ran")
        .hasSize(1);
  }

  private CliServer.Run runWith(Map<String, String> extra, String... args) {
    Map<String, String> merged = new java.util.HashMap<>(server.env());
    merged.putAll(extra);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DepotCli.run(args, new PrintWriter(out), new PrintWriter(err), merged);
    return new CliServer.Run(code, out.toString(), err.toString());
  }

  @Test
  void statusAndPluginsShowWhatTheServerHas() throws Exception {
    CliServer.Run status = cli("status");
    CliServer.Run plugins = cli("plugins", "list");

    assertThat(status.code()).isZero();
    // Which build: the Maven version and the commit of the checkout the server was built from.
    assertThat(status.out())
        .contains("Depot " + ThisBuild.version(Path.of("..")) + "\n", "connected", "depot@");
    // Every process on the database, whatever its roles, with its build.
    assertThat(status.out())
        .containsPattern(
            "(?m)^PROCESS +ROLES +VERSION +PID +LAST HEARTBEAT\n"
                + "depot@\\S+ +api,content,worker +"
                + java.util.regex.Pattern.quote(ThisBuild.version(Path.of("..")))
                + " +\\d+ +\\d{4}-");
    assertThat(plugins.out()).contains("iso_importer", "iso_distributor", "name, checksum, size");
    // The example plugin of docs/plugin-guide.md is loaded like any other.
    assertThat(plugins.out()).contains("memo_importer", "memo_distributor", "name, sha256");
  }

  @Test
  void tasksAreListedAndAFailedSyncExitsNonZero() {
    cli("repo", "create", "zoo", "--importer", "iso_importer");

    CliServer.Run sync = cli("repo", "sync", "zoo");
    CliServer.Run tasks = cli("task", "list", "--repo", "zoo");
    CliServer.Run background = cli("repo", "sync", "zoo", "--background");

    assertThat(sync.code()).isEqualTo(1);
    assertThat(sync.out()).contains("ended error", "no feed");
    assertThat(tasks.out()).contains("sync", "error", "pulp:repository:zoo");
    assertThat(background.code()).isZero();
    assertThat(background.out()).matches("(?s)Task [0-9a-f-]{36} queued\\s*");
  }
}
