package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code depot task cancel} of a task that has ended says nothing was canceled. */
class TaskCancelCliEndToEndTest extends CliServerTest {
  @Test
  void cancellingAnEndedTaskSaysItHadAlreadyEnded() throws Exception {
    server.succeed("repo", "create", "zoo");
    server.succeed("repo", "delete", "zoo");
    String deleted = server.succeed("--json", "task", "list").json().at("/0/task_id").asText();

    CliServer.Run cancel = server.run("task", "cancel", deleted);

    assertThat(cancel.code()).as(cancel.err()).isZero();
    assertThat(cancel.out())
        .isEqualTo("Task " + deleted + " had already ended (finished); not canceled\n");
    assertThat(server.succeed("--json", "task", "show", deleted).json().at("/state").asText())
        .isEqualTo("finished");
    assertThat(server.run("task", "cancel", "no-such-task").code()).isEqualTo(1);
  }
}
