package dev.depot.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Depot started on a database that a newer Depot migrated (a rolled-back upgrade) refuses to
 * start, saying so, and changes nothing: Flyway alone only warns and lets the older code write rows
 * the newer schema reads differently.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class NewerSchemaTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;
  String url;

  @AfterEach
  void drop() {
    kind.drop(url);
  }

  @Test
  void anOlderDepotRefusesADatabaseANewerOneMigrated() throws SQLException {
    url = kind.emptyUrl(dir);
    Database.open(url).close();
    // What a newer Depot's next migration leaves behind.
    sql(
        "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
            + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
            + " \"success\") VALUES (9999, '9999', 'from the future', 'SQL',"
            + " 'V9999__from_the_future.sql', 1, 'depot', 1, TRUE)");
    sql("CREATE TABLE from_the_future (id INTEGER)");
    int applied = count("SELECT COUNT(*) FROM \"flyway_schema_history\"");

    assertThatThrownBy(() -> Database.open(url))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("migrated by a newer Depot")
        .hasMessageContaining("schema version 9999")
        .hasMessageContaining("9999 (from the future)")
        .hasMessageContaining("nothing was changed");

    assertThat(count("SELECT COUNT(*) FROM \"flyway_schema_history\"")).isEqualTo(applied);
    assertThat(count("SELECT COUNT(*) FROM from_the_future")).isZero();
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
