package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A plugin that throws an Error (here the NoSuchMethodError of a plugin built against another SDK)
 * fails its task, named, and the worker goes on with the next one: the task is not left "running"
 * for ever.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CrashingTaskTest {
  private static final String REPO = "/pulp/api/v2/repositories/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot server;

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(database, dir.resolve("server"));
    assertThat(
            server
                .call("POST", REPO, "{\"id\": \"zoo\", \"importer_type_id\": \"echo_importer\"}")
                .status())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anErrorFailsItsTaskAndTheWorkerGoesOn() throws Exception {
    JsonNode crashed =
        server.awaitTask(
            server.call(
                "POST", REPO + "zoo/actions/sync/", "{\"override_config\": {\"crash\": true}}"));
    assertThat(crashed.at("/state").asText()).isEqualTo("error");
    assertThat(crashed.toString()).contains("NoSuchMethodError");

    JsonNode next = server.awaitTask(server.call("POST", REPO + "zoo/actions/sync/", "{}"));
    assertThat(next.at("/state").asText()).isEqualTo("finished");
  }

  @Test
  void runningOutOfMemoryFailsItsTaskAndTheWorkerGoesOn() throws Exception {
    JsonNode crashed =
        server.awaitTask(
            server.call(
                "POST",
                REPO + "zoo/actions/sync/",
                "{\"override_config\": {\"out_of_memory\": true}}"));
    assertThat(crashed.at("/state").asText()).isEqualTo("error");
    assertThat(crashed.toString()).contains("OutOfMemoryError");

    JsonNode next = server.awaitTask(server.call("POST", REPO + "zoo/actions/sync/", "{}"));
    assertThat(next.at("/state").asText()).isEqualTo("finished");
  }
}
