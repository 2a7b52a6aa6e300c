package dev.depot.server.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two databases every persistence test runs on. H2 gets a file in the test's temporary
 * directory; PostgreSQL (at {@code depot.test.postgres.url}, by default the local server) gets a
 * fresh schema per use, dropped afterwards. Without PostgreSQL the tests are skipped on a developer
 * machine but fail when {@code CI=true}.
 */
public enum TestDatabase {
  /** Embedded H2 in a file. */
  H2,
  /** The local PostgreSQL server. */
  POSTGRESQL;

  private static final String PG_URL =
      System.getProperty(
          "depot.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  /**
   * A JDBC URL for a new, empty database.
   *
   * @param dir a temporary directory owned by the test
   */
  public String freshUrl(Path dir) {
    return switch (this) {
      case H2 -> "jdbc:h2:file:" + dir.resolve("db-" + UUID.randomUUID()).resolve("depot");
      case POSTGRESQL -> {
        String schema = "depot_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        yield PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      }
    };
  }

  /** Drops what {@link #freshUrl} made on PostgreSQL. */
  public void drop(String url) {
    if (this == POSTGRESQL) {
      String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(PG_URL);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "PostgreSQL is unreachable at " + PG_URL + " and CI=true: " + e.getMessage(), e);
      }
      Assumptions.abort("PostgreSQL is unreachable at " + PG_URL + ": " + e.getMessage());
    }
  }
}
