package dev.depot.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Refuses to migrate a database that Depot processes of the version before are still using: they
 * would go on writing rows as their schema knew them (a unit removed without the version history
 * the migrated schema keeps), unseen by the migrated one. Worker processes heartbeat in the {@code
 * workers} table: a heartbeat that moves on within one heartbeat period is a live process; one that
 * stays is a process that crashed, and does not hold the upgrade up.
 */
final class RunningProcesses {
  /** Longest interval between a live worker's heartbeats (WorkerTimings' default), and a margin. */
  static final Duration HEARTBEAT = Duration.ofMillis(5_250);

  /** Heartbeats older than this are of processes long gone: no need to wait for them. */
  private static final Duration RECENT = Duration.ofMinutes(5);

  private RunningProcesses() {}

  /**
   * Throws when migrations are pending and a worker process still heartbeats; changes nothing.
   *
   * @param wait how long a live worker takes at most to heartbeat again
   */
  static void refuseMigrationUnderThem(MigrationInfoService info, DataSource db, Duration wait)
      throws SQLException, InterruptedException {
    MigrationInfo[] pending = info.pending();
    if (pending.length == 0 || info.current() == null) {
      return; // up to date, or a new database that no process uses yet
    }
    Map<String, String> before = heartbeats(db);
    if (before.isEmpty()) {
      return;
    }
    Thread.sleep(wait.toMillis());
    Map<String, String> after = heartbeats(db);
    List<String> live = new ArrayList<>();
    after.forEach(
        (name, seen) -> {
          if (!seen.equals(before.get(name))) {
            live.add(name);
          }
        });
    if (live.isEmpty()) {
      return;
    }
    throw new IllegalStateException(
        "the database needs migrating from schema version "
            + info.current().getVersion()
            + " to "
            + pending[pending.length - 1].getVersion()
            + " ("
            + Arrays.stream(pending)
                .map(MigrationInfo::getDescription)
                .collect(Collectors.joining(", "))
            + "), but Depot processes still run on it: worker "
            + String.join(", ", live)
            + " heartbeats. Stop every Depot process using this database, then start the new"
            + " version; nothing was changed.");
  }

  /** Workers that heartbeated recently, by name; empty when the schema has no workers yet. */
  private static Map<String, String> heartbeats(DataSource db) throws SQLException {
    Map<String, String> seen = new TreeMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT name, last_heartbeat FROM workers WHERE last_heartbeat > ?")) {
      q.setObject(1, Instant.now().minus(RECENT).atOffset(ZoneOffset.UTC));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          seen.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return seen;
  }
}
