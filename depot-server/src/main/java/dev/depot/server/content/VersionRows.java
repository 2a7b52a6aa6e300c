package dev.depot.server.content;

import dev.depot.server.db.Dialect;

/**
 * The SQL of what versions of a repository hold, over {@code repo_units} (current rows, each with
 * the version that added it) and {@code repo_units_removed} (rows that left, with the version that
 * removed them). A row is held by every version from its {@code version_added} up to, not
 * including, its {@code version_removed}. Binds {@code :repo}, and {@code :lo} &lt; {@code :hi};
 * the changed rows are {@code c}.
 *
 * <p>A range's open start on an index's second column is written {@code >= n + 1}, never {@code >
 * n} (the same for whole version numbers): H2 did not start its index scan at a {@code >} bound and
 * read every row of the repository before the range instead (0.15 s at 200,000 units for a
 * publish's list of 4,000 changed ones).
 */
final class VersionRows {
  private VersionRows() {}

  /** Whether the unit of {@code alias} is held by the version bound as {@code :<at>}. */
  static String heldAt(String alias, String at) {
    return "(EXISTS (SELECT 1 FROM repo_units x WHERE x.repo_id = :repo AND x.unit_id = "
        + alias
        + ".unit_id AND x.version_added <= :"
        + at
        + ") OR EXISTS (SELECT 1 FROM repo_units_removed y WHERE y.repo_id = :repo"
        + " AND y.unit_id = "
        + alias
        + ".unit_id AND y.version_added <= :"
        + at
        + " AND y.version_removed > :"
        + at
        + "))";
  }

  /**
   * Rows held by {@code :hi} and not by {@code :lo}: units that entered between the two. Such a row
   * started after {@code :lo}, so only another, earlier removed row of the same unit can hold it at
   * {@code :lo} (a current row of that unit would be this one).
   *
   * @param withUnits whether to join each row's unit as {@code u}
   * @param byType whether to keep only rows of the types bound as list {@code <types>}
   */
  static String entering(boolean withUnits, boolean byType, Dialect dialect) {
    return "(SELECT unit_id, unit_type_id FROM repo_units"
        + byIndex(dialect, "repo_units_by_version")
        + " WHERE repo_id = :repo AND version_added >= :lo + 1 AND version_added <= :hi"
        + types(byType)
        + " UNION ALL SELECT unit_id, unit_type_id FROM repo_units_removed"
        + byIndex(dialect, "repo_units_removed_by_version")
        + " WHERE repo_id = :repo"
        + " AND version_added > :lo AND version_added <= :hi AND version_removed >= :hi + 1"
        + types(byType)
        + ") c"
        + (withUnits ? " JOIN units u ON u.unit_id = c.unit_id" : "")
        + " WHERE NOT EXISTS (SELECT 1 FROM repo_units_removed y WHERE y.repo_id = :repo"
        + " AND y.unit_id = c.unit_id AND y.version_added <= :lo AND y.version_removed > :lo)";
  }

  /**
   * Rows held by {@code :lo} and not by {@code :hi}: units that left between the two (and did not
   * come back by {@code :hi}).
   *
   * @param withUnits whether to join each row's unit as {@code u}
   * @param byType whether to keep only rows of the types bound as list {@code <types>}
   */
  static String leaving(boolean withUnits, boolean byType, Dialect dialect) {
    return "(SELECT unit_id, unit_type_id FROM repo_units_removed"
        + byIndex(dialect, "repo_units_removed_by_version")
        + " WHERE repo_id = :repo"
        + " AND version_added <= :lo AND version_removed >= :lo + 1 AND version_removed <= :hi"
        + types(byType)
        + ") c"
        + (withUnits ? " JOIN units u ON u.unit_id = c.unit_id" : "")
        + " WHERE NOT "
        + heldAt("c", "hi");
  }

  /**
   * The type condition, inside each branch: put on the union's result instead, it made H2 re-run
   * the union per type with its version range dropped, reading every row of the repository.
   */
  private static String types(boolean byType) {
    return byType ? " AND unit_type_id IN (<types>)" : "";
  }

  /**
   * H2's hint to read a table through the named index. Once a repository's rows carry only a few
   * distinct versions, H2's statistics rate the version index as barely selective and it walked the
   * whole repository by primary key instead, so recording a version cost a scan of every row (0.7 s
   * at a million units); through the index it costs the changed rows. PostgreSQL plans these ranges
   * by index on its own.
   */
  static String byIndex(Dialect dialect, String index) {
    return dialect == Dialect.H2 ? " USE INDEX (" + index + ")" : "";
  }

  /** Units per type the version bound as {@code :v} holds. */
  static final String COUNTS_AT =
      "SELECT unit_type_id, COUNT(*) AS n FROM (SELECT unit_type_id FROM repo_units"
          + " WHERE repo_id = :repo AND version_added <= :v UNION ALL SELECT unit_type_id"
          + " FROM repo_units_removed WHERE repo_id = :repo AND version_added <= :v"
          + " AND version_removed >= :v + 1) c GROUP BY unit_type_id ORDER BY unit_type_id";

  /** Whether rows the version bound as {@code :v} holds have left the repository since. */
  static final String REMOVED_SINCE =
      "SELECT 1 FROM repo_units_removed WHERE repo_id = :repo AND version_removed >= :v + 1"
          + " AND version_added <= :v FETCH FIRST 1 ROWS ONLY";
}
