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

  /**
   * Creates a yum repository whose {@code yum_distributor} {@code web} serves it over HTTP at
   * {@code /pulp/repos/<id>/}; {@code more} are further {@code repo create} arguments.
   */
  void createServedYumRepository(String id, String... more) throws Exception {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "repo",
                "create",
                id,
                "--importer",
                "yum_importer",
                "--distributor",
                "yum_distributor:web",
                "--distributor-option",
                "web.relative_url=" + id,
                "--distributor-option",
                "web.http=true"));
    args.addAll(java.util.List.of(more));
    server.succeed(args.toArray(String[]::new));
  }
}
