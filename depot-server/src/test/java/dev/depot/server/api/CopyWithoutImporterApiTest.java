package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A copy into a repository without an importer is refused with a 400 before any task is queued,
 * keeping Pulp's PLP0009 and saying which repository and what to do; once the destination has an
 * importer the same copy is accepted.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CopyWithoutImporterApiTest extends ServerOnEachDatabase {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @BeforeEach
  void start() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"src\", \"importer_type_id\": \"echo_importer\"}");
    server.call("POST", REPOS, "{\"id\": \"bare\"}");
  }

  private Reply copyIntoBare() throws Exception {
    return server.call("POST", REPOS + "bare/actions/associate/", "{\"source_repo_id\": \"src\"}");
  }

  @Test
  void aDestinationWithoutImporterIsRefusedUpFront() throws Exception {
    Reply refused = copyIntoBare();

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    JsonNode body = refused.json();
    assertThat(body.at("/http_status").asInt()).isEqualTo(400);
    assertThat(body.at("/error/code").asText()).isEqualTo("PLP0009");
    assertThat(body.at("/error_message").asText())
        .contains("Repository bare has no importer")
        .contains("POST /pulp/api/v2/repositories/bare/importers/");
    assertThat(server.call("GET", "/pulp/api/v2/tasks/", null).json()).isEmpty();
  }

  @Test
  void onceItHasAnImporterTheSameCopyIsAccepted() throws Exception {
    Reply added =
        server.call("POST", REPOS + "bare/importers/", "{\"importer_type_id\": \"echo_importer\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(202);
    assertThat(server.awaitTask(added).at("/state").asText()).isEqualTo("finished");

    Reply copy = copyIntoBare();

    assertThat(copy.status()).as(copy.body()).isEqualTo(202);
    assertThat(server.awaitTask(copy).at("/state").asText()).isEqualTo("finished");
  }
}
