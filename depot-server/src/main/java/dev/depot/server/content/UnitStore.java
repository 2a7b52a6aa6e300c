package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.server.db.Dialect;
import dev.depot.server.db.Json;
import dev.depot.server.db.PlannerStatistics;
import dev.depot.server.db.RacingInserts;
import dev.depot.server.db.TimeOrderedIds;
import dev.depot.server.db.Timestamps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Units and their association with repositories.
 *
 * <p>A unit row is insert-if-absent and never updated by a sync: two syncs that bring the same unit
 * never fight over one row (the deadlock Pulp 3 users met). Everything a sync changes is an
 * association row of its own repository.
 */
public final class UnitStore {
  /** Rows fetched per round trip when streaming. */
  static final int FETCH_SIZE = 500;

  private final UnitFields fields = new UnitFields();
  private final RepositoryUniqueness uniqueness = new RepositoryUniqueness();
  private final PlannerStatistics statistics =
      new PlannerStatistics(List.of("units", "unit_fields", "repo_units"));
  private volatile Dialect dialect;

  /**
   * {@link #save} for a unit a plugin is adding to a repository: first holds off orphan removal
   * until the transaction ends ({@link ContentFilesLock}), then checks the stored unit's file is
   * still there, so the association the caller writes next cannot point at a removed file, and
   * gives it its link template for publishing.
   *
   * @throws dev.depot.plugin.MissingUnitFilesException if the file is gone
   */
  public Unit saveWithFiles(Handle h, Unit unit, Instant now) {
    ContentFilesLock.share(h, dialect(h));
    Unit saved = save(h, unit, now);
    ContentFilesLock.requireFiles(List.of(unit), List.of(saved));
    ContentFilesLock.makeTemplates(List.of(saved));
    return saved;
  }

  /**
   * {@link #saveAll} for units a plugin is adding to a repository, guarded as {@link
   * #saveWithFiles} is.
   *
   * @throws dev.depot.plugin.MissingUnitFilesException naming the units whose files are gone
   */
  public List<Unit> saveAllWithFiles(Handle h, List<Unit> batch, Instant now) {
    ContentFilesLock.share(h, dialect(h));
    List<Unit> saved = saveAll(h, batch, now);
    ContentFilesLock.requireFiles(batch, saved);
    ContentFilesLock.makeTemplates(saved);
    return saved;
  }

  /**
   * Holds off orphan removal until the handle's transaction ends: for a transaction associating
   * units it already holds (a copy), so that none of them is removed as an orphan meanwhile.
   */
  public void holdOffOrphanRemoval(Handle h) {
    ContentFilesLock.share(h, dialect(h));
  }

  /**
   * Stores the unit unless one of that type and key exists, then returns the stored unit (with its
   * id). A concurrent insert of the same key is resolved by reading the winner, committed or not
   * yet ({@link RacingInserts}).
   */
  public Unit save(Handle h, Unit unit, Instant now) {
    return RacingInserts.retrying(h, () -> saveOnce(h, unit, now));
  }

