package dev.depot.server.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A test against a fresh server per test, run once on H2 and once on PostgreSQL: each subclass says
 * so with {@code @ParameterizedClass @EnumSource(TestDatabase.class)}. The server's data directory
 * is the test's temporary directory; a subclass's own {@code @BeforeEach} runs after the server
 * started.
 */
public abstract class ServerOnEachDatabase {
  /** The database this run of the class uses. */
  @Parameter protected TestDatabase database;

  /** The test's directory, the server's data directory. */
  @TempDir protected Path dir;

  /** The running server. */
  protected RunningDepot server;

  @BeforeEach
  void startServer() throws Exception {
    server = RunningDepot.start(database, dir);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }
}
