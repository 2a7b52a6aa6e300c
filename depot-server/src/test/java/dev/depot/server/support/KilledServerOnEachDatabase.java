package dev.depot.server.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A crash test: a server in a process of its own ({@link ServerProcess}), which a test kills and
 * starts again on the same database, run once on H2 and once on PostgreSQL (each subclass says so
 * with {@code @ParameterizedClass @EnumSource(TestDatabase.class)}). A test sets {@link #url} (a
 * {@link TestDatabase#freshUrl fresh database}) and {@link #server}; whatever server is running at
 * the end is closed and the database dropped. The directory is kept when a test fails, to read the
 * server's log.
 */
public abstract class KilledServerOnEachDatabase {
  /** The database this run of the class uses. */
  @Parameter protected TestDatabase database;

  /** The test's directory: data directories, the database file on H2, the servers' logs. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  protected Path dir;

  /** The test's database, set by the test. */
  protected String url;

  /** The server running now, if any, set by the test. */
  protected ServerProcess server;

  @AfterEach
  void closeServerAndDropDatabase() throws Exception {
    if (server != null) {
      server.close();
    }
    database.drop(url);
  }
}
