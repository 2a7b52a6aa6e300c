package dev.depot.server.task;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, workers in every process wake the moment a task is queued anywhere: the queue
 * sends {@code NOTIFY depot_tasks} and each process listens on one dedicated connection, so idle
 * workers need not poll hard. Polling stays as the fallback if the listener's connection drops.
 */
public final class PostgresWakeups implements AutoCloseable {
  /** The channel tasks are announced on. */
  public static final String CHANNEL = "depot_tasks";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresWakeups.class);

  private final DataSource dataSource;
  private final TaskQueue queue;
  private final Thread listener;
  private volatile boolean stopping;

  /** Starts listening for queued tasks and waking the local workers. */
  public PostgresWakeups(DataSource dataSource, TaskQueue queue) {
    this.dataSource = dataSource;
    this.queue = queue;
    this.listener = Thread.ofVirtual().name("depot-task-listener").start(this::listen);
  }

  private void listen() {
    while (!stopping) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement s = connection.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!stopping) {
          PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications != null && notifications.length > 0) {
            queue.wake();
          }
        }
      } catch (SQLException e) {
        if (!stopping) {
          LOG.warn("Task listener lost its connection ({}); retrying", e.getMessage());
          try {
            Thread.sleep(1000);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }

  @Override
  public void close() {
    stopping = true;
    // The listener notices within one poll (1 s). Interrupting it instead would make the driver
    // drop the connection under the pool, which then logs a broken connection at every shutdown.
    try {
      if (!listener.join(java.time.Duration.ofSeconds(3))) {
        listener.interrupt();
      }
    } catch (InterruptedException e) {
      listener.interrupt();
      Thread.currentThread().interrupt();
    }
  }
}
