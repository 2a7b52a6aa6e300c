package dev.depot.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.Depot;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The next release's migration against processes of this one that run no worker: an API-only and a
 * content-only server, which used to leave no heartbeat, so the migration went ahead under them.
 * Each now heartbeats in {@code processes}, is listed by {@code /status/} with its build, and holds
 * the migration back until it stops.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class MigrationSeesEveryProcessTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;
  String url;

  @AfterEach
  void drop() {
    kind.drop(url);
  }

  @Test
  void apiAndContentOnlyProcessesHoldALaterMigrationBackUntilTheyStop() throws Exception {
    url = kind.emptyUrl(dir);
    RunningDepot api =
        RunningDepot.start(kind, dir.resolve("api"), url, Set.of("api"), "api-1", 30);
    RunningDepot content =
        RunningDepot.start(kind, dir.resolve("content"), url, Set.of("content"), "content-1", 30);
    Flyway nextRelease =
        Flyway.configure()
            .dataSource(url, null, null)
            .locations("classpath:db/migration", "classpath:db/later-release")
            .load();
    DataSource db = nextRelease.getConfiguration().getDataSource();
    try {
      JsonNode status = api.call("GET", "/pulp/api/v2/status/", null).json();
      assertThat(status.at("/known_workers")).as("no worker runs").isEmpty();
      assertThat(status.at("/known_processes").findValuesAsText("name"))
          .containsExactly("api-1", "content-1");
      assertThat(status.at("/known_processes/0/roles/0").asText()).isEqualTo("api");
      assertThat(status.at("/known_processes/1/roles/0").asText()).isEqualTo("content");
      assertThat(status.at("/known_processes/0/version").asText()).isEqualTo(Depot.VERSION);
      assertThat(status.at("/known_processes/0/pid").asLong())
          .isEqualTo(ProcessHandle.current().pid());

      assertThatThrownBy(
              () ->
                  RunningProcesses.refuseMigrationUnderThem(
                      nextRelease.info(), db, RunningProcesses.HEARTBEAT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("to 999 (a later release)")
          .hasMessageContaining("process api-1 (api; Depot " + Depot.VERSION)
          .hasMessageContaining("process content-1 (content; Depot " + Depot.VERSION)
          .hasMessageContaining("nothing was changed");
    } finally {
      api.stopKeepingDatabase();
      content.stopKeepingDatabase();
    }

    assertThat(count(db, "SELECT COUNT(*) FROM processes")).as("rows deleted at stop").isZero();
    assertThatCode(
            () ->
                RunningProcesses.refuseMigrationUnderThem(
                    nextRelease.info(), db, RunningProcesses.HEARTBEAT))
        .doesNotThrowAnyException();
  }

  private static int count(DataSource db, String query) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getInt(1);
    }
  }
}
