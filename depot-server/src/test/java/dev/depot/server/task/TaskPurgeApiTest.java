package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code DELETE /tasks/?state=...} as in Pulp: completed tasks of the states named are forgotten
 * (204), a purge naming no state is refused with 403 PLP1012, a state a task may still leave with
 * 400 PLP1011. Over real HTTP, on H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class TaskPurgeApiTest extends ServerOnEachDatabase {
  private static final String TASKS = "/pulp/api/v2/tasks/";

  @BeforeEach
  void start() throws Exception {
    Reply repo =
        server.call(
            "POST",
            "/pulp/api/v2/repositories/",
            "{\"id\": \"zoo\", \"importer_type_id\": \"echo_importer\"}");
    assertThat(repo.status()).as(repo.body()).isEqualTo(201);
    server.awaitTask(server.call("POST", "/pulp/api/v2/repositories/zoo/actions/sync/", "{}"));
  }

  @Test
  void completedTasksOfTheStatesNamedAreForgottenAndAPurgeOfNoStateIsForbidden() throws Exception {
    Reply none = server.call("DELETE", TASKS, null);
    assertThat(none.status()).isEqualTo(403);
    assertThat(none.json().at("/error/code").asText()).isEqualTo("PLP1012");
    Reply running = server.call("DELETE", TASKS + "?state=running", null);
    assertThat(running.status()).isEqualTo(400);
    assertThat(running.json().at("/error/code").asText()).isEqualTo("PLP1011");
    assertThat(server.call("GET", TASKS, null).json()).isNotEmpty();

    assertThat(server.call("DELETE", TASKS + "?state=finished&state=error", null).status())
        .isEqualTo(204);

    assertThat(server.call("GET", TASKS, null).json()).isEmpty();
  }
}
