package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.server.support.TestDatabase;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stopping the server ({@code SIGTERM}, Ctrl-C, systemd) while a task runs cancels the task and
 * records it so: a new server on the same data finds it {@code canceled}, not {@code running}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GracefulStopTest {
  @Parameter TestDatabase database;

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  private RestartableServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aTaskRunningWhenTheServerStopsIsRecordedCanceled() throws Exception {
    // A feed that takes the connection and never answers: the sync runs until it is stopped.
    try (ServerSocket stalled = new ServerSocket(0)) {
      List<Socket> held = new ArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    held.add(stalled.accept());
                  }
                } catch (java.io.IOException closed) {
                  // the test is over
                }
              });
      server = RestartableServer.start(database, dir);
      server.createRepository(
          """
          {"id": "zoo", "importer_type_id": "iso_importer",
           "importer_config": {"feed": "http://127.0.0.1:%d/"}}
          """
              .formatted(stalled.getLocalPort()));
      String task =
          server
              .api()
              .call("POST", RestartableServer.REPOS + "zoo/actions/sync/", "{}")
              .json()
              .at("/spawned_tasks/0/task_id")
              .asText();
      awaitState(task, "running");

      server.restartAfterStop(); // SIGTERM, as systemd stops a service

      assertThat(server.taskState(task)).isEqualTo("canceled");
    }
  }

  private void awaitState(String task, String wanted) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!server.taskState(task).equals(wanted)) {
      assertThat(System.nanoTime())
          .as("task %s never became %s", task, wanted)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
