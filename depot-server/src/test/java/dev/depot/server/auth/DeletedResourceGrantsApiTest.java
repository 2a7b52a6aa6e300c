package dev.depot.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Grants are on paths: when a resource is deleted, the grants on it go with it, so that whoever
 * created (or was given) the old one holds nothing on a new one of the same id. Over real HTTP, on
 * H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DeletedResourceGrantsApiTest extends ServerOnEachDatabase {
  private static final String API = "/pulp/api/v2/";
  private static final String ALICE = "alice:wonderland";

  @BeforeEach
  void start() throws Exception {
    Reply alice =
        server.call("POST", API + "users/", "{\"login\": \"alice\", \"password\": \"wonderland\"}");
    assertThat(alice.status()).as(alice.body()).isEqualTo(201);
  }

  private Reply asAlice(String method, String path, String body) throws Exception {
    return server.send(method, API + path, body, ALICE);
  }

  private void grantAlice(String resource, String ops) throws Exception {
    Reply reply =
        server.call(
            "POST",
            API + "permissions/actions/grant_to_user/",
            "{\"login\": \"alice\", \"resource\": \""
                + resource
                + "\", \"operations\": "
                + ops
                + "}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  @Test
  void aRepositoryMadeAgainAfterItsDeletionIsNotItsFormerCreators() throws Exception {
    grantAlice("/v2/repositories/", "[\"CREATE\"]");
    assertThat(asAlice("POST", "repositories/", "{\"id\": \"zoo\"}").status()).isEqualTo(201);
    Reply deleted = asAlice("DELETE", "repositories/zoo/", null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);
    assertThat(server.awaitTask(deleted).path("state").asText()).isEqualTo("finished");

    assertThat(server.call("POST", API + "repositories/", "{\"id\": \"zoo\"}").status())
        .isEqualTo(201);

    assertThat(asAlice("GET", "repositories/zoo/", null).status()).isEqualTo(403);
    assertThat(asAlice("DELETE", "repositories/zoo/", null).status()).isEqualTo(403);
    assertThat(server.call("GET", API + "permissions/", null).body()).doesNotContain("/zoo/");
  }

  @Test
  void aDeletedUserOrRoleTakesTheGrantsOnItAlongButNoneOnItsNeighbours() throws Exception {
    grantAlice("/v2/users/", "[\"CREATE\"]");
    grantAlice("/v2/roles/", "[\"CREATE\"]");
    assertThat(asAlice("POST", "users/", "{\"login\": \"bob\"}").status()).isEqualTo(201);
    assertThat(asAlice("POST", "users/", "{\"login\": \"bobby\"}").status()).isEqualTo(201);
    assertThat(asAlice("POST", "roles/", "{\"role_id\": \"ops\"}").status()).isEqualTo(201);

    assertThat(asAlice("DELETE", "users/bob/", null).status()).isEqualTo(200);
    assertThat(asAlice("DELETE", "roles/ops/", null).status()).isEqualTo(200);
    assertThat(server.call("POST", API + "users/", "{\"login\": \"bob\"}").status()).isEqualTo(201);
    assertThat(server.call("POST", API + "roles/", "{\"role_id\": \"ops\"}").status())
        .isEqualTo(201);

    assertThat(asAlice("PUT", "users/bob/", "{\"delta\": {\"password\": \"x\"}}").status())
        .isEqualTo(403);
    assertThat(asAlice("DELETE", "roles/ops/", null).status()).isEqualTo(403);
    // A path that only begins like the deleted one is another resource: its grants stay.
    assertThat(asAlice("PUT", "users/bobby/", "{\"delta\": {\"name\": \"Bob\"}}").status())
        .isEqualTo(200);
  }

  @Test
  void aRemovedDistributorTakesTheGrantsOnItAlong() throws Exception {
    assertThat(
            server
                .call(
                    "POST",
                    API + "repositories/",
                    "{\"id\": \"zoo\", \"distributors\": [{\"distributor_id\": \"web\","
                        + " \"distributor_type_id\": \"echo_distributor\","
                        + " \"distributor_config\": {}}]}")
                .status())
        .isEqualTo(201);
    grantAlice("/v2/repositories/zoo/distributors/web/", "[\"READ\"]");
    grantAlice("/v2/repositories/zoo/", "[\"EXECUTE\"]");
    assertThat(asAlice("GET", "repositories/zoo/distributors/web/", null).status()).isEqualTo(200);

    Reply removed = server.call("DELETE", API + "repositories/zoo/distributors/web/", null);
    assertThat(server.awaitTask(removed).path("state").asText()).isEqualTo("finished");

    assertThat(server.call("GET", API + "permissions/", null).body())
        .doesNotContain("/distributors/web/")
        .contains("/v2/repositories/zoo/");
  }
}
