package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.server.db.Json;
import dev.depot.server.db.PlannerStatistics;
import dev.depot.server.db.RacingInserts;
import dev.depot.server.db.Timestamps;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Units and their association with repositories.
 *
 * <p>A unit row is insert-if-absent and never updated by a sync: two syncs that bring the same unit
 * never fight over one row (the deadlock Pulp 3 users met). The one exception is a plugin merging
 * amended content into a unit without a file ({@link UnitMerges}), one row per transaction.
 * Everything a sync changes is an association row of its own repository. The way in for the rest of
 * the server: writes are done by {@link UnitInserts} and {@link RepoUnitLinks}, searches compiled
 * by {@link UnitSql}; the reads are here.
 */
public final class UnitStore {
  /** Rows fetched per round trip when streaming. */
  static final int FETCH_SIZE = 500;

  private final UnitFields fields = new UnitFields();
  private final CachedDialect dialect = new CachedDialect();
  private final PlannerStatistics statistics =
      new PlannerStatistics(List.of("units", "unit_fields", "repo_units"));
  private final UnitInserts inserts = new UnitInserts(fields, statistics, dialect);
  private final RepoUnitLinks links =
      new RepoUnitLinks(new RepositoryUniqueness(), statistics, dialect);
  private final UnitFieldsBackfill backfill = new UnitFieldsBackfill(fields);
  private final UnitMerges merges = new UnitMerges(inserts, fields);
  private final ContentFlush flush;

  /** A store whose saves flush unit files to the disk with the system's {@link ContentFlush}. */
  public UnitStore() {
    this(ContentFlush.system());
  }

  UnitStore(ContentFlush flush) {
    this.flush = flush;
  }

  /**
   * {@link #save} for a unit a plugin is adding to a repository: first puts its file on the disk
   * ({@link ContentFlush}: the row must not outlast the file in a power cut), holds off orphan
   * removal until the transaction ends ({@link ContentFilesLock}), then checks the stored unit's
   * file is still there, so the association the caller writes next cannot point at a removed file,
   * and gives it its link template for publishing.
   *
   * @throws dev.depot.plugin.MissingUnitFilesException if the file is gone
   */
  public Unit saveWithFiles(Handle h, Unit unit, Instant now) {
    flush.flush(List.of(unit));
    ContentFilesLock.share(h, dialect.of(h));
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
    flush.flush(batch);
    ContentFilesLock.share(h, dialect.of(h));
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
    ContentFilesLock.share(h, dialect.of(h));
  }

  /**
   * Stores the unit unless one of that type and key exists, then returns the stored unit (with its
   * id). A concurrent insert of the same key is resolved by reading the winner, committed or not
   * yet ({@link RacingInserts}).
   */
  public Unit save(Handle h, Unit unit, Instant now) {
    return inserts.save(h, unit, now);
  }

  /**
   * Saves a batch of units as {@link #save} does each, in a few statements for the whole batch
   * instead of several per unit ({@link UnitInserts#saveAll}). Runs in the caller's transaction.
   *
   * @return the stored units, in the order given
   */
  public List<Unit> saveAll(Handle h, List<Unit> batch, Instant now) {
    return inserts.saveAll(h, batch, now);
  }

  /**
   * Stores a unit without a file, or merges it into the stored unit of its type and key ({@link
   * dev.depot.plugin.UnitSink#mergeUnit}), and associates it with the repository; a merge that
   * changed the unit marks the content of every repository holding it changed, so that none skips
   * its next publish. Holds off orphan removal as {@link #saveWithFiles} does. Runs in the caller's
   * transaction.
   */
  public MergeResult mergeInto(
      Handle h, String repoId, Unit unit, BinaryOperator<Map<String, Object>> merge, Instant now) {
    ContentFilesLock.share(h, dialect.of(h));
    UnitMerges.Merged merged = merges.merge(h, unit, merge, now);
    if (merged.changed()) {
      // Before the association, which marks this repository's row alone: every row this
      // transaction marks is then locked in one order, which two merges cannot deadlock over.
      UnitMerges.markChanged(h, merged.unit().id(), repoId, now);
    }
    boolean added = associate(h, repoId, merged.unit(), now);
    return new MergeResult(merged.unit(), added, merged.changed());
  }

  /**
   * Stores a unit, or replaces the content and metadata of the stored unit of its type and key
   * ({@link dev.depot.plugin.UnitSink#replaceUnit}), guarded as {@link #saveWithFiles} is, marks
   * every repository holding it changed, and associates it with the repository.
   */
  public MergeResult replaceInto(Handle h, String repoId, Unit unit, Instant now) {
    flush.flush(List.of(unit));
    ContentFilesLock.share(h, dialect.of(h));
    UnitMerges.Merged replaced = merges.replace(h, unit, now);
    ContentFilesLock.requireFiles(List.of(unit), List.of(replaced.unit()));
    ContentFilesLock.makeTemplates(List.of(replaced.unit()));
    if (replaced.changed()) {
      UnitMerges.markChanged(h, replaced.unit().id(), repoId, now);
    }
    boolean added = associate(h, repoId, replaced.unit(), now);
    return new MergeResult(replaced.unit(), added, replaced.changed());
  }

  /**
   * What {@link #mergeInto} did.
   *
   * @param unit the stored unit with the metadata it keeps
   * @param added whether the unit is newly associated with the repository
   * @param updated whether the stored unit's metadata changed
   */
  public record MergeResult(Unit unit, boolean added, boolean updated) {}

