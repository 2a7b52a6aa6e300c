package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

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
   * Inserts the new units, which have their ids.
   *
   * @return the ids of the units inserted; the others' keys were stored meanwhile
   */
  static Set<String> insertUnits(Handle h, List<KeyedUnit> units, Instant now) {
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
      for (KeyedUnit k : units.subList(from, to)) {
        Unit unit = k.unit();
        query
            .bind(p++, unit.id())
            .bind(p++, unit.typeId())
            .bind(p++, k.digest())
            .bind(p++, k.key())
            .bind(p++, Json.write(unit.metadata()))
            .bind(p++, unit.storagePath() == null ? null : unit.storagePath().toString())
            .bind(p++, Timestamps.arg(now));
      }
      inserted.addAll(query.mapTo(String.class).list());
    }
    return inserted;
  }

  /**
   * Associates stored units with a repository, stamped with the pending version; those already
   * associated are left as they are.
   *
   * @return how many associations are new
   */
  static int associate(Handle h, String repoId, List<Unit> units, Instant now, long version) {
    int added = 0;
    for (int from = 0; from < units.size(); from += ROWS_PER_STATEMENT) {
      int to = Math.min(units.size(), from + ROWS_PER_STATEMENT);
      var update =
          h.createUpdate(
              "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated,"
                  + " version_added) VALUES "
                  + rows(to - from, 6)
                  + " ON CONFLICT (repo_id, unit_id) DO NOTHING");
      int p = 0;
      for (Unit unit : units.subList(from, to)) {
        update
            .bind(p++, repoId)
            .bind(p++, unit.id())
            .bind(p++, unit.typeId())
            .bind(p++, Timestamps.arg(now))
            .bind(p++, Timestamps.arg(now))
            .bind(p++, version);
      }
      added += update.execute();
    }
    return added;
  }

  /** {@code (?, ?), (?, ?)} for two rows of two columns. */
  static String rows(int rows, int columns) {
    String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    return String.join(", ", Collections.nCopies(rows, row));
  }
}
