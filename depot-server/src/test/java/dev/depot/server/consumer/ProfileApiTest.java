package dev.depot.server.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Consumers' unit profiles and applicability over real sockets, on each database: profiles checked
 * by their type's profiler, regenerated per consumer, by consumer criteria and by repository
 * criteria, and answered grouped, as in Pulp. The example {@code note_profiler} counts every note a
 * consumer has not read.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ProfileApiTest {
  private static final String CONSUMERS = "/pulp/api/v2/consumers/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot server;

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(database, dir.resolve("server"));
    Reply repo =
        server.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "importer_type_id": "echo_importer",
             "importer_config": {"notes_per_sync": 3},
             "distributors": [{"distributor_type_id": "echo_distributor", "distributor_id": "web",
               "distributor_config": {"relative_url": "zoo/web"}}]}
            """);
    assertThat(repo.status()).as(repo.body()).isEqualTo(201);
    server.awaitTask(server.call("POST", "/pulp/api/v2/repositories/zoo/actions/sync/", "{}"));
    for (String id : new String[] {"web01", "web02", "db01"}) {
      assertThat(server.call("POST", CONSUMERS, "{\"id\": \"" + id + "\"}").status())
          .isEqualTo(201);
    }
    for (String id : new String[] {"web01", "web02"}) {
      Reply bound =
          server.call(
              "POST",
              CONSUMERS + id + "/bindings/",
              "{\"repo_id\": \"zoo\", \"distributor_id\": \"web\", \"notify_agent\": false}");
      assertThat(bound.status()).as(bound.body()).isEqualTo(200);
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Reply profile(String consumer, String body) throws Exception {
    return server.call("POST", CONSUMERS + consumer + "/profiles/", body);
  }

  @Test
  void profilesAreCheckedStoredReplacedAndDeleted() throws Exception {
    Reply stored = profile("web01", "{\"content_type\": \"note\", \"profile\": [\"note-0\"]}");
    assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    assertThat(stored.json().at("/profile_hash").asText()).hasSize(64);
    assertThat(profile("web01", "{\"content_type\": \"note\", \"profile\": [\"note-1\"]}").status())
        .isEqualTo(201);
    JsonNode listed = server.call("GET", CONSUMERS + "web01/profiles/", null).json();
    assertThat(listed).hasSize(1);
    assertThat(listed.at("/0/profile/0").asText()).isEqualTo("note-1");

    Reply badProfile = profile("web01", "{\"content_type\": \"note\", \"profile\": {\"a\": 1}}");
    assertThat(badProfile.status()).isEqualTo(400);
    assertThat(badProfile.body()).contains("a note profile is a list of titles", "profile");
    Reply noProfiler = profile("web01", "{\"content_type\": \"iso\", \"profile\": []}");
    assertThat(noProfiler.status()).isEqualTo(400);
    assertThat(noProfiler.body()).contains("No profiler reads profiles of content type iso");
    assertThat(profile("nobody", "{\"content_type\": \"note\", \"profile\": []}").status())
        .isEqualTo(404);
    assertThat(profile("web01", "{\"content_type\": \"note\"}").status()).isEqualTo(400);

    assertThat(server.call("DELETE", CONSUMERS + "web01/profiles/note/", null).status())
        .isEqualTo(200);
    assertThat(server.call("GET", CONSUMERS + "web01/profiles/note/", null).status())
        .isEqualTo(404);
  }

  @Test
  void applicabilityDetailsTellNeverRegeneratedFromNothingApplies() throws Exception {
    String details = CONSUMERS + "db01/applicability/?details=true";
    profile("db01", "{\"content_type\": \"note\", \"profile\": []}");
    JsonNode fresh = server.call("GET", details, null).json();
    assertThat(fresh.at("/regenerated").isNull()).as(fresh.toString()).isTrue();
    assertThat(fresh.at("/applicability").toString()).isEqualTo("{}");
    // Without the flag the answer keeps its shape: the map alone.
    assertThat(server.call("GET", CONSUMERS + "db01/applicability/", null).body().strip())
        .isEqualTo("{}");

    server.awaitTask(
        server.call("POST", CONSUMERS + "db01/actions/content/regenerate_applicability/", "{}"));
    JsonNode computed = server.call("GET", details, null).json();
    assertThat(computed.at("/regenerated").asText()).as(computed.toString()).isNotEmpty();
    assertThat(computed.at("/applicability").toString()).isEqualTo("{}"); // bound to nothing

    // The same profile again keeps the answer; a changed one drops it until regenerated.
    profile("db01", "{\"content_type\": \"note\", \"profile\": []}");
    assertThat(server.call("GET", details, null).json().at("/regenerated").isNull()).isFalse();
    profile("db01", "{\"content_type\": \"note\", \"profile\": [\"note-0\"]}");
    assertThat(server.call("GET", details, null).json().at("/regenerated").isNull()).isTrue();
  }

  @Test
  void applicabilityIsRegeneratedAndAnsweredGrouped() throws Exception {
    profile("web01", "{\"content_type\": \"note\", \"profile\": [\"note-0\"]}");
    profile("web02", "{\"content_type\": \"note\", \"profile\": [\"note-0\"]}");
    profile("db01", "{\"content_type\": \"note\", \"profile\": []}");
    Reply one =
        server.call("POST", CONSUMERS + "db01/actions/content/regenerate_applicability/", "{}");
    assertThat(one.status()).isEqualTo(202);
    server.awaitTask(one);
    Reply byRepo =
        server.call(
            "POST",
            "/pulp/api/v2/repositories/actions/content/regenerate_applicability/",
            "{\"repo_criteria\": {\"filters\": {\"id\": \"zoo\"}}}");
    assertThat(byRepo.status()).as(byRepo.body()).isEqualTo(202);
    assertThat(server.awaitTask(byRepo).at("/result/consumers_regenerated").asLong()).isEqualTo(2);

    Reply answer =
        server.call(
            "POST",
            CONSUMERS + "content/applicability/",
            "{\"criteria\": {\"sort\": [[\"id\", \"ascending\"]]}}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode groups = answer.json();
    assertThat(groups).hasSize(2);
    JsonNode db =
        groups.get(0).at("/consumers/0").asText().equals("db01") ? groups.get(0) : groups.get(1);
    JsonNode web = db == groups.get(0) ? groups.get(1) : groups.get(0);
    assertThat(db.at("/consumers").toString()).isEqualTo("[\"db01\"]");
    assertThat(db.at("/applicability").toString()).isEqualTo("{}"); // bound to nothing
    assertThat(web.at("/consumers").toString()).isEqualTo("[\"web01\",\"web02\"]");
    assertThat(web.at("/applicability/note")).hasSize(2); // note-1 and note-2, unread

    Reply badCriteria =
        server.call(
            "POST",
            CONSUMERS + "actions/content/regenerate_applicability/",
            "{\"consumer_criteriaa\": {}}");
    assertThat(badCriteria.status()).isEqualTo(400);
    assertThat(server.call("GET", CONSUMERS + "web01/applicability/", null).json().at("/note"))
        .hasSize(2);

    // A changed profile (note-1 read since) has no applicability until regenerated, as in Pulp,
    // where it belonged to the profile's hash: not the old profile's, which still lists note-1.
    String readSince = "{\"content_type\": \"note\", \"profile\": [\"note-0\", \"note-1\"]}";
    assertThat(profile("web01", readSince).status()).isEqualTo(201);
    assertThat(server.call("GET", CONSUMERS + "web01/applicability/", null).json().toString())
        .isEqualTo("{}");
    assertThat(profile("web02", "{\"content_type\": \"note\", \"profile\": [\"note-0\"]}").status())
        .isEqualTo(201); // the same profile again: what was regenerated from it holds
    assertThat(server.call("GET", CONSUMERS + "web02/applicability/", null).json().at("/note"))
        .hasSize(2);
    server.awaitTask(
        server.call("POST", CONSUMERS + "web01/actions/content/regenerate_applicability/", "{}"));
    assertThat(server.call("GET", CONSUMERS + "web01/applicability/", null).json().at("/note"))
        .hasSize(1);
  }

  @Test
  void aParallelRegenerationIsATaskGroupFollowedByItsStateSummary() throws Exception {
    profile("web01", "{\"content_type\": \"note\", \"profile\": [\"note-0\"]}");
    String regenerate = "/pulp/api/v2/repositories/actions/content/regenerate_applicability/";
    long tasksBefore = server.call("GET", "/pulp/api/v2/tasks/", null).json().size();

    Reply group =
        server.call(
            "POST",
            regenerate,
            "{\"repo_criteria\": {\"filters\": {\"id\": \"zoo\"}}, \"parallel\": true}");

    assertThat(group.status()).as(group.body()).isEqualTo(202);
    String groupId = group.json().at("/group_id").asText();
    assertThat(group.json().at("/_href").asText())
        .isEqualTo("/pulp/api/v2/task_groups/" + groupId + "/");
    assertThat(group.json().size()).isEqualTo(2);
    String summaryPath = "/pulp/api/v2/task_groups/" + groupId + "/state_summary/";
    JsonNode summary = server.call("GET", summaryPath, null).json();
    for (int i = 0;
        i < 300 && summary.at("/finished").asInt() < summary.at("/total").asInt();
        i++) {
      Thread.sleep(100);
      summary = server.call("GET", summaryPath, null).json();
    }
    assertThat(summary.at("/total").asInt()).isEqualTo(1);
    assertThat(summary.at("/finished").asInt()).isEqualTo(1);
    assertThat(summary.at("/error").asInt()).isZero();
    assertThat(summary.has("waiting") && summary.has("running") && summary.has("canceled"))
        .isTrue();
    assertThat(server.call("GET", CONSUMERS + "web01/applicability/", null).json().at("/note"))
        .hasSize(2);
    // As in Pulp, the group's tasks stay out of the task list; the group has no page of its own.
    assertThat(server.call("GET", "/pulp/api/v2/tasks/", null).json().size())
        .isEqualTo(tasksBefore);
    assertThat(server.call("GET", "/pulp/api/v2/task_groups/" + groupId + "/", null).status())
        .isEqualTo(404);
    assertThat(server.call("DELETE", "/pulp/api/v2/task_groups/" + groupId + "/", null).status())
        .isEqualTo(200);
    assertThat(server.call("GET", "/pulp/api/v2/task_groups/nope/state_summary/", null).status())
        .isEqualTo(404);
    Reply notBoolean =
        server.call("POST", regenerate, "{\"repo_criteria\": {}, \"parallel\": \"yes\"}");
    assertThat(notBoolean.status()).isEqualTo(400);
    assertThat(notBoolean.body()).contains("parallel");
  }
}
