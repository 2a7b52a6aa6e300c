package dev.depot.server.db;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Refuses a database that a newer Depot migrated. Flyway only warns about applied migrations it
 * does not know and goes on, so an older Depot started on such a database would write rows as its
 * older schema knew them: a unit removed without the version history the newer schema keeps, or an
 * orphan cleanup deleting files that a kept version still holds.
 */
final class SchemaVersions {
  private SchemaVersions() {}

  /**
   * Throws when the database holds migrations newer than the ones this build ships; changes
   * nothing.
   */
  static void refuseNewer(MigrationInfoService info) {
    MigrationInfo[] future =
        Arrays.stream(info.applied())
            .filter(
                m ->
                    m.getVersion() != null
                        && (m.getState() == MigrationState.FUTURE_SUCCESS
                            || m.getState() == MigrationState.FUTURE_FAILED))
            .toArray(MigrationInfo[]::new);
    if (future.length == 0) {
      return;
    }
    MigrationVersion known =
        Arrays.stream(info.all())
            .filter(m -> m.getVersion() != null && m.getState().isResolved())
            .map(MigrationInfo::getVersion)
            .max(Comparator.naturalOrder())
            .orElse(MigrationVersion.EMPTY);
    String newer =
        Arrays.stream(future)
            .map(m -> m.getVersion() + " (" + m.getDescription() + ")")
            .collect(Collectors.joining(", "));
    throw new IllegalStateException(
        "the database was migrated by a newer Depot: it has schema version "
            + future[future.length - 1].getVersion()
            + ", this Depot knows versions up to "
            + known
            + " (newer: "
            + newer
            + "). Refusing to start, nothing was changed: run the newer Depot again, or restore"
            + " the database and data directory backed up before the upgrade.");
  }
}
