package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * What changed between two versions of a repository: the units that entered and those that left,
 * counted per type or streamed in unit id order. Both read only the rows the changes touched
 * (through the version indexes), never the whole repository.
 */
public final class VersionedUnits {
  private VersionedUnits() {}

  /** Units per type that {@code to} holds and {@code from} does not; either order. */
  public static Map<String, Long> addedCounts(Handle h, String repoId, long from, long to) {
    return counts(h, repoId, from, to, rows(h, from < to, false, false));
  }

  /** Units per type that {@code from} holds and {@code to} does not; either order. */
  public static Map<String, Long> removedCounts(Handle h, String repoId, long from, long to) {
    return counts(h, repoId, from, to, rows(h, from > to, false, false));
  }

  /**
   * The units {@code to} holds and {@code from} does not, of these types (all if empty), in unit id
   * order. The stream holds a cursor: close it.
   */
  public static Stream<Unit> added(
      Handle h, String repoId, long from, long to, List<String> typeIds) {
    return units(h, repoId, from, to, typeIds, rows(h, from < to, true, !typeIds.isEmpty()));
  }

  /** The units {@code from} holds and {@code to} does not, as {@link #added}. */
  public static Stream<Unit> removed(
      Handle h, String repoId, long from, long to, List<String> typeIds) {
    return units(h, repoId, from, to, typeIds, rows(h, from > to, true, !typeIds.isEmpty()));
  }

  /**
   * One page of {@link #added} ({@code added} true) or {@link #removed}: at most {@code limit}
   * units, in unit id order, with ids after {@code afterId} ("" for the first page). Runs in the
   * caller's transaction, so a task can page through a diff while it changes the repository: rows
   * its pending version writes belong to neither version and leave the pages as they were.
   */
  public static List<Unit> page(
      Handle h, String repoId, long from, long to, boolean added, String afterId, int limit) {
    return h.createQuery(
            "SELECT u.* FROM "
                + rows(h, added == (from < to), true, false)
                + " AND c.unit_id > :after ORDER BY c.unit_id FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .bind("repo", repoId)
        .bind("lo", Math.min(from, to))
        .bind("hi", Math.max(from, to))
        .bind("after", afterId)
        .map((rs, ctx) -> UnitStore.unit(rs))
        .list();
  }

  /**
   * The rows that entered between the lower and the higher version, or those that left: what one
   * version holds and the other does not, whichever is older.
   */
  private static String rows(Handle h, boolean entering, boolean withUnits, boolean byType) {
    return entering
        ? VersionRows.entering(withUnits, byType, Dialect.of(h))
        : VersionRows.leaving(withUnits, byType, Dialect.of(h));
  }

  /** Units per type the version holds. */
  public static Map<String, Long> countsAt(Handle h, String repoId, long version) {
    Map<String, Long> counts = new LinkedHashMap<>();
    h.createQuery(VersionRows.COUNTS_AT)
        .bind("repo", repoId)
        .bind("v", version)
        .map((rs, ctx) -> Map.entry(rs.getString("unit_type_id"), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  private static Map<String, Long> counts(
      Handle h, String repoId, long from, long to, String rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    h.createQuery(
            "SELECT c.unit_type_id, COUNT(*) AS n FROM "
                + rows
                + " GROUP BY c.unit_type_id ORDER BY c.unit_type_id")
        .bind("repo", repoId)
        .bind("lo", Math.min(from, to))
        .bind("hi", Math.max(from, to))
        .map((rs, ctx) -> Map.entry(rs.getString("unit_type_id"), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  private static Stream<Unit> units(
      Handle h, String repoId, long from, long to, List<String> typeIds, String rows) {
    var query =
        h.createQuery("SELECT u.* FROM " + rows + " ORDER BY c.unit_id")
            .setFetchSize(UnitStore.FETCH_SIZE)
            .bind("repo", repoId)
            .bind("lo", Math.min(from, to))
            .bind("hi", Math.max(from, to));
    if (!typeIds.isEmpty()) {
      query.bindList("types", typeIds);
    }
    return query.map((rs, ctx) -> UnitStore.unit(rs)).stream();
  }
}
