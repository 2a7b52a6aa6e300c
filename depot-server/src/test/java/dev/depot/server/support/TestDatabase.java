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
 * fresh database per use, dropped afterwards. Without PostgreSQL the tests are skipped on a
 * developer machine but fail when {@code CI=true}.
 *
 * <p>A {@link #freshUrl fresh} database is a copy of one this JVM migrated once ({@link
 * MigratedTemplate}); the server started on it still runs Flyway, which finds nothing pending.
 * Tests of the migrations themselves take an {@link #emptyUrl empty} one.
 */
public enum TestDatabase {
  /** Embedded H2 in a file. */
  H2,
  /** The local PostgreSQL server. */
  POSTGRESQL;

  static final String PG_URL =
      System.getProperty(
          "depot.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  /**
   * A JDBC URL for a new database with the current schema and no data.
   *
   * @param dir a temporary directory owned by the test
   */
  public String freshUrl(Path dir) {
    return switch (this) {
      case H2 -> MigratedTemplate.h2Copy(dir.resolve("db-" + UUID.randomUUID()));
      case POSTGRESQL -> {
        String name = newDatabaseName();
        execute("CREATE DATABASE " + name + " TEMPLATE " + MigratedTemplate.postgresql());
        yield urlOf(name);
      }
    };
  }

  /**
   * A JDBC URL for a new, empty database, for the tests of migrations.
   *
   * @param dir a temporary directory owned by the test
   */
  public String emptyUrl(Path dir) {
    return switch (this) {
      case H2 -> "jdbc:h2:file:" + dir.resolve("db-" + UUID.randomUUID()).resolve("depot");
      case POSTGRESQL -> {
        String name = newDatabaseName();
        execute("CREATE DATABASE " + name);
        yield urlOf(name);
      }
    };
  }

  /** Drops what {@link #freshUrl} or {@link #emptyUrl} made on PostgreSQL. */
  public void drop(String url) {
    if (this == POSTGRESQL) {
      // FORCE: a connection a stopped server's pool let go of a moment ago may still be closing.
      execute("DROP DATABASE IF EXISTS " + databaseOf(url) + " WITH (FORCE)");
    }
  }

  private static String newDatabaseName() {
    return "depot_test_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** {@link #PG_URL} naming another database on the same server. */
  static String urlOf(String database) {
    int slash = PG_URL.indexOf('/', "jdbc:postgresql://".length());
    int query = PG_URL.indexOf('?', slash);
    return PG_URL.substring(0, slash + 1) + database + (query < 0 ? "" : PG_URL.substring(query));
  }

  private static String databaseOf(String url) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    return url.substring(slash + 1, query < 0 ? url.length() : query);
  }

  static void execute(String sql) {
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
