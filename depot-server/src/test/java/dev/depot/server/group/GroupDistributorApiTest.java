package dev.depot.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Group distributors and the group publish action over real sockets, on both databases. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupDistributorApiTest {
  private static final String API = "/pulp/api/v2/";
  private static final String GROUP = API + "repo_groups/web/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot server;

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(database, dir.resolve("server"));
    for (String id : List.of("alpha", "beta")) {
      ok("POST", API + "repositories/", "{\"id\": \"" + id + "\"}", 201);
    }
    ok("POST", API + "repo_groups/", "{\"id\": \"web\", \"repo_ids\": [\"alpha\", \"beta\"]}", 201);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Reply ok(String method, String path, String body, int status) throws Exception {
    Reply reply = server.call(method, path, body);
    assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(status);
    return reply;
  }

  @Test
  void groupDistributorIsAddedListedShownAndRemoved() throws Exception {
    Reply added =
        ok(
            "POST",
            GROUP + "distributors/",
            """
            {"distributor_type_id": "echo_group_distributor", "distributor_id": "echo",
             "distributor_config": {"label": "x", "push_password": "s3cret"}}
            """,
            201);
    assertThat(added.location()).isEqualTo(GROUP + "distributors/echo/");
    assertThat(added.body()).doesNotContain("s3cret");
    assertThat(added.json().at("/config/push_password").asText()).isEqualTo("*****");
    JsonNode json = added.json();
    assertThat(json.at("/id").asText()).isEqualTo("echo");
    assertThat(json.at("/repo_group_id").asText()).isEqualTo("web");
    assertThat(json.at("/distributor_type_id").asText()).isEqualTo("echo_group_distributor");
    assertThat(json.at("/config/label").asText()).isEqualTo("x");
    assertThat(json.at("/last_publish").isNull()).isTrue();
    assertThat(json.at("/_ns").asText()).isEqualTo("repo_group_distributors");

    Reply generated =
        ok(
            "POST",
            GROUP + "distributors/",
            "{\"distributor_type_id\": \"echo_group_distributor\", \"distributor_config\": {}}",
            201);
    String generatedId = generated.json().at("/id").asText();
    ok(
        "POST",
        GROUP + "distributors/",
        "{\"distributor_type_id\": \"echo_group_distributor\", \"distributor_id\": \"echo\"}",
        409);

    assertThat(ids(ok("GET", GROUP + "distributors/", null, 200).json()))
        .containsExactlyInAnyOrder("echo", generatedId);
    assertThat(ids(ok("GET", GROUP, null, 200).json().at("/distributors")))
        .containsExactlyInAnyOrder("echo", generatedId);
    assertThat(ok("GET", GROUP + "distributors/echo/", null, 200).json().at("/id").asText())
        .isEqualTo("echo");

    ok("DELETE", GROUP + "distributors/echo/", null, 200);
    ok("GET", GROUP + "distributors/echo/", null, 404);
    ok("DELETE", GROUP + "distributors/echo/", null, 404);
    ok("GET", API + "repo_groups/nope/distributors/", null, 404);
  }

  @Test
  void aGroupDistributorsConfigIsChangedOnlyWhenThePluginAcceptsIt() throws Exception {
    ok(
        "POST",
        GROUP + "distributors/",
        "{\"distributor_type_id\": \"echo_group_distributor\", \"distributor_id\": \"echo\","
            + " \"distributor_config\": {\"label\": \"x\"}}",
        201);

    Reply refused =
        ok(
            "PUT",
            GROUP + "distributors/echo/",
            "{\"distributor_config\": {\"colour\": \"red\"}}",
            400);
    JsonNode unchanged = ok("GET", GROUP + "distributors/echo/", null, 200).json();
    JsonNode changed =
        ok(
                "PUT",
                GROUP + "distributors/echo/",
                "{\"distributor_config\": {\"label\": null, \"fail\": false}}",
                200)
            .json();

    assertThat(refused.body()).contains("colour");
    assertThat(unchanged.at("/config/label").asText()).isEqualTo("x");
    assertThat(changed.at("/config").has("label")).isFalse();
    assertThat(changed.at("/config/fail").asBoolean(true)).isFalse();
    assertThat(
            ok("GET", GROUP + "distributors/echo/", null, 200)
                .json()
                .at("/config/fail")
                .isBoolean())
        .isTrue();
    ok("PUT", GROUP + "distributors/nope/", "{\"distributor_config\": {}}", 404);
  }

  @Test
  void aPublishOverrideIsHeldToTheRulesOfTheConfigItMakes() throws Exception {
    ok(
        "POST",
        API + "repositories/alpha/distributors/",
        "{\"distributor_type_id\": \"shelf_distributor\", \"distributor_id\": \"web\","
            + " \"distributor_config\": {\"relative_url\": \"a/b\"}}",
        201);
    ok(
        "POST",
        GROUP + "distributors/",
        "{\"distributor_type_id\": \"bundle_group_distributor\", \"distributor_id\": \"b\","
            + " \"distributor_config\": {\"relative_url\": \"g\"}}",
        201);

    Reply taken =
        ok(
            "POST",
            GROUP + "actions/publish/",
            "{\"id\": \"b\", \"override_config\": {\"relative_url\": \"a/b\"}}",
            400);
    Reply unknown =
        ok(
            "POST",
            GROUP + "actions/publish/",
            "{\"id\": \"b\", \"override_config\": {\"colour\": \"red\"}}",
            400);

    assertThat(taken.json().at("/error_message").asText())
        .contains("distributor web (shelf_distributor) of repository alpha");
    for (Reply refused : List.of(taken, unknown)) {
      assertThat(refused.json().at("/error/data/property_names/0").asText())
          .isEqualTo("override_config");
    }
    ok(
        "POST",
        GROUP + "actions/publish/",
        "{\"id\": \"b\", \"override_config\": {\"relative_url\": \"g2\"}}",
        202);
  }

  @Test
  void badConfigIsRefusedNamingTheKeyAndUnknownTypeIsRefused() throws Exception {
    Reply bad =
        ok(
            "POST",
            GROUP + "distributors/",
            """
            {"distributor_type_id": "echo_group_distributor",
             "distributor_config": {"colour": "red"}}
            """,
            400);
    assertThat(bad.body()).contains("colour");
    Reply unknown =
        ok(
            "POST",
            GROUP + "distributors/",
            "{\"distributor_type_id\": \"no_such\", \"distributor_config\": {}}",
            400);
    assertThat(unknown.body()).contains("distributor_type_id");
    // Repository distributor types are not group distributor types.
    ok(
        "POST",
        GROUP + "distributors/",
        "{\"distributor_type_id\": \"echo_distributor\", \"distributor_config\": {}}",
        400);
    ok("GET", GROUP + "distributors/", null, 200);
    assertThat(ok("GET", GROUP + "distributors/", null, 200).json()).isEmpty();
  }

  @Test
  void groupCreateAddsItsDistributorsAndRefusesBadOnesLeavingNoGroup() throws Exception {
    Reply created =
        ok(
            "POST",
            API + "repo_groups/",
            """
            {"id": "both", "repo_ids": ["alpha"], "distributors": [
              {"distributor_type_id": "echo_group_distributor", "distributor_id": "e1",
               "distributor_config": {}}]}
            """,
            201);
    assertThat(ids(created.json().at("/distributors"))).containsExactly("e1");
    ok("GET", API + "repo_groups/both/distributors/e1/", null, 200);

    Reply refused =
        ok(
            "POST",
            API + "repo_groups/",
            """
            {"id": "broken", "distributors": [
              {"distributor_type_id": "echo_group_distributor",
               "distributor_config": {"colour": "red"}}]}
            """,
            400);
    assertThat(refused.body()).contains("colour");
    ok("GET", API + "repo_groups/broken/", null, 404);

    ok("DELETE", API + "repo_groups/both/", null, 200);
    ok("POST", API + "repo_groups/", "{\"id\": \"both\"}", 201);
    assertThat(ok("GET", API + "repo_groups/both/distributors/", null, 200).json()).isEmpty();
  }

  @Test
  void publishQueuesATaskOnTheGroupThatFinishesAndSetsLastPublish() throws Exception {
    ok(
        "POST",
        GROUP + "distributors/",
        "{\"distributor_type_id\": \"echo_group_distributor\", \"distributor_id\": \"echo\"}",
        201);

    Reply accepted = ok("POST", GROUP + "actions/publish/", "{\"id\": \"echo\"}", 202);
    JsonNode task = server.awaitTask(accepted);

    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    assertThat(task.at("/result").isNull()).isTrue();
    List<String> tags = new ArrayList<>();
    task.at("/tags").forEach(t -> tags.add(t.asText()));
    assertThat(tags)
        .containsExactlyInAnyOrder(
            "pulp:repository_group:web",
            "pulp:repository_group_distributor:echo",
            "pulp:action:publish");
    assertThat(task.at("/progress_report/echo_group_distributor/units/alpha").asLong()).isZero();
    assertThat(task.at("/progress_report/echo_group_distributor/working_dir").asBoolean()).isTrue();
    assertThat(
            ok("GET", GROUP + "distributors/echo/", null, 200)
                .json()
                .at("/last_publish")
                .isTextual())
        .isTrue();

    ok("POST", GROUP + "actions/publish/", "{\"id\": \"ghost\"}", 404);
    ok("POST", GROUP + "actions/publish/", "{}", 400);
    JsonNode failed =
        server.awaitTask(
            ok(
                "POST",
                GROUP + "actions/publish/",
                "{\"id\": \"echo\", \"override_config\": {\"fail\": true}}",
                202));
    assertThat(failed.at("/state").asText()).isEqualTo("error");
  }

  @Test
  void aDistributorRemovedWhileItsGroupPublishesLeavesNothingServed() throws Exception {
    Path pause = Files.createFile(dir.resolve("publish-pause"));
    Path started = dir.resolve("publish-started");
    ok(
        "POST",
        GROUP + "distributors/",
        """
        {"distributor_type_id": "bundle_group_distributor", "distributor_id": "bundle",
         "distributor_config": {"relative_url": "raced", "publish_pause_file": "%s",
                                "publish_started_mark": "%s"}}
        """
            .formatted(pause, started),
        201);
    String taskId =
        ok("POST", GROUP + "actions/publish/", "{\"id\": \"bundle\"}", 202)
            .json()
            .at("/spawned_tasks/0/task_id")
            .asText();
    // Not the task's "running": that comes before the platform reads the distributor, and a
    // removal in between fails the publish as a missing distributor instead.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(started)) {
      assertThat(System.nanoTime()).as("the plugin's publish never started").isLessThan(deadline);
      Thread.sleep(20);
    }

    // The removal does not wait for the publish, which then writes its tree after the unpublish.
    ok("DELETE", GROUP + "distributors/bundle/", null, 200);
    Files.delete(pause);
    JsonNode task = server.awaitTask(taskId);

    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("error");
    assertThat(task.at("/error/description").asText()).contains("removed", "while it published");
    assertThat(ok("GET", "/pulp/shared/raced/index.txt", null, 404).status()).isEqualTo(404);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(n -> ids.add(n.at("/id").asText()));
    return ids;
  }
}