  private Unit saveOnce(Handle h, Unit unit, Instant now) {
    String digest = keyDigest(unit.unitKey());
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
  public List<Unit> saveAll(Handle h, List<Unit> batch, Instant now) {
    return RacingInserts.retrying(h, () -> saveAllOnce(h, batch, now));
  }

  private List<Unit> saveAllOnce(Handle h, List<Unit> batch, Instant now) {
    Map<String, Unit> stored = new HashMap<>();
    Map<String, List<String>> digestsByType = new LinkedHashMap<>();
    List<Keyed> keyed = new ArrayList<>(batch.size());
    for (Unit unit : batch) {
      Keyed k = Keyed.of(unit);
      keyed.add(k);
      digestsByType.computeIfAbsent(unit.typeId(), t -> new ArrayList<>()).add(k.digest());
    }
    digestsByType.forEach((type, ds) -> stored.putAll(findAll(h, type, ds)));
    List<Keyed> candidates = new ArrayList<>();
    for (Keyed k : keyed) {
      if (!stored.containsKey(k.storedKey())) {
        Keyed fresh = k.withId(TimeOrderedIds.next());
        stored.put(k.storedKey(), fresh.unit()); // a repeat of this key in the batch is this unit
        candidates.add(fresh);
      }
    }
    if (!candidates.isEmpty()) {
      Set<String> inserted =
          dialect(h) == Dialect.POSTGRESQL
              ? PostgresUnitInserts.insertUnits(h, candidates, now)
              : insertGuarded(h, candidates, now);
      PreparedBatch rows =
          h.prepareBatch(
              "INSERT INTO unit_fields (unit_id, field, text_value, num_value)"
                  + " VALUES (:unit, :field, :text, :num)");
      for (Keyed k : candidates) {
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
    for (Keyed k : keyed) {
      result.add(stored.get(k.storedKey()));
    }
    return result;
  }

  /**
   * A unit with its canonical key JSON and that JSON's digest, each computed once per save: the
   * lookup, the insert and the read-back all need them.
   */
  record Keyed(Unit unit, String key, String digest) {
    static Keyed of(Unit unit) {
      String key = Json.writeCanonical(unit.unitKey());
      return new Keyed(unit, key, digestOf(key));
    }

    Keyed withId(String id) {
      return new Keyed(unit.withId(id), key, digest);
    }

    /** How a batch keys its stored units: type and digest. */
    String storedKey() {
      return unit.typeId() + "/" + digest;
    }
  }

  /**
   * Inserts new units, each guarded against its key being stored meanwhile.
   *
   * @return the ids of the units inserted
   */
  private static Set<String> insertGuarded(Handle h, List<Keyed> units, Instant now) {
    PreparedBatch inserts =
        h.prepareBatch(
            "INSERT INTO units (unit_id, type_id, key_digest, unit_key, metadata, storage_path,"
                + " created) SELECT :id, :type, :digest, :key, :metadata, :path, :now"
                + " WHERE NOT EXISTS (SELECT 1 FROM units WHERE type_id = :type AND key_digest"
                + " = :digest)");
    for (Keyed k : units) {
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

  private Map<String, Unit> findAll(Handle h, String typeId, List<String> digests) {
    Map<String, Unit> found = new HashMap<>();
    // By digest alone, so that H2 uses units_by_key_digest: given the type as well it picks the
    // natural key's index and scans every unit of the type for each batch.
    h.createQuery("SELECT * FROM units WHERE key_digest IN (<digests>)")
        .bindList("digests", digests)
        .map((rs, ctx) -> Map.entry(rs.getString("key_digest"), unit(rs)))
        .filter(e -> e.getValue().typeId().equals(typeId))
        .forEach(e -> found.put(typeId + "/" + e.getKey(), e.getValue()));
    return found;
  }

  /**
   * {@link #associateAll} for units read earlier from another repository (a copy): those whose rows
   * are gone meanwhile (removed from their repository, then cleaned up as orphans) are left out
   * instead of failing the whole batch on the foreign key. Call it with orphan removal held off
   * ({@link #holdOffOrphanRemoval}), so that the units found stay until the caller commits.
   *
   * @return the units that are gone, which were not associated
   */
  public List<Unit> associateExisting(Handle h, String repoId, List<Unit> saved, Instant now) {
    if (saved.isEmpty()) {
      return List.of();
    }
    Set<String> present =
        new HashSet<>(
            h.createQuery("SELECT unit_id FROM units WHERE unit_id IN (<ids>)")
                .bindList("ids", saved.stream().map(Unit::id).toList())
                .mapTo(String.class)
                .list());
    List<Unit> existing = new ArrayList<>(saved.size());
    List<Unit> gone = new ArrayList<>();
    for (Unit unit : saved) {
      (present.contains(unit.id()) ? existing : gone).add(unit);
    }
    associateAll(h, repoId, existing, now);
    return gone;
  }

  /**
   * Associates saved units with a repository, in one batched statement; idempotent. Runs in the
   * caller's transaction; a race with one not yet committed is run again ({@link RacingInserts}).
   *
   * @return how many associations are new
   */
  public int associateAll(Handle h, String repoId, List<Unit> saved, Instant now) {
    return RacingInserts.retrying(h, () -> associateAllOnce(h, repoId, saved, now));
  }

  private int associateAllOnce(Handle h, String repoId, List<Unit> saved, Instant now) {
    uniqueness.makeRoomFor(h, repoId, saved, now);
    int added =
        dialect(h) == Dialect.POSTGRESQL
            ? PostgresUnitInserts.associate(h, repoId, saved, now)
            : associateGuarded(h, repoId, saved, now);
    if (added > 0) {
      statistics.wrote(h, added);
      h.createUpdate("UPDATE repositories SET last_unit_added = :now WHERE repo_id = :repo")
          .bind("repo", repoId)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
    return added;
  }

  private static int associateGuarded(Handle h, String repoId, List<Unit> saved, Instant now) {
    PreparedBatch inserts =
        h.prepareBatch(
            "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated)"
                + " SELECT :repo, :unit, :type, :now, :now WHERE NOT EXISTS"
                + ASSOCIATED);
    for (Unit unit : saved) {
      inserts
          .bind("repo", repoId)
          .bind("unit", unit.id())
          .bind("type", unit.typeId())
          .bind("now", Timestamps.arg(now))
          .add();
    }
    int added = 0;
    if (!saved.isEmpty()) {
      for (int n : inserts.execute()) {
        added += n;
      }
    }
    return added;
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
  public long indexUnindexedUnitsOnce(org.jdbi.v3.core.Jdbi jdbi) {
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
  public long indexUnindexedUnits(org.jdbi.v3.core.Jdbi jdbi) {
    long indexed = 0;
    java.util.List<Unit> batch = new java.util.ArrayList<>();
    try (Stream<Unit> pending =
        Cursors.open(
            jdbi,
            h ->
                h
                    .createQuery(
                        "SELECT u.* FROM units u WHERE NOT EXISTS"
                            + " (SELECT 1 FROM unit_fields f WHERE f.unit_id = u.unit_id)")
                    .setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> unit(rs))
                    .stream())) {
      for (Unit u : (Iterable<Unit>) pending::iterator) {
        batch.add(u);
        if (batch.size() == FETCH_SIZE) {
          indexed += indexBatch(jdbi, batch);
        }
      }
    }
    return indexed + indexBatch(jdbi, batch);
  }

  private long indexBatch(org.jdbi.v3.core.Jdbi jdbi, java.util.List<Unit> batch) {
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

  /** Adds the searchable-field rows of a saved unit to a batch (for bulk loads and tests). */
  public void addFieldRows(org.jdbi.v3.core.statement.PreparedBatch batch, Handle h, Unit unit) {
    fields.add(batch, h, unit);
  }

  /** The unit with that id and type, if stored. */
  public Optional<Unit> findById(Handle h, String typeId, String unitId) {
    return h.createQuery("SELECT * FROM units WHERE type_id = :type AND unit_id = :id")
        .bind("type", typeId)
        .bind("id", unitId)
        .map((rs, ctx) -> unit(rs))
        .findOne();
  }

  /** Ids of the repositories holding the unit, sorted. */
  public java.util.List<String> repositoriesOf(Handle h, String unitId) {
    return h.createQuery("SELECT repo_id FROM repo_units WHERE unit_id = :id ORDER BY repo_id")
        .bind("id", unitId)
        .mapTo(String.class)
        .list();
  }

  /** The unit of that type and key, if stored. */
  public Optional<Unit> find(Handle h, String typeId, Map<String, Object> unitKey) {
    return find(h, typeId, keyDigest(unitKey));
  }

  private Optional<Unit> find(Handle h, String typeId, String digest) {
    return h.createQuery("SELECT * FROM units WHERE type_id = :type AND key_digest = :digest")
        .bind("type", typeId)
        .bind("digest", digest)
        .map((rs, ctx) -> unit(rs))
        .findOne();
  }

  /**
   * The guard of an association insert. With the type as well as the ids it matches exactly on
   * either index that starts with the repository: without it, a PostgreSQL planner short of
   * statistics took the (repository, type, unit) index and read the whole repository's range.
   */
  private static final String ASSOCIATED =
      " (SELECT 1 FROM repo_units WHERE repo_id = :repo AND unit_type_id = :type"
          + " AND unit_id = :unit)";

  /**
   * Associates a unit with a repository; idempotent, also against a concurrent transaction ({@link
   * RacingInserts}).
   *
   * @return true if the association is new
   */
  public boolean associate(Handle h, String repoId, Unit unit, Instant now) {
    return RacingInserts.retrying(h, () -> associateOnce(h, repoId, unit, now));
  }

  private boolean associateOnce(Handle h, String repoId, Unit unit, Instant now) {
    Objects.requireNonNull(unit.id(), "unit must be saved first");
    uniqueness.makeRoomFor(h, repoId, List.of(unit), now);
    int inserted =
        h.createUpdate(
                "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated)"
                    + " SELECT :repo, :unit, :type, :now, :now WHERE NOT EXISTS"
                    + ASSOCIATED)
            .bind("repo", repoId)
            .bind("unit", unit.id())
            .bind("type", unit.typeId())
            .bind("now", Timestamps.arg(now))
            .execute();
    if (inserted == 1) {
      statistics.wrote(h, 1);
      h.createUpdate("UPDATE repositories SET last_unit_added = :now WHERE repo_id = :repo")
          .bind("repo", repoId)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
    return inserted == 1;
  }

  /**
   * Removes a unit from a repository; idempotent. The unit itself stays (an orphan until cleaned
   * up).
   *
   * @return true if it was associated
   */
  public boolean unassociate(Handle h, String repoId, Unit unit, Instant now) {
    int deleted =
        h.createUpdate("DELETE FROM repo_units WHERE repo_id = :repo AND unit_id = :unit")
            .bind("repo", repoId)
            .bind("unit", unit.id())
            .execute();
    if (deleted == 1) {
      h.createUpdate("UPDATE repositories SET last_unit_removed = :now WHERE repo_id = :repo")
          .bind("repo", repoId)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
    return deleted == 1;
  }

  /** Number of units per type in the repository. */
  public Map<String, Long> countsByType(Handle h, String repoId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    h.createQuery(
            "SELECT unit_type_id, COUNT(*) AS n FROM repo_units WHERE repo_id = :repo"
                + " GROUP BY unit_type_id ORDER BY unit_type_id")
        .bind("repo", repoId)
        .map((rs, ctx) -> Map.entry(rs.getString("unit_type_id"), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /**
   * Streams a repository's units (see {@link #associations} for what runs in SQL). The stream holds
   * a cursor: close it.
   */
  public Stream<Unit> stream(Handle h, String repoId, UnitCriteria criteria) {
    return associations(h, repoId, UnitQuery.of(criteria)).map(UnitAssociation::unit);
  }

  /**
   * Streams a repository's associations matching the query, in its order. Filters and sorts run in
   * SQL as far as {@link UnitSql} says; the rest are applied to the streamed rows. The stream holds
   * a cursor: close it, and open the handle in a transaction on PostgreSQL ({@link Cursors}).
   *
   * @throws IllegalArgumentException for a query the store cannot run (unknown operator or field)
   */
  public Stream<UnitAssociation> associations(Handle h, String repoId, UnitQuery query) {
    DocumentMatcher.check(query.unitFilters());
    DocumentMatcher.check(query.associationFilters());
    return run(h, UnitSql.forRepository(h, dialect(h), fields, repoId, query), query);
  }

  /** Streams the units of one type matching the query (association parts must be empty). */
  public Stream<UnitAssociation> ofType(Handle h, String typeId, UnitQuery query) {
    DocumentMatcher.check(query.unitFilters());
    if (!query.associationFilters().isEmpty() || !query.associationSort().isEmpty()) {
      throw new IllegalArgumentException("a search of units has no association fields");
    }
    return run(h, UnitSql.forType(h, dialect(h), fields, typeId, query), query);
  }

  private Stream<UnitAssociation> run(Handle h, UnitSql.Compiled compiled, UnitQuery query) {
    var statement = h.createQuery(compiled.sql()).setFetchSize(FETCH_SIZE);
    statement.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    compiled
        .binds()
        .forEach(
            (name, value) -> {
              if (value instanceof Argument argument) {
                statement.bind(name, argument);
              } else {
                statement.bind(name, value);
              }
            });
    Stream<UnitAssociation> rows =
        statement
            .map(
                (rs, ctx) ->
                    new UnitAssociation(
                        rs.getString("a_repo"),
                        unit(rs),
                        Timestamps.read(rs, "a_created"),
                        Timestamps.read(rs, "a_updated")))
            .stream();
    if (compiled.residual() != null) {
      rows = rows.filter(a -> compiled.residual().test(UnitJson.document(a.unit())));
    }
    if (compiled.javaOrder() != null) {
      rows = rows.sorted(compiled.javaOrder());
    }
    if (!compiled.pagedInSql()) {
      if (query.skip() > 0) {
        rows = rows.skip(query.skip());
      }
      if (query.limit() > 0) {
        rows = rows.limit(query.limit());
      }
    }
    return rows;
  }

  private Dialect dialect(Handle h) {
    Dialect known = dialect;
    if (known == null) {
      known = Dialect.of(h);
      dialect = known;
    }
    return known;
  }

  /** SHA-256 of the canonical unit-key JSON: the natural key's index column. */
  static String keyDigest(Map<String, Object> unitKey) {
    return digestOf(Json.writeCanonical(unitKey));
  }

  /** {@link #keyDigest} of a unit key already written as canonical JSON. */
  private static String digestOf(String canonicalKey) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  static Unit unit(ResultSet rs) throws SQLException {
    String path = rs.getString("storage_path");
    return new Unit(
        rs.getString("unit_id"),
        rs.getString("type_id"),
        Json.readMap(rs.getString("unit_key")),
        Json.readMap(rs.getString("metadata")),
        path == null ? null : Path.of(path));
  }
}
