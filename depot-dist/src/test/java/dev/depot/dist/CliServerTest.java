package dev.depot.dist;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An end-to-end test against one fresh server on H2, driven with the CLI: a test directory and the
 * server living in it. The storage layer is the same for every type, so one database is enough for
 * tests of a content type's behaviour.
 */
abstract class CliServerTest {
  @TempDir Path dir;
  CliServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = CliServer.start("h2", dir.resolve("server"));
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }
}
