package dev.depot.server.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's row in {@code processes}, as Pulp records each of its processes: refreshed every
 * heartbeat period whatever the process's roles, so that a later version's migration sees an API-
 * or content-only process still running ({@link RunningProcesses}) and {@code /status/} lists it
 * with its build. Rows silent longer than the worker timeout are of processes that crashed: each
 * process deletes them as it heartbeats. A process that stops deletes its own.
 */
public final class ProcessHeartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessHeartbeat.class);

  private final Jdbi jdbi;
  private final String id = UUID.randomUUID().toString();
  private final Thread thread;

  /** Counted down by {@link #close()}: wakes the heartbeat's wait without interrupting a query. */
  private final java.util.concurrent.CountDownLatch stopping =
      new java.util.concurrent.CountDownLatch(1);

  /**
   * What a process says of itself.
   *
   * @param name its worker name ({@code depot@<host>:<port>} unless configured)
   * @param roles its roles, comma-separated, e.g. {@code api,content}
   * @param version its build, e.g. {@code 0.1.0-SNAPSHOT+bc1ac6d0e1f2}
   */
  public record Identity(String name, String roles, String version) {}

  private ProcessHeartbeat(
      Jdbi jdbi, Identity identity, long periodMillis, long forgetAfterSeconds) {
    this.jdbi = jdbi;
    Instant started = Timestamps.now();
    insert(identity, started); // at once: a migration starting now must see this process
    this.thread =
        Thread.ofVirtual()
            .name("process-heartbeat")
            .start(() -> beat(identity, started, periodMillis, forgetAfterSeconds));
  }

  /**
   * Records this process and keeps its heartbeat moving until {@link #close()}.
   *
   * @param periodMillis between heartbeats: at most {@link RunningProcesses#HEARTBEAT}
   * @param forgetAfterSeconds a row silent this long is of a process gone
   */
  static ProcessHeartbeat start(
      Jdbi jdbi, Identity identity, long periodMillis, long forgetAfterSeconds) {
    return new ProcessHeartbeat(jdbi, identity, periodMillis, forgetAfterSeconds);
  }

  private void beat(Identity identity, Instant started, long periodMillis, long forgetAfter) {
    while (true) {
      try {
        if (stopping.await(periodMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      try {
        Instant now = Timestamps.now();
        int updated =
            jdbi.withHandle(
                h ->
                    h.createUpdate(
                            "UPDATE processes SET last_heartbeat = :now WHERE process_id = :id")
                        .bind("id", id)
                        .bind("now", Timestamps.arg(now))
                        .execute());
        if (updated == 0 && stopping.getCount() > 0) {
          insert(identity, started); // forgotten while the database was out of reach
        }
        jdbi.useHandle(
            h ->
                h.createUpdate("DELETE FROM processes WHERE last_heartbeat < :cutoff")
                    .bind("cutoff", Timestamps.arg(now.minusSeconds(forgetAfter)))
                    .execute());
      } catch (RuntimeException | Error e) {
        // Errors too (H2 asserts on a store it closed under a full disk): a heartbeat that ended
        // would let a later version's migration run under this process.
        LOG.warn("Recording this process's heartbeat failed; retrying: {}", e.toString());
      }
    }
  }

  private void insert(Identity identity, Instant started) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO processes"
                        + " (process_id, name, roles, version, pid, started, last_heartbeat)"
                        + " VALUES (:id, :name, :roles, :version, :pid, :started, :now)")
                .bind("id", id)
                .bind("name", identity.name())
                .bind("roles", identity.roles())
                .bind("version", identity.version())
                .bind("pid", ProcessHandle.current().pid())
                .bind("started", Timestamps.arg(started))
                .bind("now", Timestamps.arg(Timestamps.now()))
                .execute());
  }

  /** The processes that heartbeat, for {@code /status/}: name, roles, version, pid and times. */
  static List<Map<String, Object>> list(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT name, roles, version, pid, started, last_heartbeat FROM processes"
                        + " ORDER BY name, started")
                .map(
                    (rs, ctx) ->
                        Map.<String, Object>of(
                            "name", rs.getString("name"),
                            "roles", List.of(rs.getString("roles").split(",")),
                            "version", rs.getString("version"),
                            "pid", rs.getLong("pid"),
                            "started", Timestamps.format(Timestamps.read(rs, "started")),
                            "last_heartbeat",
                                Timestamps.format(Timestamps.read(rs, "last_heartbeat"))))
                .list());
  }

  /** Stops heartbeating and deletes this process's row: it no longer uses the database. */
  @Override
  public void close() {
    stopping.countDown();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate("DELETE FROM processes WHERE process_id = :id")
                  .bind("id", id)
                  .execute());
    } catch (RuntimeException e) {
      LOG.warn("Could not delete this process's heartbeat row: {}", e.toString());
    }
  }
}
