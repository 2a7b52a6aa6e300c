package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An id given on the command line names that resource, never another one the path reaches. */
class PathIdCliEndToEndTest {
  @TempDir Path dir;
  CliServer server;

  @BeforeEach
  void start() throws Exception {
    server = CliServer.start("h2", dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anIdThatWouldLeaveItsCollectionIsRefused() throws Exception {
    server.succeed("user", "create", "alice");

    CliServer.Run delete = server.run("repo", "delete", "../users/alice");
    assertThat(delete.code()).isEqualTo(2);
    assertThat(delete.err()).contains("'..' is not a valid id");
    assertThat(server.succeed("user", "list").out()).contains("alice");

    CliServer.Run show = server.run("repo", "show", "..");
    assertThat(show.code()).isEqualTo(2);
    assertThat(show.out()).isEmpty();

    CliServer.Run spaced = server.run("repo", "show", "my zoo");
    assertThat(spaced.code()).isEqualTo(2);
    assertThat(spaced.err()).contains("'my zoo' is not a valid id").doesNotContain("server URL");
  }
}
