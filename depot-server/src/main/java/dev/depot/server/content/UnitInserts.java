package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Dialect;
import dev.depot.server.db.InLists;
import dev.depot.server.db.Json;
import dev.depot.server.db.PlannerStatistics;
import dev.depot.server.db.RacingInserts;
import dev.depot.server.db.TimeOrderedIds;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Stores units insert-if-absent, one at a time or a batch at once: a unit row is never updated by a
 * sync, so two syncs that bring the same unit never fight over one row (the deadlock Pulp 3 users
 * met). The part of {@link UnitStore} that writes {@code units} and {@code unit_fields}.
 */
final class UnitInserts {
  private final UnitFields fields;
  private final PlannerStatistics statistics;
  private final CachedDialect dialect;

  UnitInserts(UnitFields fields, PlannerStatistics statistics, CachedDialect dialect) {
    this.fields = fields;
    this.statistics = statistics;
    this.dialect = dialect;
  }

  /**
   * Stores the unit unless one of that type and key exists, then returns the stored unit (with its
   * id). A concurrent insert of the same key is resolved by reading the winner, committed or not
   * yet ({@link RacingInserts}).
   */
  Unit save(Handle h, Unit unit, Instant now) {
    return RacingInserts.retrying(h, () -> saveOnce(h, unit, now));
  }

  private Unit saveOnce(Handle h, Unit unit, Instant now) {
    String digest = KeyedUnit.keyDigest(unit.unitKey());
    Optional<Unit> existing = find(h, unit.typeId(), digest);
    if (existing.isPresent()) {
      return existing.get();
    }
    String id = TimeOrderedIds.next();
    int inserted =
        h.createUpdate(
                "INSERT INTO units (unit_id, type_id, key_digest, unit_key, metadata, storage_path,"
                    + " created) SELECT :id, :type, :digest, :key, :metadata, :path, :now"
                    + " WHERE NOT EXISTS (SELECT 1 FROM units WHERE type_id = :type AND key_digest"
                    + " = :digest)")
            .bind("id", id)
            .bind("type", unit.typeId())
            .bind("digest", digest)
            .bind("key", Json.writeCanonical(unit.unitKey()))
            .bind("metadata", Json.write(unit.metadata()))
            .bind("path", unit.storagePath() == null ? null : unit.storagePath().toString())
            .bind("now", Timestamps.arg(now))
            .execute();
    if (inserted == 1) {
      Unit saved = unit.withId(id);
      fields.insert(h, saved);
      statistics.wrote(h, 1);
      return saved;
    }
    return find(h, unit.typeId(), digest).orElseThrow();
  }

  /**
   * Saves a batch of units as {@link #save} does each, in a few statements for the whole batch
   * instead of several per unit: one query for those already stored, then one insert of the rest
   * that skips a key stored meanwhile, whose unit is read back ({@link PostgresUnitInserts} on
   * PostgreSQL, guarded inserts on H2). Runs in the caller's transaction; on H2 a race with one not
   * yet committed is run again ({@link RacingInserts}).
   *
   * @return the stored units, in the order given
   */
  List<Unit> saveAll(Handle h, List<Unit> batch, Instant now) {
    return RacingInserts.retrying(h, () -> saveAllOnce(h, batch, now));
  }