  /**
   * {@link #associateAll} for units read earlier from another repository (a copy): those whose rows
   * are gone meanwhile (removed from their repository, then cleaned up as orphans) are left out
   * instead of failing the whole batch on the foreign key. Call it with orphan removal held off
   * ({@link #holdOffOrphanRemoval}), so that the units found stay until the caller commits.
   *
   * @return the units that are gone, which were not associated
   */
  public List<Unit> associateExisting(Handle h, String repoId, List<Unit> saved, Instant now) {
    return links.associateExisting(h, repoId, saved, now);
  }

  /**
   * Associates saved units with a repository, in one batched statement; idempotent. Runs in the
   * caller's transaction; a race with one not yet committed is run again ({@link RacingInserts}).
   *
   * @return how many associations are new
   */
  public int associateAll(Handle h, String repoId, List<Unit> saved, Instant now) {
    return links.associateAll(h, repoId, saved, now);
  }

  /**
   * Associates a unit with a repository; idempotent, also against a concurrent transaction ({@link
   * RacingInserts}).
   *
   * @return true if the association is new
   */
  public boolean associate(Handle h, String repoId, Unit unit, Instant now) {
    return links.associate(h, repoId, unit, now);
  }

  /** Removes units from a repository in a few statements; idempotent. The ones it held. */
  public List<Unit> unassociate(Handle h, String repoId, List<Unit> units, Instant now) {
    return links.unassociateEach(h, repoId, units, now);
  }

  /** As above, in a transaction of its own; a unit without an id is found by its key. */
  public boolean unassociate(Jdbi jdbi, String repoId, Unit unit) {
    return jdbi.inTransaction(
        h -> {
          Unit u = unit.id() != null ? unit : find(h, unit.typeId(), unit.unitKey()).orElse(null);
          return u != null && !unassociate(h, repoId, List.of(u), Timestamps.now()).isEmpty();
        });
  }

  /**
   * {@link #indexUnindexedUnits} the first time a database starts with this version, and never
   * again: the scan for units without field rows reads every unit, which a server of a million
   * units should not pay at every start. Every unit saved since writes its rows itself.
   *
   * @return the number of units indexed (0 once done)
   */
  public long indexUnindexedUnitsOnce(Jdbi jdbi) {
    return backfill.indexUnindexedUnitsOnce(jdbi);
  }

  /**
   * Writes the searchable-field rows of units that have none: units stored before the {@code
   * unit_fields} table existed (migration V3). Reads every unit; see {@link
   * #indexUnindexedUnitsOnce}.
   *
   * @return the number of units indexed
   */
  public long indexUnindexedUnits(Jdbi jdbi) {
    return backfill.indexUnindexedUnits(jdbi);
  }

  /** Adds the searchable-field rows of a saved unit to a batch (for bulk loads and tests). */
  public void addFieldRows(PreparedBatch batch, Handle h, Unit unit) {
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
  public List<String> repositoriesOf(Handle h, String unitId) {
    return h.createQuery("SELECT repo_id FROM repo_units WHERE unit_id = :id ORDER BY repo_id")
        .bind("id", unitId)
        .mapTo(String.class)
        .list();
  }

  /** The unit of that type and key, if stored. */
  public Optional<Unit> find(Handle h, String typeId, Map<String, Object> unitKey) {
    return inserts.find(h, typeId, KeyedUnit.keyDigest(unitKey));
  }

  /** The units of that type and these keys, by the given key; a key with no unit is absent. */
  public Map<Map<String, Object>, Unit> findAll(
      Handle h, String typeId, Collection<Map<String, Object>> unitKeys) {
    Map<String, Map<String, Object>> byDigest = new HashMap<>();
    for (Map<String, Object> key : unitKeys) {
      byDigest.put(KeyedUnit.keyDigest(key), key);
    }
    Map<Map<String, Object>, Unit> found = new HashMap<>();
    inserts
        .findAll(h, typeId, List.copyOf(byDigest.keySet()))
        .forEach((digest, unit) -> found.put(byDigest.get(digest), unit));
    return found;
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
    return run(h, UnitSql.forRepository(h, dialect.of(h), fields, repoId, query), query);
  }

  /**
   * {@link #associations} as a version of the repository held them: not the units a running task is
   * adding meanwhile, and the units removed since.
   */
  public Stream<UnitAssociation> associationsAt(
      Handle h, String repoId, long version, UnitQuery query) {
    DocumentMatcher.check(query.unitFilters());
    DocumentMatcher.check(query.associationFilters());
    boolean removedSince =
        h.createQuery(VersionRows.REMOVED_SINCE)
            .bind("repo", repoId)
            .bind("v", version)
            .mapTo(Integer.class)
            .findOne()
            .isPresent();
    return run(
        h,
        UnitSql.forVersion(h, dialect.of(h), fields, repoId, version, removedSince, query),
        query);
  }

  /** {@link #stream} as a version of the repository held them. */
  public Stream<Unit> streamAt(Handle h, String repoId, long version, UnitCriteria criteria) {
    return associationsAt(h, repoId, version, UnitQuery.of(criteria)).map(UnitAssociation::unit);
  }

  /** Streams the units of one type matching the query (association parts must be empty). */
  public Stream<UnitAssociation> ofType(Handle h, String typeId, UnitQuery query) {
    DocumentMatcher.check(query.unitFilters());
    if (!query.associationFilters().isEmpty() || !query.associationSort().isEmpty()) {
      throw new IllegalArgumentException("a search of units has no association fields");
    }
    return run(h, UnitSql.forType(h, dialect.of(h), fields, typeId, query), query);
  }

  Stream<UnitAssociation> run(Handle h, UnitSql.Compiled compiled, UnitQuery query) {
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

  /** SHA-256 of the canonical unit-key JSON: the natural key's index column. */
  static String keyDigest(Map<String, Object> unitKey) {
    return KeyedUnit.keyDigest(unitKey);
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
