package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

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

  /**
   * Stores the unit unless one of that type and key exists, then returns the stored unit (with its
   * id). A concurrent insert of the same key is resolved by reading the winner.
   */
  public Unit save(Handle h, Unit unit, Instant now) {
    String digest = keyDigest(unit.unitKey());
    Optional<Unit> existing = find(h, unit.typeId(), digest);
    if (existing.isPresent()) {
      return existing.get();
    }
    String id = UUID.randomUUID().toString();
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
    return inserted == 1 ? unit.withId(id) : find(h, unit.typeId(), digest).orElseThrow();
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
   * Associates a unit with a repository; idempotent.
   *
   * @return true if the association is new
   */
  public boolean associate(Handle h, String repoId, Unit unit, Instant now) {
    Objects.requireNonNull(unit.id(), "unit must be saved first");
    int inserted =
        h.createUpdate(
                "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated)"
                    + " SELECT :repo, :unit, :type, :now, :now WHERE NOT EXISTS"
                    + " (SELECT 1 FROM repo_units WHERE repo_id = :repo AND unit_id = :unit)")
            .bind("repo", repoId)
            .bind("unit", unit.id())
            .bind("type", unit.typeId())
            .bind("now", Timestamps.arg(now))
            .execute();
    if (inserted == 1) {
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
   * Streams a repository's units. Types, paging and the stable order ({@code created}, then id) run
   * in SQL; field filters are applied to the streamed rows, so memory stays flat. Sorting on unit
   * fields arrives with unit search. The stream holds a cursor: close it.
   */
  public Stream<Unit> stream(Handle h, String repoId, UnitCriteria criteria) {
    for (UnitCriteria.SortField sort : criteria.sort()) {
      if (!sort.field().equals("created") && !sort.field().equals("_id")) {
        throw new UnsupportedOperationException("sorting units on " + sort.field());
      }
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT u.*, ru.created AS associated FROM repo_units ru"
                + " JOIN units u ON u.unit_id = ru.unit_id WHERE ru.repo_id = :repo");
    if (!criteria.typeIds().isEmpty()) {
      sql.append(" AND ru.unit_type_id IN (<types>)");
    }
    boolean descending = !criteria.sort().isEmpty() && !criteria.sort().get(0).ascending();
    sql.append(
        descending
            ? " ORDER BY ru.created DESC, u.unit_id DESC"
            : " ORDER BY ru.created, u.unit_id");
    var query = h.createQuery(sql.toString()).bind("repo", repoId).setFetchSize(FETCH_SIZE);
    if (!criteria.typeIds().isEmpty()) {
      query.bindList("types", criteria.typeIds());
    }
    Stream<Unit> units =
        query.map((rs, ctx) -> unit(rs)).stream().filter(u -> matches(u, criteria.filters()));
    if (criteria.skip() > 0) {
      units = units.skip(criteria.skip());
    }
    if (criteria.limit() > 0) {
      units = units.limit(criteria.limit());
    }
    return units;
  }

  private static boolean matches(Unit unit, Map<String, Object> filters) {
    for (Map.Entry<String, Object> filter : filters.entrySet()) {
      Object actual =
          unit.unitKey().containsKey(filter.getKey())
              ? unit.unitKey().get(filter.getKey())
              : unit.metadata().get(filter.getKey());
      if (!sameJsonValue(actual, filter.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameJsonValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  /** SHA-256 of the canonical unit-key JSON: the natural key's index column. */
  static String keyDigest(Map<String, Object> unitKey) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(Json.writeCanonical(unitKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static Unit unit(ResultSet rs) throws SQLException {
    String path = rs.getString("storage_path");
    return new Unit(
        rs.getString("unit_id"),
        rs.getString("type_id"),
        Json.readMap(rs.getString("unit_key")),
        Json.readMap(rs.getString("metadata")),
        path == null ? null : Path.of(path));
  }
}
