package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.cli.DepotCli;
import dev.depot.server.db.Json;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Repository and consumer groups as an admin meets them on the command line: a group built by ids
 * and by a filter, shown, updated and deleted; a consumer group bound to a distributor reaching
 * every member's bindings, and unbound again.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupCliEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    Path feed = Files.createDirectories(dir.resolve("feed"));
    for (String repo : new String[] {"zoo", "lab"}) {
      FileContentEndToEndTest.createRepo(depot, repo, feed.toUri().toString(), "{}");
    }
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return Json.mapper().readTree(out);
    }
  }

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD));
    return new Run(code, out.toString(), err.toString());
  }

  private Run ok(String... args) {
    Run run = cli(args);
    assertThat(run.code()).as("%s: %s", String.join(" ", args), run.err()).isZero();
    return run;
  }

  @Test
  void repoGroupIsBuiltChangedAndDeletedFromTheCommandLine() throws Exception {
    assertThat(ok("repo-group", "create", "web", "--member", "zoo", "--note", "owner=ops").out())
        .contains("Repository group web created");
    assertThat(ok("repo-group", "add", "web", "lab").out()).contains("members: lab, zoo");
    ok("repo-group", "update", "web", "--description", "front");
    JsonNode shown = ok("--json", "repo-group", "show", "web").json();
    assertThat(shown.at("/repo_ids").toString()).isEqualTo("[\"lab\",\"zoo\"]");
    assertThat(shown.at("/description").asText()).isEqualTo("front");
    assertThat(shown.at("/notes/owner").asText()).isEqualTo("ops");

    assertThat(ok("repo-group", "remove", "web", "--filters", "{\"id\": \"zoo\"}").out())
        .contains("members: lab");
    assertThat(ok("repo-group", "list").out()).contains("web").contains("lab");
    assertThat(ok("repo-group", "show", "web").out()).contains("Members:      lab");

    Run duplicate = cli("repo-group", "create", "web");
    assertThat(duplicate.code()).isEqualTo(DepotCli.FAILED);
    assertThat(duplicate.err()).contains("web");
    Run unknown = cli("repo-group", "create", "other", "--member", "nope");
    assertThat(unknown.code()).isEqualTo(DepotCli.FAILED);
    assertThat(unknown.err()).contains("nope");

    ok("repo-group", "delete", "web");
    assertThat(cli("repo-group", "show", "web").code()).isEqualTo(DepotCli.FAILED);
    assertThat(ok("repo-group", "list").out()).contains("No groups");
  }

  @Test
  void consumerGroupBindsAndUnbindsEveryMember() throws Exception {
    for (String consumer : new String[] {"c1", "c2"}) {
      assertThat(
              depot
                  .call("POST", "/pulp/api/v2/consumers/", "{\"id\": \"" + consumer + "\"}")
                  .status())
          .isEqualTo(201);
    }
    ok("consumer-group", "create", "lab", "--member", "c1");
    assertThat(ok("consumer-group", "add", "lab", "c2").out()).contains("members: c1, c2");

    assertThat(ok("consumer-group", "bind", "lab", "zoo", "web").out())
        .contains("Bound c1, c2 to zoo/web");
    for (String consumer : new String[] {"c1", "c2"}) {
      JsonNode bindings =
          depot.call("GET", "/pulp/api/v2/consumers/" + consumer + "/bindings/", null).json();
      assertThat(bindings).hasSize(1);
      assertThat(bindings.at("/0/repo_id").asText()).isEqualTo("zoo");
    }
    assertThat(ok("consumer", "show", "c2").out()).contains("zoo");
    Run badRepo = cli("consumer-group", "bind", "lab", "nope", "web");
    assertThat(badRepo.code()).isEqualTo(DepotCli.FAILED);
    assertThat(badRepo.err()).contains("nope");

    ok("consumer-group", "unbind", "lab", "zoo", "web");
    for (String consumer : new String[] {"c1", "c2"}) {
      assertThat(
              depot.call("GET", "/pulp/api/v2/consumers/" + consumer + "/bindings/", null).json())
          .isEmpty();
    }

    ok("consumer-group", "remove", "lab", "c1");
    assertThat(ok("--json", "consumer-group", "list").json().at("/0/consumer_ids").toString())
        .isEqualTo("[\"c2\"]");
    ok("consumer-group", "delete", "lab");
    assertThat(ok("consumer-group", "list").out()).contains("No groups");
  }

  @Test
  void addingAnIdThatNamesNothingSaysSoInsteadOfLeavingItOutQuietly() throws Exception {
    ok("repo-group", "create", "web", "--member", "zoo");
    Run typo = cli("repo-group", "add", "web", "lab", "lba");
    assertThat(typo.code()).isEqualTo(DepotCli.FAILED);
    assertThat(typo.err()).contains("no repository lba; not added");
    assertThat(typo.out()).contains("members: lab, zoo");
    assertThat(ok("repo-group", "add", "web", "lab").err()).isEmpty();

    assertThat(depot.call("POST", "/pulp/api/v2/consumers/", "{\"id\": \"c1\"}").status())
        .isEqualTo(201);
    ok("consumer-group", "create", "lab");
    Run ghost = cli("consumer-group", "add", "lab", "c1", "c2");
    assertThat(ghost.code()).isEqualTo(DepotCli.FAILED);
    assertThat(ghost.err()).contains("no consumer c2; not added");
    assertThat(ok("--json", "consumer-group", "show", "lab").json().at("/consumer_ids").toString())
        .isEqualTo("[\"c1\"]");
  }
}