  private List<Unit> saveAllOnce(Handle h, List<Unit> batch, Instant now) {
    Map<String, Unit> stored = new HashMap<>();
    Map<String, List<String>> digestsByType = new LinkedHashMap<>();
    List<KeyedUnit> keyed = new ArrayList<>(batch.size());
    for (Unit unit : batch) {
      KeyedUnit k = KeyedUnit.of(unit);
      keyed.add(k);
      digestsByType.computeIfAbsent(unit.typeId(), t -> new ArrayList<>()).add(k.digest());
    }
    digestsByType.forEach(
        (type, ds) ->
            findAll(h, type, ds).forEach((digest, unit) -> stored.put(type + "/" + digest, unit)));
    List<KeyedUnit> candidates = new ArrayList<>();
    for (KeyedUnit k : keyed) {
      if (!stored.containsKey(k.storedKey())) {
        KeyedUnit fresh = k.withId(TimeOrderedIds.next());
        stored.put(k.storedKey(), fresh.unit()); // a repeat of this key in the batch is this unit
        candidates.add(fresh);
      }
    }
    if (!candidates.isEmpty()) {
      Set<String> inserted =
          dialect.of(h) == Dialect.POSTGRESQL
              ? PostgresUnitInserts.insertUnits(h, candidates, now)
              : insertGuarded(h, candidates, now);
      PreparedBatch rows =
          h.prepareBatch(
              "INSERT INTO unit_fields (unit_id, field, text_value, num_value)"
                  + " VALUES (:unit, :field, :text, :num)");
      for (KeyedUnit k : candidates) {
        if (inserted.contains(k.unit().id())) {
          fields.add(rows, h, k.unit());
        } else {
          // Another transaction stored the same key first: use its unit.
          stored.put(k.storedKey(), find(h, k.unit().typeId(), k.digest()).orElseThrow());
        }
      }
      if (rows.size() > 0) {
        rows.execute();
      }
      statistics.wrote(h, inserted.size());
    }
    List<Unit> result = new ArrayList<>(batch.size());
    for (KeyedUnit k : keyed) {
      result.add(stored.get(k.storedKey()));
    }
    return result;
  }

  /**
   * Inserts new units, each guarded against its key being stored meanwhile.
   *
   * @return the ids of the units inserted
   */
  private static Set<String> insertGuarded(Handle h, List<KeyedUnit> units, Instant now) {
    PreparedBatch inserts =
        h.prepareBatch(
            "INSERT INTO units (unit_id, type_id, key_digest, unit_key, metadata, storage_path,"
                + " created) SELECT :id, :type, :digest, :key, :metadata, :path, :now"
                + " WHERE NOT EXISTS (SELECT 1 FROM units WHERE type_id = :type AND key_digest"
                + " = :digest)");
    for (KeyedUnit k : units) {
      Unit unit = k.unit();
      inserts
          .bind("id", unit.id())
          .bind("type", unit.typeId())
          .bind("digest", k.digest())
          .bind("key", k.key())
          .bind("metadata", Json.write(unit.metadata()))
          .bind("path", unit.storagePath() == null ? null : unit.storagePath().toString())
          .bind("now", Timestamps.arg(now))
          .add();
    }
    int[] counts = inserts.execute();
    Set<String> inserted = new HashSet<>();
    for (int i = 0; i < units.size(); i++) {
      if (counts[i] == 1) {
        inserted.add(units.get(i).unit().id());
      }
    }
    return inserted;
  }

  /** The units of that type whose keys have these digests, by digest. */
  Map<String, Unit> findAll(Handle h, String typeId, List<String> digests) {
    Map<String, Unit> found = new HashMap<>();
    // By digest alone, so that H2 uses units_by_key_digest: given the type as well it picks the
    // natural key's index and scans every unit of the type for each batch.
    for (List<String> some : InLists.split(digests)) {
      h.createQuery("SELECT * FROM units WHERE key_digest IN (<digests>)")
          .bindList("digests", some)
          .map((rs, ctx) -> Map.entry(rs.getString("key_digest"), UnitStore.unit(rs)))
          .filter(e -> e.getValue().typeId().equals(typeId))
          .forEach(e -> found.put(e.getKey(), e.getValue()));
    }
    return found;
  }

  /** The unit of that type whose key has that digest, if stored. */
  Optional<Unit> find(Handle h, String typeId, String digest) {
    return h.createQuery("SELECT * FROM units WHERE type_id = :type AND key_digest = :digest")
        .bind("type", typeId)
        .bind("digest", digest)
        .map((rs, ctx) -> UnitStore.unit(rs))
        .findOne();
  }
}
