package dev.depot.dist;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * An end-to-end test against a fresh server driven with the CLI, run once on H2 and once on
 * PostgreSQL (each subclass says so with {@code @ParameterizedClass @ValueSource(strings = {"h2",
 * "postgresql"})}): for what the storage layer decides, listings, searches, logins and permissions.
 * {@link CliServerTest} is the one-database kind.
 */
abstract class BothDatabasesCliServerTest {
  @Parameter String database;
  @TempDir Path dir;
  CliServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = CliServer.start(database, serverDir());
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  /** The server's data directory: {@code server} in the test directory. */
  Path serverDir() {
    return dir.resolve("server");
  }

  /** Runs the CLI against the server, failing the test unless it succeeds. */
  CliServer.Run depot(String... args) {
    return server.succeed(args);
  }
}
