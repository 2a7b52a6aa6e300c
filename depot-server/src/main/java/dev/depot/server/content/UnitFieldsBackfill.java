package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.RacingInserts;
import dev.depot.server.db.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes the searchable-field rows of units stored before the {@code unit_fields} table existed
 * (migration V3), once per database: a start-up chore, apart from how units are saved today.
 */
final class UnitFieldsBackfill {
  private final UnitFields fields;

  UnitFieldsBackfill(UnitFields fields) {
    this.fields = fields;
  }

  /** The {@code maintenance_done} name of {@link #indexUnindexedUnitsOnce}. */
  static final String FIELDS_BACKFILL = "unit_fields_backfill";

  /**
   * {@link #indexUnindexedUnits} the first time a database starts with this version, and never
   * again: the scan for units without field rows reads every unit, which a server of a million
   * units should not pay at every start. Every unit saved since writes its rows itself.
   *
   * @return the number of units indexed (0 once done)
   */
  long indexUnindexedUnitsOnce(Jdbi jdbi) {
    boolean done =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM maintenance_done WHERE name = :name")
                        .bind("name", FIELDS_BACKFILL)
                        .mapTo(Long.class)
                        .one()
                    > 0);
    if (done) {
      return 0;
    }
    long indexed = indexUnindexedUnits(jdbi);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO maintenance_done (name, done_at) SELECT :name, :now"
                        + " WHERE NOT EXISTS (SELECT 1 FROM maintenance_done WHERE name = :name)")
                .bind("name", FIELDS_BACKFILL)
                .bind("now", Timestamps.arg(Timestamps.now()))
                .execute());
    return indexed;
  }

  /**
   * Writes the searchable-field rows of units that have none: units stored before the {@code
   * unit_fields} table existed (migration V3). Reads every unit; see {@link
   * #indexUnindexedUnitsOnce}.
   *
   * @return the number of units indexed
   */
  long indexUnindexedUnits(Jdbi jdbi) {
    long indexed = 0;
    List<Unit> batch = new ArrayList<>();
    try (Stream<Unit> pending =
        Cursors.open(
            jdbi,
            h ->
                h
                    .createQuery(
                        "SELECT u.* FROM units u WHERE NOT EXISTS"
                            + " (SELECT 1 FROM unit_fields f WHERE f.unit_id = u.unit_id)")
                    .setFetchSize(UnitStore.FETCH_SIZE)
                    .map((rs, ctx) -> UnitStore.unit(rs))
                    .stream())) {
      for (Unit u : (Iterable<Unit>) pending::iterator) {
        batch.add(u);
        if (batch.size() == UnitStore.FETCH_SIZE) {
          indexed += indexBatch(jdbi, batch);
        }
      }
    }
    return indexed + indexBatch(jdbi, batch);
  }

  private long indexBatch(Jdbi jdbi, List<Unit> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    jdbi.useTransaction(
        h ->
            RacingInserts.retrying(
                h,
                () -> {
                  var rows =
                      h.prepareBatch(
                          // Guarded: two servers starting together may both index the same unit.
                          "INSERT INTO unit_fields (unit_id, field, text_value, num_value)"
                              + " SELECT CAST(:unit AS CHAR(36)), CAST(:field AS VARCHAR(255)),"
                              + " CAST(:text AS VARCHAR(1024)), CAST(:num AS DOUBLE PRECISION)"
                              + " WHERE NOT EXISTS (SELECT 1 FROM unit_fields WHERE unit_id ="
                              + " :unit AND field = :field)");
                  batch.forEach(u -> fields.add(rows, h, u));
                  return rows.size() > 0 ? rows.execute() : null;
                }));
    long n = batch.size();
    batch.clear();
    return n;
  }
}
