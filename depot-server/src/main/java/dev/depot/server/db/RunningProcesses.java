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
 * workers} table, and from schema 20 on every process, API- and content-only ones too, in {@code
 * processes}: a heartbeat that moves on within one heartbeat period is a live process; one that
 * stays is a process that crashed, and does not hold the upgrade up.
 */
final class RunningProcesses {
  /**
   * Longest interval between a live process's heartbeats (WorkerTimings' default, which {@link
   * ProcessHeartbeat} keeps too), and a margin.
   */
  static final Duration HEARTBEAT = Duration.ofMillis(5_250);

  /** Heartbeats older than this are of processes long gone: no need to wait for them. */
  private static final Duration RECENT = Duration.ofMinutes(5);

  private RunningProcesses() {}

  /**
   * Throws when migrations are pending and a Depot process still heartbeats; changes nothing.
   *
   * @param wait how long a live worker takes at most to heartbeat again
   */
  static void refuseMigrationUnderThem(MigrationInfoService info, DataSource db, Duration wait)
      throws SQLException, InterruptedException {
    MigrationInfo[] pending = info.pending();
    if (pending.length == 0 || info.current() == null) {
      return; // up to date, or a new database that no process uses yet
    }
    Map<String, Seen> before = heartbeats(db);
    if (before.isEmpty()) {
      return;
    }
    Thread.sleep(wait.toMillis());
    Map<String, Seen> after = heartbeats(db);
    List<String> live = new ArrayList<>();
    after.forEach(
        (key, seen) -> {
          Seen earlier = before.get(key);
          if (earlier == null || !seen.heartbeat().equals(earlier.heartbeat())) {
            live.add(seen.who());
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
            + "), but Depot processes still run on it: "
            + String.join(", ", live)
            + (live.size() == 1 ? " heartbeats" : " heartbeat")
            + ". Stop every Depot process using this database, then start the new"
            + " version; nothing was changed.");
  }

  /** A heartbeat seen: who sent it, as the refusal names it, and its time as the row holds it. */
  private record Seen(String who, String heartbeat) {}

  /**
   * Recent heartbeats of worker processes (every version has them) and of processes of any role
   * (from schema 20 on), by row.
   */
  private static Map<String, Seen> heartbeats(DataSource db) throws SQLException {
    Map<String, Seen> seen = new TreeMap<>();
    try (Connection c = db.getConnection()) {
      query(
          c,
          "SELECT name, last_heartbeat FROM workers WHERE last_heartbeat > ?",
          rs ->
              seen.put(
                  "w " + rs.getString(1), new Seen("worker " + rs.getString(1), rs.getString(2))));
      if (hasProcessesTable(c)) {
        query(
            c,
            "SELECT process_id, name, roles, version, pid, last_heartbeat FROM processes"
                + " WHERE last_heartbeat > ?",
            rs ->
                seen.put(
                    "p " + rs.getString(1),
                    new Seen(
                        "process "
                            + rs.getString(2)
                            + " ("
                            + rs.getString(3)
                            + "; Depot "
                            + rs.getString(4)
                            + "; pid "
                            + rs.getLong(5)
                            + ")",
                        rs.getString(6))));
      }
    }
    return seen;
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  /** Runs a query of heartbeats more recent than {@link #RECENT}, row by row. */
  private static void query(Connection c, String sql, Row row) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, Instant.now().minus(RECENT).atOffset(ZoneOffset.UTC));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    }
  }

  /** Whether the schema has {@code processes} yet: a database of before schema 20 has not. */
  private static boolean hasProcessesTable(Connection c) throws SQLException {
    String schema = c.getSchema();
    for (String name : List.of("processes", "PROCESSES")) {
      try (ResultSet tables = c.getMetaData().getTables(null, schema, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
