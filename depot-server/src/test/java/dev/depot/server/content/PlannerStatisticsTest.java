package dev.depot.server.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Database;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk load on PostgreSQL gets the unit tables analyzed as it grows, so that the planner keeps
 * looking units up by index instead of scanning them (see {@code PlannerStatistics}).
 */
class PlannerStatisticsTest {
  @TempDir Path dir;

  String url;
  Database database;
  final UnitStore units = new UnitStore();

  @BeforeEach
  void open() {
    url = TestDatabase.POSTGRESQL.freshUrl(dir);
    database = Database.open(url);
    IsoFixture.create(database.jdbi(), "a");
  }

  @AfterEach
  void close() {
    database.close();
    TestDatabase.POSTGRESQL.drop(url);
  }

  @Test
  void aGrowingLoadGetsTheUnitTablesAnalyzed() throws Exception {
    load(0, 400);
    Thread.sleep(500);
    assertThat(analyzed()).as("a few hundred rows are not worth an analysis").isEmpty();

    load(400, 800);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (analyzed().size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(analyzed()).containsExactlyInAnyOrder("repo_units", "unit_fields", "units");
    // What the analysis is for: the batch lookup of stored units now goes by index.
    String plan =
        database
            .jdbi()
            .withHandle(
                h ->
                    String.join(
                        "\n",
                        h.createQuery(
                                "EXPLAIN SELECT * FROM units WHERE key_digest IN ('a', 'b', 'c')")
                            .mapTo(String.class)
                            .list()));
    assertThat(plan).contains("units_by_key_digest").doesNotContain("Seq Scan");
  }

  /** Saves and associates units {@code from} to {@code to} (excluded) in batches of 100. */
  private void load(int from, int to) {
    for (int start = from; start < to; start += 100) {
      List<Unit> batch = new ArrayList<>();
      for (int i = start; i < Math.min(to, start + 100); i++) {
        batch.add(
            new Unit(
                null,
                "iso",
                Map.of("name", "f" + i, "checksum", "c" + i, "size", (long) i),
                Map.of(),
                null));
      }
      database
          .jdbi()
          .useTransaction(
              h -> {
                Instant now = Instant.now();
                units.associateAll(h, "a", units.saveAll(h, batch, now), now);
              });
    }
  }

  /** The unit tables of this test's schema that an explicit ANALYZE has run on. */
  private List<String> analyzed() {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT relname FROM pg_stat_user_tables WHERE schemaname ="
                            + " current_schema() AND last_analyze IS NOT NULL"
                            + " AND relname IN ('units', 'unit_fields', 'repo_units')")
                    .mapTo(String.class)
                    .list());
  }
}
