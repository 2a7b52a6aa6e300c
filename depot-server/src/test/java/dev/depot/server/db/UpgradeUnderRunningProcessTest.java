package dev.depot.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Upgrading a database that an older Depot made (schema 16, before repository versions): refused,
 * with nothing changed, while an older worker process still heartbeats on it; migrated, its
 * repositories kept, once that process has stopped or crashed.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UpgradeUnderRunningProcessTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;
  String url;
  final ScheduledExecutorService olderWorker = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void drop() {
    olderWorker.shutdownNow();
    kind.drop(url);
  }

  @Test
  void aRunningOlderWorkerHoldsTheMigrationBack() throws Exception {
    url = kind.emptyUrl(dir);
    olderSchema();
    sql(
        "INSERT INTO workers (name, started, last_heartbeat, concurrency) VALUES ('depot@old:8080',"
            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 2)");
    olderWorker.scheduleAtFixedRate(this::heartbeat, 0, 1, TimeUnit.SECONDS);

    assertThatThrownBy(() -> Database.open(url))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from schema version 16 to")
        .hasMessageContaining("repository versions")
        .hasMessageContaining("worker depot@old:8080 heartbeats")
        .hasMessageContaining("nothing was changed");
    assertThat(schemaVersion()).isEqualTo("16");

    olderWorker.shutdownNow();
    olderWorker.awaitTermination(5, TimeUnit.SECONDS);
    // The process crashed: its row stays, its heartbeat no longer moves.
    Database.open(url).close();
    assertThat(schemaVersion()).isNotEqualTo("16");
    assertThat(count("SELECT COUNT(*) FROM repo_versions WHERE repo_id = 'zoo'")).isEqualTo(1);
  }

  private void olderSchema() throws SQLException {
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("16")
        .load()
        .migrate();
    sql(
        "INSERT INTO repositories (repo_id, oid, display_name, notes, scratchpad, created) VALUES"
            + " ('zoo', '0123456789abcdef01234567', 'zoo', '{}', '{}', CURRENT_TIMESTAMP)");
  }

  private void heartbeat() {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s =
            c.prepareStatement("UPDATE workers SET last_heartbeat = ? WHERE name = ?")) {
      s.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
      s.setString(2, "depot@old:8080");
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String schemaVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\""
                    + " ORDER BY \"installed_rank\" DESC")) {
      r.next();
      return r.getString(1);
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private int count(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getInt(1);
    }
  }
}
