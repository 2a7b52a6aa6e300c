package dev.depot.server.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the pool past an embedded database that H2 closed. H2 closes its database for good when a
 * write to the file fails (a full disk): from then on every session answers "database closed"
 * (90098) while its JDBC connection still says it is valid, so the pool would hand out dead
 * connections until the process is restarted, even once the disk has room again. The first such
 * answer evicts every pooled connection; a new connection opens the database again from its file,
 * with every commit that was answered before, and fails, naming the cause, for as long as the disk
 * stays full.
 */
final class ClosedH2Eviction implements SQLExceptionOverride {
  /** H2's {@code ErrorCode.DATABASE_IS_CLOSED}. */
  static final int DATABASE_IS_CLOSED = 90098;

  private static final Logger LOG = LoggerFactory.getLogger(ClosedH2Eviction.class);

  private final AtomicReference<HikariDataSource> pool = new AtomicReference<>();

  /** The pool whose connections go when one finds its database closed. */
  void evictFrom(HikariDataSource dataSource) {
    pool.set(dataSource);
  }

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    if (e.getErrorCode() != DATABASE_IS_CLOSED) {
      return Override.CONTINUE_EVICT;
    }
    HikariDataSource dataSource = pool.get();
    if (dataSource != null && dataSource.getHikariPoolMXBean() != null) {
      LOG.warn(
          "The embedded database was closed after a failed write (is its disk full?);"
              + " opening it again");
      dataSource.getHikariPoolMXBean().softEvictConnections();
    }
    return Override.MUST_EVICT;
  }
}
