package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.example.EchoDistributor;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Sync and publish as tasks over the API, on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SyncAndPublishTaskTest extends ServerOnEachDatabase {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  private void createRepo(String id, String distributorConfig, boolean autoPublish)
      throws Exception {
    Reply created =
        server.call(
            "POST",
            REPOS,
            "{\"id\": \""
                + id
                + "\", \"importer_type_id\": \"echo_importer\","
                + " \"importer_config\": {\"notes_per_sync\": 3},"
                + " \"distributors\": [{\"distributor_type_id\": \"echo_distributor\","
                + " \"distributor_id\": \"web\", \"auto_publish\": "
                + autoPublish
                + ", \"distributor_config\": "
                + distributorConfig
                + "}]}");
    assertThat(created.status()).isEqualTo(201);
  }

  private Reply publish(String repo, String body) throws Exception {
    return server.call("POST", REPOS + repo + "/actions/publish/", body);
  }

  @Test
  void syncAddsUnitsRecordsHistoryAndAutoPublishes() throws Exception {
    createRepo("zoo", "{}", true);

    Reply queued = server.call("POST", REPOS + "zoo/actions/sync/", null);
    JsonNode sync = server.awaitTask(queued);

    assertThat(queued.status()).isEqualTo(202);
    assertThat(sync.at("/state").asText()).isEqualTo("finished");
    assertThat(sync.at("/task_type").asText()).isEqualTo("pulp.server.managers.repo.sync.sync");
    assertThat(sync.at("/tags").toString()).contains("pulp:repository:zoo", "pulp:action:sync");
    assertThat(sync.at("/result/result").asText()).isEqualTo("success");
    assertThat(sync.at("/result/added_count").asLong()).isEqualTo(3);
    assertThat(sync.at("/progress_report/echo_importer/done").asLong()).isEqualTo(3);
    assertThat(sync.at("/worker_name").asText()).startsWith("depot@");
    assertThat(
            server
                .call("GET", REPOS + "zoo/", null)
                .json()
                .at("/content_unit_counts/note")
                .asLong())
        .isEqualTo(3);

    JsonNode autoPublish = server.awaitTask(sync.at("/spawned_tasks/0/task_id").asText());
    assertThat(autoPublish.at("/state").asText()).isEqualTo("finished");
    assertThat(autoPublish.at("/result/summary/units").asLong()).isEqualTo(3);

    JsonNode history = server.call("GET", REPOS + "zoo/history/sync/", null).json();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).at("/added_count").asLong()).isEqualTo(3);
    JsonNode importer = server.call("GET", REPOS + "zoo/importers/echo_importer/", null).json();
    assertThat(importer.at("/last_sync").isNull()).isFalse();
  }

  @Test
  void failedSyncEndsInErrorWithHistoryAndNoAutoPublish() throws Exception {
    createRepo("zoo", "{}", true);

    JsonNode sync =
        server.awaitTask(
            server.call(
                "POST", REPOS + "zoo/actions/sync/", "{\"override_config\": {\"fail\": true}}"));

    assertThat(sync.at("/state").asText()).isEqualTo("error");
    assertThat(sync.at("/error/code").asText()).isEqualTo("PLP0000");
    assertThat(sync.at("/error/description").asText())
        .as("the importer's own words say why")
        .isEqualTo("asked to fail");
    assertThat(sync.at("/spawned_tasks")).isEmpty();
    JsonNode entry = server.call("GET", REPOS + "zoo/history/sync/", null).json().get(0);
    assertThat(entry.at("/result").asText()).isEqualTo("failed");
    assertThat(entry.at("/error_message").asText()).isEqualTo("asked to fail");
  }

  @Test
  void failedSyncWithoutAReasonSaysPulpsWords() throws Exception {
    createRepo("zoo", "{}", false);

    JsonNode sync =
        server.awaitTask(
            server.call(
                "POST",
                REPOS + "zoo/actions/sync/",
                "{\"override_config\": {\"fail_without_reason\": true}}"));

    assertThat(sync.at("/state").asText()).isEqualTo("error");
    assertThat(sync.at("/error/description").asText())
        .isEqualTo("Importer indicated a failed response");
    assertThat(
            server
                .call("GET", REPOS + "zoo/history/sync/", null)
                .json()
                .get(0)
                .at("/error_message")
                .asText())
        .isEqualTo("Importer indicated a failed response");
  }

  @Test
  void unchangedRepositoryPublishIsSkippedUnlessForceFull() throws Exception {
    createRepo("zoo", "{}", false);
    server.awaitTask(server.call("POST", REPOS + "zoo/actions/sync/", null));

    JsonNode first = server.awaitTask(publish("zoo", "{\"id\": \"web\"}"));
    JsonNode second = server.awaitTask(publish("zoo", "{\"id\": \"web\"}"));
    JsonNode forced =
        server.awaitTask(
            publish("zoo", "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}"));
    server.awaitTask(server.call("POST", REPOS + "zoo/actions/sync/", null));
    JsonNode afterChange = server.awaitTask(publish("zoo", "{\"id\": \"web\"}"));

    assertThat(first.at("/state").asText()).isEqualTo("finished");
    assertThat(second.at("/state").asText()).isEqualTo("skipped");
    assertThat(second.at("/result/result").asText()).isEqualTo("skipped");
    assertThat(second.at("/result/summary").asText()).startsWith("Skipped:");
    assertThat(forced.at("/state").asText()).isEqualTo("finished");
    assertThat(afterChange.at("/state").asText()).isEqualTo("finished");
    assertThat(afterChange.at("/result/summary/units").asLong()).isEqualTo(6);
    JsonNode distributor = server.call("GET", REPOS + "zoo/distributors/web/", null).json();
    assertThat(distributor.at("/last_publish").isNull()).isFalse();
    assertThat(distributor.at("/scratchpad/published_units").asLong()).isEqualTo(6);
    JsonNode history =
        server.call("GET", REPOS + "zoo/history/publish/web/?sort=ascending&limit=2", null).json();
    assertThat(history).hasSize(2);
    assertThat(history.get(1).at("/result").asText()).isEqualTo("skipped");
  }

  @Test
  void publishAfterOneWithAnOverrideIsNotSkipped() throws Exception {
    createRepo("zoo", "{}", false);
    server.awaitTask(server.call("POST", REPOS + "zoo/actions/sync/", null));
    server.awaitTask(publish("zoo", "{\"id\": \"web\"}"));

    JsonNode overridden =
        server.awaitTask(publish("zoo", "{\"id\": \"web\", \"override_config\": {\"steps\": 1}}"));
    JsonNode back = server.awaitTask(publish("zoo", "{\"id\": \"web\"}"));
    JsonNode again = server.awaitTask(publish("zoo", "{\"id\": \"web\"}"));
    server.awaitTask(
        publish("zoo", "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}"));
    JsonNode afterForced = server.awaitTask(publish("zoo", "{\"id\": \"web\"}"));

    assertThat(overridden.at("/state").asText()).isEqualTo("finished");
    // The tree served was made with the override, not with the config alone: publish it again.
    assertThat(back.at("/state").asText()).isEqualTo("finished");
    assertThat(again.at("/state").asText()).isEqualTo("skipped");
    // force_full only forces that one publish; it shapes no tree.
    assertThat(afterForced.at("/state").asText()).isEqualTo("skipped");
    // As Pulp, the API never shows the last override (it may hold secrets).
    assertThat(
            server
                .call("GET", REPOS + "zoo/distributors/web/", null)
                .json()
                .at("/last_override_config")
                .toString())
        .isEqualTo("{}");
  }

  @Test
  void progressIsVisibleWhileRunningAndCancelStopsIt() throws Exception {
    createRepo("zoo", "{\"steps\": 200, \"step_millis\": 50}", false);
    String taskId =
        publish("zoo", "{\"id\": \"web\"}").json().at("/spawned_tasks/0/task_id").asText();

    JsonNode running = awaitProgress(taskId);
    assertThat(running.at("/state").asText()).isEqualTo("running");
    assertThat(running.at("/progress_report/web/steps").asLong()).isEqualTo(200);

    Instant cancelled = Instant.now();
    assertThat(server.call("DELETE", "/pulp/api/v2/tasks/" + taskId + "/", null).status())
        .isEqualTo(200);
    JsonNode task = server.awaitTask(taskId);

    assertThat(task.at("/state").asText()).isEqualTo("canceled");
    assertThat(Instant.now()).isBefore(cancelled.plusSeconds(5));
    assertThat(task.at("/progress_report/web/step").asLong()).isLessThan(200);
    JsonNode distributor = server.call("GET", REPOS + "zoo/distributors/web/", null).json();
    assertThat(distributor.at("/last_publish").isNull()).isTrue();
    assertThat(
            server
                .call("GET", REPOS + "zoo/history/publish/web/", null)
                .json()
                .get(0)
                .at("/result")
                .asText())
        .isEqualTo("canceled");
  }

  @Test
  void pluginThatIgnoresCancelIsInterruptedAndStillEndsCanceled() throws Exception {
    createRepo("zoo", "{\"steps\": 300, \"step_millis\": 100, \"ignore_cancel\": true}", false);
    String taskId =
        publish("zoo", "{\"id\": \"web\"}").json().at("/spawned_tasks/0/task_id").asText();
    awaitProgress(taskId);

    Instant cancelled = Instant.now();
    server.call("DELETE", "/pulp/api/v2/tasks/" + taskId + "/", null);
    JsonNode task = server.awaitTask(taskId);

    assertThat(task.at("/state").asText()).isEqualTo("canceled");
    assertThat(Instant.now()).isBefore(cancelled.plusSeconds(10));
    JsonNode next =
        server.awaitTask(publish("zoo", "{\"id\": \"web\", \"override_config\": {\"steps\": 1}}"));
    assertThat(next.at("/state").asText()).isEqualTo("finished");
  }

  private JsonNode awaitProgress(String taskId) throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonNode task = server.call("GET", "/pulp/api/v2/tasks/" + taskId + "/", null).json();
      if (task.at("/progress_report/web/step").asLong() > 0) {
        return task;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no progress seen");
  }

  @Test
  void waitingTaskIsCancelledAtOnceAndTheQueueGoesOn() throws Exception {
    createRepo("zoo", "{\"steps\": 10, \"step_millis\": 50}", false);
    String first =
        publish("zoo", "{\"id\": \"web\"}").json().at("/spawned_tasks/0/task_id").asText();
    String second =
        publish("zoo", "{\"id\": \"web\", \"override_config\": {\"steps\": 1}}")
            .json()
            .at("/spawned_tasks/0/task_id")
            .asText();
    String third =
        publish("zoo", "{\"id\": \"web\", \"override_config\": {\"steps\": 1}}")
            .json()
            .at("/spawned_tasks/0/task_id")
            .asText();

    server.call("DELETE", "/pulp/api/v2/tasks/" + second + "/", null);
    JsonNode cancelled = server.call("GET", "/pulp/api/v2/tasks/" + second + "/", null).json();

    assertThat(cancelled.at("/state").asText()).isEqualTo("canceled");
    assertThat(cancelled.at("/start_time").isNull()).isTrue();
    assertThat(server.awaitTask(first).at("/state").asText()).isEqualTo("finished");
    assertThat(server.awaitTask(third).at("/state").asText()).isEqualTo("finished");
    assertThat(server.call("DELETE", "/pulp/api/v2/tasks/" + second + "/", null).status())
        .isEqualTo(200);
    assertThat(server.call("DELETE", "/pulp/api/v2/tasks/nope/", null).status()).isEqualTo(404);
  }

  @Test
  void tasksOnOneRepositoryRunInOrderOneAtATimeAndOthersInParallel() throws Exception {
    EchoDistributor.MOST_AT_ONCE.clear();
    createRepo("a", "{\"steps\": 4, \"step_millis\": 60, \"relative_url\": \"a\"}", false);
    createRepo("b", "{\"steps\": 8, \"step_millis\": 60, \"relative_url\": \"b\"}", false);
    String[] onA = new String[3];
    for (int i = 0; i < 3; i++) {
      onA[i] =
          publish("a", "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}")
              .json()
              .at("/spawned_tasks/0/task_id")
              .asText();
    }
    String onB = publish("b", "{\"id\": \"web\"}").json().at("/spawned_tasks/0/task_id").asText();

    JsonNode[] a = new JsonNode[3];
    for (int i = 0; i < 3; i++) {
      a[i] = server.awaitTask(onA[i]);
    }
    JsonNode b = server.awaitTask(onB);

    assertThat(b.at("/state").asText()).isEqualTo("finished");
    for (JsonNode task : a) {
      assertThat(task.at("/state").asText()).isEqualTo("finished");
    }
    assertThat(EchoDistributor.MOST_AT_ONCE).containsEntry("a", 1).containsEntry("*", 2);
    for (int i = 1; i < 3; i++) {
      Instant previousFinish = Instant.parse(a[i - 1].at("/finish_time").asText());
      assertThat(Instant.parse(a[i].at("/start_time").asText())).isAfterOrEqualTo(previousFinish);
    }
    JsonNode listed = server.call("GET", "/pulp/api/v2/tasks/?tag=pulp:repository:a", null).json();
    assertThat(listed.findValuesAsText("task_id")).containsExactly(onA);
  }

  @Test
  void publishOfUnknownDistributorIsRefusedAtOnceNamingItAndQueuesNothing() throws Exception {
    createRepo("zoo", "{}", false);

    Reply unknown = publish("zoo", "{\"id\": \"ghost\"}");
    Reply missingId = publish("zoo", "{}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("PLP0009");
    assertThat(unknown.json().at("/error_message").asText()).contains("distributor=ghost");
    assertThat(unknown.json().at("/resources/distributor").asText()).isEqualTo("ghost");
    assertThat(server.call("GET", "/pulp/api/v2/tasks/?tag=pulp:repository:zoo", null).json())
        .isEmpty();
    assertThat(missingId.status()).isEqualTo(400);
    assertThat(publish("ghost", "{\"id\": \"web\"}").status()).isEqualTo(404);
    assertThat(server.call("POST", REPOS + "ghost/actions/sync/", null).status()).isEqualTo(404);
  }

  @Test
  void statusListsThisWorker() throws Exception {
    JsonNode status = server.send("GET", "/pulp/api/v2/status/", null, null).json();

    assertThat(status.at("/known_workers/0/name").asText()).startsWith("depot@");
    assertThat(status.at("/known_workers/0/last_heartbeat").asText()).endsWith("Z");
    assertThat(status.at("/listeners/http").asText())
        .startsWith("http://")
        .endsWith(":" + server.depot().port() + "/");
    assertThat(status.at("/listeners/https").asText())
        .startsWith("https://")
        .endsWith(":" + server.depot().httpsPort() + "/");
  }
}
