package dev.depot.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Users, roles and permissions as Pulp 2 has them, enforced on every API call: over real HTTP with
 * each user's own Basic credentials, on H2 and PostgreSQL. One server per database serves every
 * test (a server per test was most of the class's time): each test makes its own user, repository,
 * role and group. What a whole server holds (its super-users, searches over every user) is tested
 * on servers of their own in {@link ServerUsersApiTest}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UsersRolesPermissionsApiTest {
  private static final String API = "/pulp/api/v2/";
  private static final AtomicInteger TESTS = new AtomicInteger();

  @Parameter TestDatabase database;
  @TempDir static Path dir;
  static RunningDepot server;

  // What each test makes, named its own: the tests share a server (one per database).
  final String n = String.format("%03d", TESTS.incrementAndGet()); // no name a prefix of another
  final String login = "alice" + n;
  final String credentials = login + ":wonderland";
  final String repo = "zoo" + n;
  final String other = "bob" + n;
  final String roleId = "syncers" + n;
  final String mineId = "mine" + n;
  final String vaultId = "vault" + n;
  final String groupId = "g" + n;

  @BeforeParameterizedClassInvocation
  static void startServer(TestDatabase database) throws Exception {
    server = RunningDepot.start(database, Files.createDirectories(dir.resolve(database.name())));
  }

  @AfterParameterizedClassInvocation
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void start() throws Exception {
    Reply zoo =
        server.call(
            "POST",
            API + "repositories/",
            "{\"id\": \""
                + repo
                + "\", \"importer_type_id\": \"echo_importer\", \"importer_config\": {}}");
    assertThat(zoo.status()).as(zoo.body()).isEqualTo(201);
    Reply alice =
        server.call(
            "POST",
            API + "users/",
            "{\"login\": \"" + login + "\", \"name\": \"Alice\", \"password\": \"wonderland\"}");
    assertThat(alice.status()).as(alice.body()).isEqualTo(201);
  }

  private Reply asAlice(String method, String path, String body) throws Exception {
    return server.send(method, API + path, body, credentials);
  }

  private void grant(String action, String subject, String resource, String ops) throws Exception {
    Reply reply =
        server.call(
            "POST",
            API + "permissions/actions/" + action + "/",
            "{" + subject + ", \"resource\": \"" + resource + "\", \"operations\": " + ops + "}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  @Test
  void aUserIsShownWithoutItsPasswordAndBadUsersAreRefused() throws Exception {
    JsonNode alice = server.call("GET", API + "users/" + login + "/", null).json();
    JsonNode all = server.call("GET", API + "users/", null).json();
    Reply duplicate = server.call("POST", API + "users/", "{\"login\": \"" + login + "\"}");
    Reply badLogin = server.call("POST", API + "users/", "{\"login\": \"al ice\"}");
    Reply extra =
        server.call("POST", API + "users/", "{\"login\": \"" + other + "\", \"admin\": true}");
    JsonNode found =
        server
            .call(
                "POST",
                API + "users/search/",
                "{\"criteria\": {\"filters\": {\"login\": {\"$in\": [\""
                    + login
                    + "\", \"carol\"]}}}}")
            .json();

    assertThat(alice.at("/name").asText()).isEqualTo("Alice");
    assertThat(alice.at("/_href").asText()).isEqualTo(API + "users/" + login + "/");
    assertThat(alice.at("/roles")).isEmpty();
    assertThat(all.toString())
        .contains("\"admin\"")
        .doesNotContain("password")
        .doesNotContain("wonderland");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(badLogin.status()).isEqualTo(400);
    assertThat(badLogin.json().at("/property_names/0").asText()).isEqualTo("login");
    assertThat(extra.status()).isEqualTo(400);
    assertThat(extra.json().at("/property_names/0").asText()).isEqualTo("admin");
    assertThat(found).hasSize(1);
    assertThat(server.call("GET", API + "users/admin/", null).json().at("/roles/0").asText())
        .isEqualTo("super-users");
  }

  @Test
  void aGrantOnACollectionCoversEveryResourceUnderItAndNothingElse() throws Exception {
    Reply before = asAlice("GET", "repositories/", null);
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repositories/", "[\"READ\"]");

    assertThat(before.status()).isEqualTo(403);
    assertThat(before.json().at("/error/code").asText()).isEqualTo("PLP0026");
    assertThat(asAlice("GET", "repositories/", null).status()).isEqualTo(200);
    assertThat(asAlice("GET", "repositories/" + repo + "/", null).status()).isEqualTo(200);
    assertThat(asAlice("POST", "repositories/" + repo + "/actions/sync/", "{}").status())
        .isEqualTo(403);
    assertThat(asAlice("DELETE", "repositories/" + repo + "/", null).status()).isEqualTo(403);
    assertThat(asAlice("GET", "tasks/", null).status()).isEqualTo(403);
    assertThat(asAlice("GET", "users/", null).status()).isEqualTo(403);

    grant("revoke_from_user", "\"login\": \"" + login + "\"", "/v2/repositories/", "[\"READ\"]");
    assertThat(asAlice("GET", "repositories/" + repo + "/", null).status()).isEqualTo(403);
  }

  @Test
  void aRoleGrantsItsMembersWhatItHoldsAndOnlyWhileTheyAreMembers() throws Exception {
    Reply role =
        server.call(
            "POST",
            API + "roles/",
            "{\"role_id\": \"" + roleId + "\", \"display_name\": \"Syncers\"}");
    assertThat(role.status()).as(role.body()).isEqualTo(201);
    grant(
        "grant_to_role",
        "\"role_id\": \"" + roleId + "\"",
        "/v2/repositories/" + repo + "/",
        "[\"EXECUTE\"]");
    assertThat(asAlice("POST", "repositories/" + repo + "/actions/sync/", "{}").status())
        .isEqualTo(403);

    assertThat(
            server
                .call("POST", API + "roles/" + roleId + "/users/", "{\"login\": \"" + login + "\"}")
                .status())
        .isEqualTo(200);
    Reply sync = asAlice("POST", "repositories/" + repo + "/actions/sync/", "{}");
    JsonNode shown = server.call("GET", API + "roles/" + roleId + "/", null).json();
    JsonNode granted =
        server
            .call("GET", API + "permissions/?resource=/v2/repositories/" + repo + "/", null)
            .json();

    assertThat(sync.status()).as(sync.body()).isEqualTo(202);
    assertThat(shown.at("/users/0").asText()).isEqualTo(login);
    assertThat(shown.at("/permissions/~1v2~1repositories~1" + repo + "~1/0").asText())
        .isEqualTo("EXECUTE");
    assertThat(granted.at("/0/users/" + login + "/0").asText()).isEqualTo("EXECUTE");
    assertThat(
            asAlice("POST", "repositories/" + repo + "/actions/publish/", "{\"id\": \"x\"}")
                .status())
        .as("EXECUTE on " + repo + " covers its publish too")
        .isNotEqualTo(403);
    assertThat(
            server.call("DELETE", API + "roles/" + roleId + "/users/" + login + "/", null).status())
        .isEqualTo(200);
    assertThat(asAlice("POST", "repositories/" + repo + "/actions/sync/", "{}").status())
        .isEqualTo(403);
  }

  @Test
  void whoCreatesAResourceMayDoEverythingWithItButNotWithOthers() throws Exception {
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repositories/", "[\"CREATE\"]");

    Reply created = asAlice("POST", "repositories/", "{\"id\": \"" + mineId + "\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(asAlice("GET", "repositories/" + mineId + "/", null).status()).isEqualTo(200);
    assertThat(
            asAlice(
                    "PUT",
                    "repositories/" + mineId + "/",
                    "{\"delta\": {\"description\": \"ours\"}}")
                .status())
        .isEqualTo(200);
    assertThat(asAlice("GET", "repositories/" + repo + "/", null).status()).isEqualTo(403);
    assertThat(asAlice("DELETE", "repositories/" + repo + "/", null).status()).isEqualTo(403);
  }

  @Test
  void whoMayCreateUsersCannotMakeOneOfThemASuperUser() throws Exception {
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/users/", "[\"CREATE\"]");
    Reply bob =
        asAlice("POST", "users/", "{\"login\": \"" + other + "\", \"password\": \"builder\"}");
    assertThat(bob.status()).as(bob.body()).isEqualTo(201);

    Reply promote =
        asAlice("PUT", "users/" + other + "/", "{\"delta\": {\"roles\": [\"super-users\"]}}");
    Reply rename = asAlice("PUT", "users/" + other + "/", "{\"delta\": {\"name\": \"Bob\"}}");

    assertThat(promote.status()).as(promote.body()).isEqualTo(403);
    assertThat(promote.json().at("/error/code").asText()).isEqualTo("PLP0026");
    assertThat(rename.status()).as("what it created it may still change").isEqualTo(200);
    assertThat(server.call("GET", API + "users/" + other + "/", null).json().at("/roles"))
        .isEmpty();
    assertThat(server.send("GET", API + "users/", null, other + ":builder").status())
        .isEqualTo(403);

    // Whoever may change a roleId's members may change them this way too.
    server.call("POST", API + "roles/", "{\"role_id\": \"" + roleId + "\"}");
    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/roles/" + roleId + "/users/",
        "[\"CREATE\"]");
    Reply join =
        asAlice("PUT", "users/" + other + "/", "{\"delta\": {\"roles\": [\"" + roleId + "\"]}}");
    Reply leave = asAlice("PUT", "users/" + other + "/", "{\"delta\": {\"roles\": []}}");
    assertThat(join.status()).as(join.body()).isEqualTo(200);
    assertThat(join.json().at("/roles/0").asText()).isEqualTo(roleId);
    assertThat(leave.status()).as("leaving wants DELETE on the membership").isEqualTo(403);
  }

  @Test
  void aCopyWantsReadOnItsSourceBesidesUpdateOnItsDestination() throws Exception {
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repositories/", "[\"CREATE\"]");
    Reply mine =
        asAlice(
            "POST",
            "repositories/",
            "{\"id\": \""
                + mineId
                + "\", \"importer_type_id\": \"echo_importer\", \"importer_config\": {}}");
    assertThat(mine.status()).as(mine.body()).isEqualTo(201);

    Reply fromZoo =
        asAlice(
            "POST",
            "repositories/" + mineId + "/actions/associate/",
            "{\"source_repo_id\": \"" + repo + "\"}");
    Reply fromNowhere =
        asAlice(
            "POST",
            "repositories/" + mineId + "/actions/associate/",
            "{\"source_repo_id\": \"gone\"}");

    assertThat(fromZoo.status()).as(fromZoo.body()).isEqualTo(403);
    assertThat(fromZoo.json().at("/error/code").asText()).isEqualTo("PLP0026");
    assertThat(fromNowhere.status()).as("nothing told of what exists").isEqualTo(403);
    // No task names either repository (the server is shared: other tests' tasks are there).
    assertThat(server.call("GET", API + "tasks/", null).body())
        .as("no task queued")
        .doesNotContain(":" + mineId + "\"", ":" + repo + "\"", ":gone\"");

    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/repositories/" + repo + "/",
        "[\"READ\"]");
    Reply readable =
        asAlice(
            "POST",
            "repositories/" + mineId + "/actions/associate/",
            "{\"source_repo_id\": \"" + repo + "\"}");
    assertThat(readable.status()).as(readable.body()).isEqualTo(202);
  }

  @Test
  void aGroupTakesOnlyRepositoriesItsMakerMayReadAndPublishesOnlyForWhoMayReadThemAll()
      throws Exception {
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repo_groups/", "[\"CREATE\"]");

    Reply withZoo =
        asAlice(
            "POST",
            "repo_groups/",
            "{\"id\": \"" + groupId + "-0\", \"repo_ids\": [\"" + repo + "\"]}");
    Reply mine =
        asAlice(
            "POST",
            "repo_groups/",
            "{\"id\": \""
                + groupId
                + "\", \"distributors\": [{\"distributor_type_id\":"
                + " \"echo_group_distributor\", \"distributor_id\": \"d\", \"distributor_config\": {}}]}");
    Reply everything =
        asAlice(
            "POST",
            "repo_groups/" + groupId + "/actions/associate/",
            "{\"criteria\": {\"filters\": {}}}");

    assertThat(withZoo.status()).as(withZoo.body()).isEqualTo(403);
    assertThat(mine.status()).as(mine.body()).isEqualTo(201);
    assertThat(everything.status()).as(everything.body()).isEqualTo(200);
    assertThat(everything.json()).as(repo + " is not hers to add").isEmpty();

    // An admin put zoo in her groupId: she still may not publish what she may not read.
    server.call(
        "POST",
        API + "repo_groups/" + groupId + "/actions/associate/",
        "{\"criteria\": {\"filters\": {\"id\": \"" + repo + "\"}}}");
    Reply publish =
        asAlice("POST", "repo_groups/" + groupId + "/actions/publish/", "{\"id\": \"d\"}");
    assertThat(publish.status()).as(publish.body()).isEqualTo(403);
    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/repositories/" + repo + "/",
        "[\"READ\"]");
    Reply allowed =
        asAlice("POST", "repo_groups/" + groupId + "/actions/publish/", "{\"id\": \"d\"}");
    assertThat(allowed.status()).as(allowed.body()).isEqualTo(202);
  }

  @Test
  void whoMaySyncCannotSendTheStoredCredentialsToAFeedOfItsOwn() throws Exception {
    Reply vault =
        server.call(
            "POST",
            API + "repositories/",
            "{\"id\": \""
                + vaultId
                + "\", \"importer_type_id\": \"echo_importer\", \"importer_config\":"
                + " {\"feed\": \"https://internal.example/"
                + vaultId
                + "/\", \"basic_auth_password\": \"s3cret\"}}");
    assertThat(vault.status()).as(vault.body()).isEqualTo(201);
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repositories/", "[\"EXECUTE\"]");

    Reply elsewhere =
        asAlice(
            "POST",
            "repositories/" + vaultId + "/actions/sync/",
            "{\"override_config\": {\"feed\": \"https://attacker.example/\"}}");
    Reply throughProxy =
        asAlice(
            "POST",
            "repositories/" + vaultId + "/actions/sync/",
            "{\"override_config\": {\"proxy_host\": \"attacker.example\"}}");
    Reply tuned =
        asAlice(
            "POST",
            "repositories/" + vaultId + "/actions/sync/",
            "{\"override_config\": {\"notes_per_sync\": 2,"
                + " \"feed\": \"https://internal.example/"
                + vaultId
                + "/\"}}");
    Reply noSecrets =
        asAlice(
            "POST",
            "repositories/" + repo + "/actions/sync/",
            "{\"override_config\": {\"feed\": \"https://mirror.example/\"}}");

    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(403);
    assertThat(elsewhere.json().at("/error/code").asText()).isEqualTo("PLP0026");
    assertThat(elsewhere.body()).contains("feed").doesNotContain("s3cret");
    assertThat(throughProxy.status()).as(throughProxy.body()).isEqualTo(403);
    assertThat(tuned.status()).as("other overrides still go").isEqualTo(202);
    assertThat(noSecrets.status()).as("nothing stored to carry").isEqualTo(202);

    // Nor by scheduling the sync: who may create a schedule is held to the same rule.
    String schedules = "repositories/" + vaultId + "/importers/echo_importer/schedules/sync/";
    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/repositories/" + vaultId + "/",
        "[\"READ\"]");
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/" + schedules, "[\"CREATE\"]");
    Reply scheduled =
        asAlice(
            "POST",
            schedules,
            "{\"schedule\": \"PT1H\", \"override_config\": {\"feed\": \"https://attacker.example/\"}}");
    Reply plainSchedule = asAlice("POST", schedules, "{\"schedule\": \"PT1H\"}");
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(403);
    assertThat(scheduled.body()).contains("override_config.feed").doesNotContain("s3cret");
    assertThat(plainSchedule.status()).as(plainSchedule.body()).isEqualTo(201);

    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/repositories/" + vaultId + "/importers/",
        "[\"UPDATE\"]");
    assertThat(
            asAlice(
                    "POST",
                    "repositories/" + vaultId + "/actions/sync/",
                    "{\"override_config\": {\"feed\": \"https://other.example/\"}}")
                .status())
        .as("who may change the importer may redirect one sync")
        .isEqualTo(202);
  }

  @Test
  void whoMayPublishCannotReconfigureThePublishThroughItsOverride() throws Exception {
    for (String body :
        new String[] {
          "{\"distributor_type_id\": \"echo_distributor\", \"distributor_id\": \"web\","
              + " \"distributor_config\": {\"relative_url\": \""
              + repo
              + "/here\"}}",
          "{\"distributor_type_id\": \"echo_distributor\", \"distributor_id\": \"plain\","
              + " \"distributor_config\": {}}"
        }) {
      Reply added = server.call("POST", API + "repositories/" + repo + "/distributors/", body);
      assertThat(added.status()).as(added.body()).isEqualTo(201);
    }
    // EXECUTE publishes; CREATE makes schedules; neither changes a distributor (UPDATE).
    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/repositories/",
        "[\"EXECUTE\", \"CREATE\"]");

    Reply moved = publishAsAlice("web", "{\"relative_url\": \"elsewhere\"}");
    Reply removed = publishAsAlice("web", "{\"relative_url\": null}");
    Reply placed = publishAsAlice("plain", "{\"relative_url\": \"elsewhere\"}");
    Reply scheduled =
        asAlice(
            "POST",
            "repositories/" + repo + "/distributors/web/schedules/publish/",
            "{\"schedule\": \"PT1H\", \"override_config\": {\"relative_url\": \"x\"}}");
    Reply same =
        publishAsAlice("web", "{\"relative_url\": \"" + repo + "/here\", \"force_full\": true}");

    for (Reply refused : new Reply[] {moved, removed, placed, scheduled}) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.json().at("/error/code").asText()).isEqualTo("PLP0026");
      assertThat(refused.body()).contains("override_config.relative_url");
    }
    assertThat(same.status()).as("what the config already says, and force_full").isEqualTo(202);

    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/repositories/" + repo + "/distributors/web/",
        "[\"UPDATE\"]");
    assertThat(publishAsAlice("web", "{\"relative_url\": \"elsewhere\"}").status())
        .as("who may change the distributor may publish it elsewhere once")
        .isEqualTo(202);
  }

  @Test
  void whoMayPublishAGroupCannotReconfigureItThroughItsOverride() throws Exception {
    Reply group =
        server.call(
            "POST",
            API + "repo_groups/",
            "{\"id\": \""
                + groupId
                + "\", \"repo_ids\": [\""
                + repo
                + "\"], \"distributors\": [{"
                + "\"distributor_type_id\": \"bundle_group_distributor\","
                + " \"distributor_id\": \"b\", \"distributor_config\": {\"relative_url\": \""
                + groupId
                + "\"}}]}");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repo_groups/", "[\"EXECUTE\"]");
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repositories/", "[\"READ\"]");

    Reply moved =
        asAlice(
            "POST",
            "repo_groups/" + groupId + "/actions/publish/",
            "{\"id\": \"b\", \"override_config\": {\"relative_url\": \"elsewhere\"}}");
    Reply asConfigured =
        asAlice(
            "POST",
            "repo_groups/" + groupId + "/actions/publish/",
            "{\"id\": \"b\", \"override_config\": {\"relative_url\": \"" + groupId + "\"}}");

    assertThat(moved.status()).as(moved.body()).isEqualTo(403);
    assertThat(moved.body()).contains("override_config.relative_url");
    assertThat(asConfigured.status()).as(asConfigured.body()).isEqualTo(202);
  }

  private Reply publishAsAlice(String distributor, String override) throws Exception {
    return asAlice(
        "POST",
        "repositories/" + repo + "/actions/publish/",
        "{\"id\": \"" + distributor + "\", \"override_config\": " + override + "}");
  }

  @Test
  void anotherUsersUploadCannotBeImportedIntoARepositoryOfOnesOwn() throws Exception {
    String theirs =
        server.call("POST", API + "content/uploads/", "{}").json().at("/upload_id").asText();
    grant(
        "grant_to_user",
        "\"login\": \"" + login + "\"",
        "/v2/repositories/" + repo + "/",
        "[\"UPDATE\"]");
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/content/uploads/", "[\"CREATE\"]");
    Reply created = asAlice("POST", "content/uploads/", "{}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String own = created.json().at("/upload_id").asText();

    Reply stolen =
        asAlice("POST", "repositories/" + repo + "/actions/import_upload/", importing(theirs));
    Reply imported =
        asAlice("POST", "repositories/" + repo + "/actions/import_upload/", importing(own));

    assertThat(stolen.status()).as(stolen.body()).isEqualTo(403);
    assertThat(stolen.json().at("/error/code").asText()).isEqualTo("PLP0026");
    assertThat(stolen.body()).contains("READ on /v2/content/uploads/" + theirs + "/");
    assertThat(imported.status()).as(imported.body()).isEqualTo(202);
  }

  private static String importing(String upload) {
    return "{\"upload_id\": \""
        + upload
        + "\", \"unit_type_id\": \"note\", \"unit_key\": {\"name\": \"n\"}}";
  }

  @Test
  void aDeletedUserCannotLogInAndLeavesNoGrants() throws Exception {
    grant("grant_to_user", "\"login\": \"" + login + "\"", "/v2/repositories/", "[\"READ\"]");
    assertThat(asAlice("GET", "repositories/", null).status()).isEqualTo(200);

    assertThat(server.call("DELETE", API + "users/" + login + "/", null).status()).isEqualTo(200);

    assertThat(asAlice("GET", "repositories/", null).status()).isEqualTo(401);
    assertThat(asAlice("GET", "repositories/", null).json().at("/error/code").asText())
        .isEqualTo("PLP0030");
    assertThat(server.call("GET", API + "permissions/", null).body()).doesNotContain(login);
    assertThat(server.call("GET", API + "users/" + login + "/", null).status()).isEqualTo(404);
  }

  @Test
  void badGrantsAreRefusedNamingTheField() throws Exception {
    Reply badOp =
        server.call(
            "POST",
            API + "permissions/actions/grant_to_user/",
            "{\"login\": \""
                + login
                + "\", \"resource\": \"/v2/repositories/\", \"operations\": [\"FLY\"]}");
    Reply noUser =
        server.call(
            "POST",
            API + "permissions/actions/grant_to_user/",
            "{\"login\": \"nobody\", \"resource\": \"/v2/\", \"operations\": [\"READ\"]}");
    Reply badPath =
        server.call(
            "POST",
            API + "permissions/actions/grant_to_user/",
            "{\"login\": \""
                + login
                + "\", \"resource\": \"repositories\", \"operations\": [\"READ\"]}");

    assertThat(badOp.status()).isEqualTo(400);
    assertThat(badOp.json().at("/property_names/0").asText()).isEqualTo("operations");
    assertThat(noUser.status()).isEqualTo(404);
    assertThat(badPath.status()).isEqualTo(400);
    assertThat(badPath.json().at("/property_names/0").asText()).isEqualTo("resource");
  }
}
