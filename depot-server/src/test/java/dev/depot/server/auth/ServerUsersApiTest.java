package dev.depot.server.auth;

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
 * What users and roles a whole server has, on H2 and PostgreSQL: the super-users, and searches over
 * every user and role. These tests need a server of their own each (one of them leaves the admin no
 * super-user); {@link UsersRolesPermissionsApiTest}'s share one.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ServerUsersApiTest extends ServerOnEachDatabase {
  private static final String API = "/pulp/api/v2/";
  private static final String ALICE = "alice:wonderland";

  @BeforeEach
  void start() throws Exception {
    Reply alice =
        server.call(
            "POST",
            API + "users/",
            "{\"login\": \"alice\", \"name\": \"Alice\", \"password\": \"wonderland\"}");
    assertThat(alice.status()).as(alice.body()).isEqualTo(201);
  }

  private Reply asAlice(String method, String path, String body) throws Exception {
    return server.send(method, API + path, body, ALICE);
  }

  @Test
  void theLastSuperUserCannotBeRemovedAndSuperUsersIsFixed() throws Exception {
    Reply deleteAdmin = server.call("DELETE", API + "users/admin/", null);
    Reply leaveRole = server.call("DELETE", API + "roles/super-users/users/admin/", null);
    Reply dropRoles = server.call("PUT", API + "users/admin/", "{\"delta\": {\"roles\": []}}");
    Reply renameRole =
        server.call(
            "PUT", API + "roles/super-users/", "{\"delta\": {\"display_name\": \"Anyone\"}}");
    Reply deleteRole = server.call("DELETE", API + "roles/super-users/", null);

    assertThat(deleteAdmin.status()).isEqualTo(400);
    assertThat(leaveRole.status()).isEqualTo(400);
    assertThat(dropRoles.status()).isEqualTo(400);
    assertThat(renameRole.status()).isEqualTo(400);
    assertThat(deleteRole.status()).isEqualTo(400);
    assertThat(server.call("GET", API + "users/admin/", null).json().at("/roles/0").asText())
        .isEqualTo("super-users");

    // With a second super-user, the first may step down, and then is refused like anyone.
    assertThat(
            server
                .call("POST", API + "roles/super-users/users/", "{\"login\": \"alice\"}")
                .status())
        .isEqualTo(200);
    assertThat(server.call("DELETE", API + "roles/super-users/users/admin/", null).status())
        .isEqualTo(200);
    assertThat(server.call("GET", API + "repositories/", null).status()).isEqualTo(403);
    assertThat(asAlice("GET", "repositories/", null).status()).isEqualTo(200);
  }

  @Test
  void usersAndRolesAreSearchedWithPulpsCriteria() throws Exception {
    server.call("POST", API + "roles/", "{\"role_id\": \"auditors\"}");
    server.call("POST", API + "users/", "{\"login\": \"bob\", \"name\": \"Bob\"}");

    JsonNode byName =
        server
            .call(
                "POST",
                API + "users/search/",
                "{\"criteria\": {\"filters\": {\"name\": {\"$in\": [\"Alice\", \"Bob\"]}},"
                    + " \"sort\": [[\"login\", \"descending\"]], \"fields\": [\"login\"]}}")
            .json();
    JsonNode superUsers =
        server
            .call("GET", API + "users/search/?filters=%7B%22roles%22%3A%22super-users%22%7D", null)
            .json();
    JsonNode roles =
        server
            .call(
                "POST",
                API + "roles/search/",
                "{\"criteria\": {\"filters\": {\"id\": {\"$ne\": \"super-users\"}}}}")
            .json();
    Reply bad =
        server.call(
            "POST", API + "users/search/", "{\"criteria\": {\"filters\": {\"password\": \"x\"}}}");

    assertThat(byName).hasSize(2);
    assertThat(byName.get(0).at("/login").asText()).isEqualTo("bob");
    assertThat(byName.get(0).has("name")).as("fields trims the rest").isFalse();
    assertThat(superUsers).hasSize(1);
    assertThat(superUsers.get(0).at("/login").asText()).isEqualTo("admin");
    assertThat(roles).hasSize(1);
    assertThat(roles.get(0).at("/id").asText()).isEqualTo("auditors");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("password");
  }
}
