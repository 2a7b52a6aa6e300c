package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The inserts of a batch of units and associations as PostgreSQL does them best: one multi-row
 * {@code INSERT ... ON CONFLICT DO NOTHING} per thousand rows, instead of a guarded single-row
 * insert per unit. PostgreSQL then plans and starts one statement instead of hundreds, and checks
 * uniqueness in the index itself: a row some concurrent transaction is inserting is waited for and
 * skipped, never a unique violation. H2 has no such statement, so {@link UnitStore} keeps its
 * guarded inserts for it.
 */
final class PostgresUnitInserts {
  /** Rows per statement: 7,000 parameters, well under the protocol's 32,767. */
  static final int ROWS_PER_STATEMENT = 1_000;

  private PostgresUnitInserts() {}

  /**
   * Inserts the new units, which have their ids, with their key digests in the same order.
   *
   * @return the ids of the units inserted; the others' keys were stored meanwhile
   */
  static Set<String> insertUnits(Handle h, List<Unit> units, List<String> digests, Instant now) {
    Set<String> inserted = new HashSet<>();
    for (int from = 0; from < units.size(); from += ROWS_PER_STATEMENT) {
      int to = Math.min(units.size(), from + ROWS_PER_STATEMENT);
      var query =
          h.createQuery(
              "INSERT INTO units (unit_id, type_id, key_digest, unit_key, metadata, storage_path,"
                  + " created) VALUES "
                  + rows(to - from, 7)
                  + " ON CONFLICT (type_id, key_digest) DO NOTHING RETURNING unit_id");
      int p = 0;
      for (int i = from; i < to; i++) {
        Unit unit = units.get(i);
        query
            .bind(p++, unit.id())
            .bind(p++, unit.typeId())
            .bind(p++, digests.get(i))
            .bind(p++, Json.writeCanonical(unit.unitKey()))
            .bind(p++, Json.write(unit.metadata()))
            .bind(p++, unit.storagePath() == null ? null : unit.storagePath().toString());
        bindTime(query, p++, now);
      }
      inserted.addAll(query.mapTo(String.class).list());
    }
    return inserted;
  }

  /**
   * Associates stored units with a repository; those already associated are left as they are.
   *
   * @return how many associations are new
   */
  static int associate(Handle h, String repoId, List<Unit> units, Instant now) {
    int added = 0;
    for (int from = 0; from < units.size(); from += ROWS_PER_STATEMENT) {
      int to = Math.min(units.size(), from + ROWS_PER_STATEMENT);
      var update =
          h.createUpdate(
              "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated) VALUES "
                  + rows(to - from, 5)
                  + " ON CONFLICT (repo_id, unit_id) DO NOTHING");
      int p = 0;
      for (int i = from; i < to; i++) {
        Unit unit = units.get(i);
        update.bind(p++, repoId).bind(p++, unit.id()).bind(p++, unit.typeId());
        bindTime(update, p++, now);
        bindTime(update, p++, now);
      }
      added += update.execute();
    }
    return added;
  }

  private static void bindTime(SqlStatement<?> statement, int position, Instant now) {
    statement.bind(position, Timestamps.arg(now));
  }

  /** {@code (?, ?), (?, ?)} for two rows of two columns. */
  static String rows(int rows, int columns) {
    StringJoiner row = new StringJoiner(", ", "(", ")");
    for (int c = 0; c < columns; c++) {
      row.add("?");
    }
    StringJoiner all = new StringJoiner(", ");
    String one = row.toString();
    for (int r = 0; r < rows; r++) {
      all.add(one);
    }
    return all.toString();
  }
}
