package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot task purge}: the CLI purges completed tasks, as {@code DELETE /tasks/} does. */
class TaskPurgeCliEndToEndTest {
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
  void completedTasksArePurgedByState() throws Exception {
    server.succeed("orphans", "delete");
    assertThat(server.succeed("--json", "task", "list", "--state", "finished").json()).hasSize(1);

    CliServer.Run none = server.run("task", "purge");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("Give --all or the states to purge");

    CliServer.Run running = server.run("task", "purge", "--state", "running");
    assertThat(running.code()).isEqualTo(1);
    assertThat(running.err()).contains("cannot be purged");

    CliServer.Run error = server.succeed("--json", "task", "purge", "--state", "error");
    assertThat(error.json().path("purged_states").get(0).asText()).isEqualTo("error");
    assertThat(server.succeed("--json", "task", "list").json()).hasSize(1);

    assertThat(server.succeed("task", "purge", "--all").out())
        .isEqualTo("Purged finished, error, skipped tasks\n");
    assertThat(server.succeed("--json", "task", "list").json()).isEmpty();
  }
}
