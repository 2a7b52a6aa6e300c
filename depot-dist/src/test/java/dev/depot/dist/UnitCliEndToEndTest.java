package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.depot.cli.DepotCli;
import dev.depot.plugin.Unit;
import dev.depot.server.Depot;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.UnitStore;
import dev.depot.server.db.Timestamps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code depot repo units|copy|remove-units} and {@code depot orphans} against a real server. */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class UnitCliEndToEndTest {
  private static final String PG =
      System.getProperty(
          "depot.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameter String database;
  @TempDir Path dir;
  Depot depot;
  String schema;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db");
    if (database.equals("postgresql")) {
      schema = "depot_cli_" + UUID.randomUUID().toString().replace("-", "");
      pg("CREATE SCHEMA " + schema);
      url = PG + "&currentSchema=" + schema;
    }
    depot = Depot.start(ServerConfig.of("127.0.0.1", 0, 0, dir, url, null, dir.resolve("config")));
    env = Map.of("DEPOT_URL", "http://127.0.0.1:" + depot.port(), "DEPOT_DATA_DIR", dir.toString());
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
    if (schema != null) {
      pg("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void pg(String sql) {
    try (Connection c = DriverManager.getConnection(PG);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("PostgreSQL unreachable with CI=true: " + e, e);
      }
      Assumptions.abort("PostgreSQL unreachable: " + e.getMessage());
    }
  }

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Run depot(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DepotCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void searchCopyRemoveAndCleanUpOrphans() throws Exception {
    for (String repo : new String[] {"zoo", "copy"}) {
      assertThat(depot("repo", "create", repo, "--importer", "iso_importer").code()).isZero();
    }
    UnitStore units = new UnitStore();
    ContentStore content = new ContentStore(dir);
    for (int i = 0; i < 5; i++) {
      Map<String, Object> key = Map.of("name", "f" + i + ".iso", "checksum", "c" + i, "size", i);
      Path file = content.storagePath("iso", key, "f" + i + ".iso");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "iso " + i);
      Unit unit = new Unit(null, "iso", key, Map.of(), file);
      depot
          .database()
          .jdbi()
          .useTransaction(
              h ->
                  units.associate(
                      h, "zoo", units.save(h, unit, Timestamps.now()), Timestamps.now()));
    }

    Run listed =
        depot("repo", "units", "zoo", "--type", "iso", "--sort", "size,desc", "--limit", "2");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("UNIT_KEY", "name=f4.iso", "name=f3.iso")
        .doesNotContain("f2.iso");
    JsonNode filtered = depot("--json", "repo", "units", "zoo", "--filter", "name=f1.iso").json();
    assertThat(filtered).hasSize(1);

    Run copied = depot("repo", "copy", "zoo", "copy", "--filters", "{\"size\": {\"$gte\": 3}}");
    assertThat(copied.code()).as(copied.err()).isZero();
    assertThat(copied.out()).contains("Units copied from zoo to copy (2 units)");
    assertThat(depot("--json", "repo", "units", "copy").json()).hasSize(2);

    Run removed = depot("repo", "remove-units", "zoo", "--type", "iso", "--filter", "size=0");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(depot("orphans", "list").out()).contains("iso", "1");
    assertThat(depot("orphans", "list", "--type", "iso").out()).contains("f0.iso");
    Run deleted = depot("orphans", "delete", "--type", "iso");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(depot("--json", "orphans", "list").json().at("/iso/count").asLong()).isZero();
    assertThat(depot("orphans", "delete", "--id", "x").code()).isNotZero();
  }
}
