package dev.depot.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: a connection pool, the schema brought up to date by Flyway, and JDBI on
 * top. H2 in a file by default, PostgreSQL when the URL says so; the same migrations serve both.
 */
public final class Database implements AutoCloseable {
  /** The embedded database's page cache, in KB, unless its URL sets one. */
  static final int H2_CACHE_KB = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String url;
  private volatile ProcessHeartbeat heartbeat;

  private Database(HikariDataSource dataSource, Dialect dialect, String url) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.url = url;
    this.jdbi = Jdbi.create(dataSource);
  }

  /**
   * Opens the database at the URL and migrates its schema.
   *
   * @param url a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
   */
  public static Database open(String url) {
    return open(url, 10_000);
  }

  /**
   * Opens the database at the URL and migrates its schema; a connection is waited for at most
   * {@code connectionWaitMillis} (at least 250, the pool's floor).
   */
  public static Database open(String url, long connectionWaitMillis) {
    Dialect dialect = Dialect.of(url);
    if (dialect == Dialect.H2 && url.startsWith("jdbc:h2:file:")) {
      createParentDirectory(url.substring("jdbc:h2:file:".length()));
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(dialect == Dialect.H2 ? H2Durability.durable(withPageCache(url)) : url);
    config.setPoolName("depot-db");
    config.setMaximumPoolSize(10);
    config.setConnectionTimeout(connectionWaitMillis);
    config.setInitializationFailTimeout(10_000);
    if (dialect == Dialect.POSTGRESQL) {
      // The driver sends a batch of plain INSERT ... VALUES as multi-row inserts: a sync writes
      // three search-field rows per unit in such batches.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    ClosedH2Eviction reopen = new ClosedH2Eviction();
    if (dialect == Dialect.H2) {
      config.setExceptionOverride(reopen);
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    reopen.evictFrom(dataSource);
    try {
      Flyway flyway =
          Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
      MigrationInfoService applied = flyway.info();
      SchemaVersions.refuseNewer(applied);
      RunningProcesses.refuseMigrationUnderThem(applied, dataSource, RunningProcesses.HEARTBEAT);
      flyway.migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    } catch (java.sql.SQLException | InterruptedException e) {
      dataSource.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot read the database's workers: " + e.getMessage(), e);
    }
    LOG.info("Database ready ({})", dialect);
    return new Database(dataSource, dialect, url);
  }

  /**
   * An embedded H2 URL with a page cache of {@link #H2_CACHE_KB} unless it names its own {@code
   * CACHE_SIZE}. H2's default (16 MB) suits a small embedded store; Depot's holds every unit's
   * metadata, and a publish reads a repository's rows in full: at 20,000 packages a warm yum
   * publish took 1.16-1.25 s with 16 MB and 0.83 s with 64 MB (./benchmark rpm). The cache is
   * bounded, so memory stays flat as repositories grow.
   */
  static String withPageCache(String url) {
    return url.toUpperCase(java.util.Locale.ROOT).contains(";CACHE_SIZE=")
        ? url
        : url + ";CACHE_SIZE=" + H2_CACHE_KB;
  }

  private static void createParentDirectory(String h2Path) {
    String path = h2Path.split(";", 2)[0];
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(parent);
        // The database holds importer secrets (feed passwords, keys): its owner's only, as the
        // admin password file is. A directory that was there is left as its owner made it.
        Files.setPosixFilePermissions(
            parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create database directory " + parent, e);
    }
  }

  /** The connection pool. */
  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /** JDBI over the pool. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** Which database this is. */
  public Dialect dialect() {
    return dialect;
  }

  /** Whether a connection can be had and answers, for {@code /status/}. */
  public boolean isConnected() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Backs up a live embedded H2 database, consistently, into {@code backups/} beside its file and
   * returns the zip; on PostgreSQL, {@code pg_dump} does this and this throws.
   */
  public java.nio.file.Path backup() {
    if (dialect != Dialect.H2) {
      throw new IllegalStateException("a PostgreSQL database is backed up with pg_dump");
    }
    return H2Backup.take(dataSource, url);
  }

  /** The processes that heartbeat on this database, for {@code /status/}. */
  public java.util.List<java.util.Map<String, Object>> processes() {
    return ProcessHeartbeat.list(jdbi);
  }

  /**
   * Records this process in {@code processes} and keeps its heartbeat moving until {@link
   * #close()}; once per database.
   *
   * @param periodMillis between heartbeats
   * @param forgetAfterSeconds how long a silent process's row stays
   */
  public synchronized void recordProcess(
      ProcessHeartbeat.Identity identity, long periodMillis, long forgetAfterSeconds) {
    if (heartbeat != null) {
      throw new IllegalStateException("this process is recorded already");
    }
    heartbeat = ProcessHeartbeat.start(jdbi, identity, periodMillis, forgetAfterSeconds);
  }

  /** Stops this process's heartbeat, deleting its row, then closes the pool. */
  @Override
  public void close() {
    try {
      if (heartbeat != null) {
        heartbeat.close();
      }
    } finally {
      dataSource.close();
    }
  }
}
