package dev.depot.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Scheduled syncs and publishes over the API, on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ScheduleApiTest extends ServerOnEachDatabase {
  private static final String REPO = "/pulp/api/v2/repositories/zoo/";
  private static final String SYNC_SCHEDULES = REPO + "importers/echo_importer/schedules/sync/";

  @BeforeEach
  void start() throws Exception {
    server.call(
        "POST",
        "/pulp/api/v2/repositories/",
        "{\"id\": \"zoo\", \"importer_type_id\": \"echo_importer\","
            + " \"distributors\": [{\"distributor_type_id\": \"echo_distributor\","
            + " \"distributor_id\": \"web\"}]}");
  }

  @Test
  void limitedScheduleFiresItsRunsThenStops() throws Exception {
    String start = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
    Reply created =
        server.call("POST", SYNC_SCHEDULES, "{\"schedule\": \"R2/" + start + "/PT1S\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).startsWith(SYNC_SCHEDULES);
    String href = created.json().at("/_href").asText();
    JsonNode done = awaitRuns(href, 2);
    Thread.sleep(1500);

    assertThat(done.at("/remaining_runs").asInt()).isZero();
    assertThat(done.at("/next_run").isNull()).isTrue();
    assertThat(server.call("GET", REPO + "history/sync/", null).json()).hasSize(2);
    assertThat(server.call("GET", SYNC_SCHEDULES, null).json()).hasSize(1);
    assertThat(server.call("DELETE", href, null).status()).isEqualTo(200);
    assertThat(server.call("GET", href, null).status()).isEqualTo(404);
  }

  @Test
  void failingScheduleDisablesItselfAtItsThreshold() throws Exception {
    Reply created =
        server.call(
            "POST",
            SYNC_SCHEDULES,
            "{\"schedule\": \"PT1S\", \"failure_threshold\": 2,"
                + " \"override_config\": {\"fail\": true}}");
    String href = created.json().at("/_href").asText();

    JsonNode schedule = server.call("GET", href, null).json();
    for (int i = 0; i < 100 && schedule.at("/enabled").asBoolean(); i++) {
      Thread.sleep(100);
      schedule = server.call("GET", href, null).json();
    }

    assertThat(schedule.at("/enabled").asBoolean()).isFalse();
    assertThat(schedule.at("/consecutive_failures").asInt()).isEqualTo(2);
    assertThat(schedule.at("/kwargs/overrides/fail").asBoolean()).isTrue();
  }

  @Test
  void aScheduleShowsTheSecretsOfItsOverrideMasked() throws Exception {
    Reply created =
        server.call(
            "POST",
            SYNC_SCHEDULES,
            "{\"schedule\": \"2030-01-01T00:00:00Z/P1D\", \"override_config\":"
                + " {\"basic_auth_password\": \"s3cret\", \"ssl_client_key\": \"k3y\","
                + " \"remote\": {\"ssh_identity_file\": \"/keys/push\"},"
                + " \"mirrors\": [{\"proxy_password\": \"l1st\"}], \"fail\": true}}");
    String href = created.json().at("/_href").asText();
    Reply updated = server.call("PUT", href, "{\"enabled\": false}");

    for (Reply shown :
        new Reply[] {
          created, updated, server.call("GET", href, null), server.call("GET", SYNC_SCHEDULES, null)
        }) {
      assertThat(shown.body())
          .as(shown.body())
          .doesNotContain("s3cret")
          .doesNotContain("k3y")
          .doesNotContain("/keys/push")
          .doesNotContain("l1st")
          .contains("\"basic_auth_password\":\"*****\"")
          .contains("\"fail\":true");
    }
  }

  @Test
  void publishSchedulesLiveUnderTheDistributor() throws Exception {
    String path = REPO + "distributors/web/schedules/publish/";
    Reply created =
        server.call(
            "POST", path, "{\"schedule\": \"2030-01-01T00:00:00Z/P1D\", \"enabled\": false}");
    String href = created.json().at("/_href").asText();

    JsonNode updated =
        server
            .call(
                "PUT", href, "{\"enabled\": true, \"schedule\": \"R3/2030-01-01T00:00:00Z/PT6H\"}")
            .json();

    assertThat(created.json().at("/args/1").asText()).isEqualTo("web");
    assertThat(updated.at("/enabled").asBoolean()).isTrue();
    assertThat(updated.at("/remaining_runs").asInt()).isEqualTo(3);
    assertThat(updated.at("/next_run").asText()).isEqualTo("2030-01-01T00:00:00Z");
    server.awaitTask(server.call("DELETE", REPO + "distributors/web/", null));
    assertThat(server.call("GET", path, null).status()).isEqualTo(404);
  }

  @Test
  void badSchedulesAreRefusedNamingTheField() throws Exception {
    Reply badInterval = server.call("POST", SYNC_SCHEDULES, "{\"schedule\": \"hourly\"}");
    Reply unknownKey =
        server.call("POST", SYNC_SCHEDULES, "{\"schedule\": \"PT1H\", \"colour\": \"red\"}");
    Reply badThreshold =
        server.call("POST", SYNC_SCHEDULES, "{\"schedule\": \"PT1H\", \"failure_threshold\": 0}");
    Reply noImporter =
        server.call("POST", REPO + "importers/other/schedules/sync/", "{\"schedule\": \"PT1H\"}");

    assertThat(badInterval.status()).isEqualTo(400);
    assertThat(badInterval.json().at("/property_names/0").asText()).isEqualTo("schedule");
    assertThat(unknownKey.json().at("/error/code").asText()).isEqualTo("PLP0017");
    assertThat(badThreshold.json().at("/property_names/0").asText()).isEqualTo("failure_threshold");
    assertThat(noImporter.status()).isEqualTo(404);
    assertThat(server.call("GET", SYNC_SCHEDULES, null).json()).isEmpty();
  }

  @Test
  void aScheduleThatCannotFireDoesNotHoldBackTheOthersDue() throws Exception {
    String later =
        Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    String broken =
        server
            .call("POST", SYNC_SCHEDULES, "{\"schedule\": \"R3/" + later + "/PT1H\"}")
            .json()
            .at("/_id")
            .asText();
    String sound =
        server
            .call("POST", SYNC_SCHEDULES, "{\"schedule\": \"R3/" + later + "/PT1H\"}")
            .json()
            .at("/_href")
            .asText();
    // A row this version cannot read (written by hand, or by another version), due first.
    try (Connection db = DriverManager.getConnection(server.databaseUrl());
        Statement sql = db.createStatement()) {
      sql.executeUpdate("UPDATE schedules SET next_run = CURRENT_TIMESTAMP - INTERVAL '1' HOUR");
      sql.executeUpdate(
          "UPDATE schedules SET schedule = 'not a schedule', next_run = CURRENT_TIMESTAMP"
              + " - INTERVAL '2' HOUR WHERE schedule_id = '"
              + broken
              + "'");
    }

    assertThat(awaitRuns(sound, 1).at("/total_run_count").asInt()).isEqualTo(1);
  }

  private JsonNode awaitRuns(String href, int runs) throws Exception {
    for (int i = 0; i < 150; i++) {
      JsonNode schedule = server.call("GET", href, null).json();
      if (schedule.at("/total_run_count").asInt() >= runs) {
        return schedule;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("schedule did not fire " + runs + " times");
  }
}
