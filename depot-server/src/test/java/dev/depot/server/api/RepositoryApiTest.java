package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.example.EchoDistributor;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The repository, importer and distributor API over real HTTP, on H2 and on PostgreSQL. One server
 * per database serves every test (starting one per test was most of the class's time); each test
 * works on repositories of its own ids, and one that checks that nothing was created compares the
 * whole list before and after.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RepositoryApiTest {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @Parameter TestDatabase database;
  @TempDir static Path dir;
  static RunningDepot server;

  @BeforeParameterizedClassInvocation
  static void start(TestDatabase database) throws Exception {
    server = RunningDepot.start(database, Files.createDirectories(dir.resolve(database.name())));
  }

  @AfterParameterizedClassInvocation
  static void stop() throws Exception {
    server.close();
  }

  /** A repository with an importer and two distributors, published under {@code <id>/}. */
  private static String fullRepo(String id) {
    return """
        {"id": "ID", "display_name": "Zoo", "description": "animals", "notes": {"team": "qa"},
         "importer_type_id": "echo_importer", "importer_config": {"notes_per_sync": 3},
         "distributors": [
           {"distributor_type_id": "echo_distributor", "distributor_id": "web",
            "distributor_config": {"relative_url": "ID/web"}, "auto_publish": true},
           {"distributor_type_id": "echo_distributor", "distributor_id": "mirror",
            "distributor_config": {"relative_url": "ID/mirror", "serve_http": true}}]}
        """
        .replace("ID", id);
  }

  private static JsonNode repositories() throws Exception {
    return server.call("GET", REPOS, null).json();
  }

  /** The entries of a repository list with that id. */
  private static java.util.List<JsonNode> withId(JsonNode list, String id) {
    java.util.List<JsonNode> found = new java.util.ArrayList<>();
    list.forEach(
        r -> {
          if (r.at("/id").asText().equals(id)) found.add(r);
        });
    return found;
  }

  @Test
  void statusAnswersWithoutCredentials() throws Exception {
    Reply reply = server.send("GET", "/pulp/api/v2/status/", null, null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/database_connection/connected").asBoolean()).isTrue();
    assertThat(reply.json().at("/api_version").asText()).isEqualTo("2");
  }

  @Test
  void callsWithoutOrWithWrongCredentialsGet401() throws Exception {
    Reply none = server.send("GET", REPOS, null, null);
    Reply wrong = server.send("GET", REPOS, null, "admin:nope");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().at("/error/code").asText()).isEqualTo("PLP0025");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().at("/error/code").asText()).isEqualTo("PLP0030");
    assertThat(wrong.json().at("/http_status").asInt()).isEqualTo(401);
  }

  @Test
  void createsRepositoryWithImporterAndTwoDistributors() throws Exception {
    Reply created = server.call("POST", REPOS, fullRepo("zoo"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).isEqualTo(REPOS + "zoo/");
    assertThat(created.json().at("/id").asText()).isEqualTo("zoo");
    assertThat(created.json().at("/_id/$oid").asText()).hasSize(24);

    JsonNode repo = server.call("GET", REPOS + "zoo/?details=true", null).json();
    assertThat(repo.at("/display_name").asText()).isEqualTo("Zoo");
    assertThat(repo.at("/notes/team").asText()).isEqualTo("qa");
    assertThat(repo.at("/importers/0/importer_type_id").asText()).isEqualTo("echo_importer");
    assertThat(repo.at("/importers/0/config/notes_per_sync").asInt()).isEqualTo(3);
    assertThat(repo.at("/distributors")).hasSize(2);
    assertThat(repo.at("/distributors/0/id").asText()).isEqualTo("web");
    assertThat(repo.at("/distributors/0/auto_publish").asBoolean()).isTrue();
    assertThat(repo.at("/distributors/1/config/serve_http").asBoolean()).isTrue();
    assertThat(repo.at("/total_repository_units").asLong()).isZero();

    java.util.List<JsonNode> list = withId(repositories(), "zoo");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).has("importers")).isFalse();
    JsonNode listed = server.call("GET", REPOS + "?distributors=true", null).json();
    assertThat(withId(listed, "zoo").get(0).at("/distributors")).hasSize(2);
  }

  @Test
  void duplicateRepositoryIdGets409AndKeepsTheFirst() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"dup\", \"display_name\": \"first\"}");

    Reply again = server.call("POST", REPOS, "{\"id\": \"dup\", \"display_name\": \"second\"}");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().at("/error/code").asText()).isEqualTo("PLP0018");
    assertThat(again.json().at("/resource_id").asText()).isEqualTo("dup");
    assertThat(again.location()).isNull();
    assertThat(server.call("GET", REPOS + "dup/", null).json().at("/display_name").asText())
        .isEqualTo("first");
  }

  @Test
  void badOrMissingRepositoryIdGets400NamingTheField() throws Exception {
    JsonNode before = repositories();
    Reply bad = server.call("POST", REPOS, "{\"id\": \"no/slashes here\"}");
    Reply missing = server.call("POST", REPOS, "{\"display_name\": \"x\"}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/code").asText()).isEqualTo("PLP1003");
    assertThat(bad.json().at("/property_names/0").asText()).isEqualTo("id");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/missing_property_names/0").asText()).isEqualTo("id");
    assertThat(repositories()).isEqualTo(before);
  }

  @Test
  void aMisspeltPropertyGets400NamingItAndChangesNothing() throws Exception {
    JsonNode before = repositories();
    Reply create = server.call("POST", REPOS, "{\"id\": \"typo\", \"displayname\": \"Zoo\"}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.json().at("/error/code").asText()).isEqualTo("PLP0015");
    assertThat(create.json().at("/property_names/0").asText()).isEqualTo("displayname");
    assertThat(repositories()).isEqualTo(before);

    assertThat(server.call("POST", REPOS, "{\"id\": \"typo\"}").status()).isEqualTo(201);
    Reply update = server.call("PUT", REPOS + "typo/", "{\"delta\": {\"descripton\": \"typo\"}}");
    Reply sync = server.call("POST", REPOS + "typo/actions/sync/", "{\"overide_config\": {}}");

    assertThat(update.status()).isEqualTo(400);
    assertThat(update.json().at("/property_names/0").asText()).isEqualTo("descripton");
    assertThat(sync.status()).isEqualTo(400);
    assertThat(sync.json().at("/error_message").asText()).contains("overide_config");
    assertThat(server.call("GET", REPOS + "typo/", null).json().at("/description").isNull())
        .isTrue();
  }

  @Test
  void unknownImporterTypeGets400AndLeavesNoRepository() throws Exception {
    Reply reply =
        server.call(
            "POST",
            REPOS,
            "{\"id\": \"unknown-importer\", \"importer_type_id\": \"nope_importer\"}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("PLP1008");
    assertThat(reply.json().at("/error_message").asText()).contains("nope_importer");
    assertThat(server.call("GET", REPOS + "unknown-importer/", null).status()).isEqualTo(404);
  }

  @Test
  void invalidDistributorConfigGets400WithThePluginMessageAndLeavesNothing() throws Exception {
    JsonNode before = repositories();
    Reply reply =
        server.call(
            "POST",
            REPOS,
            """
            {"id": "bad-distributor", "importer_type_id": "echo_importer",
             "distributors": [{"distributor_type_id": "echo_distributor",
                               "distributor_config": {"colour": "red"}}]}
            """);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("PLP0000");
    assertThat(reply.json().at("/error_message").asText())
        .isEqualTo("Unknown configuration key: colour");
    assertThat(reply.json().at("/error/data/config_keys/0").asText()).isEqualTo("colour");
    assertThat(server.call("GET", REPOS + "bad-distributor/", null).status()).isEqualTo(404);
    assertThat(repositories()).isEqualTo(before);
  }

  @Test
  void failingAddedHookStoresNothingAndUndoesHooksThatRan() throws Exception {
    EchoDistributor.EVENTS.clear();
    Reply reply =
        server.call(
            "POST",
            REPOS,
            """
            {"id": "hooked", "distributors": [
               {"distributor_type_id": "echo_distributor", "distributor_id": "one"},
               {"distributor_type_id": "echo_distributor", "distributor_id": "two",
                "distributor_config": {"fail_on_add": true, "relative_url": "elsewhere"}}]}
            """);

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.json().at("/error_message").asText()).contains("refused to be added");
    assertThat(server.call("GET", REPOS + "hooked/", null).status()).isEqualTo(404);
    assertThat(EchoDistributor.EVENTS).containsExactly("added:hooked", "removed:hooked");
  }

  @Test
  void relativeUrlTakenByAnotherRepositoryIsRefused() throws Exception {
    server.call("POST", REPOS, fullRepo("taken"));
    server.call("POST", REPOS, "{\"id\": \"other\"}");

    Reply reply =
        server.call(
            "POST",
            REPOS + "other/distributors/",
            "{\"distributor_type_id\": \"echo_distributor\","
                + " \"distributor_config\": {\"relative_url\": \"taken/web\"}}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error_message").asText())
        .isEqualTo("relative_url taken/web is already used by repository taken");
    assertThat(server.call("GET", REPOS + "other/distributors/", null).json()).isEmpty();
  }

  @Test
  void distributorAddUpdateAndRemove() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"distributed\"}");
    EchoDistributor.EVENTS.clear();

    Reply added =
        server.call(
            "POST",
            REPOS + "distributed/distributors/",
            "{\"distributor_type_id\": \"echo_distributor\", \"distributor_id\": \"web\","
                + " \"distributor_config\": {\"relative_url\": \"a\", \"serve_http\": false}}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.location()).isEqualTo(REPOS + "distributed/distributors/web/");

    Reply duplicate =
        server.call(
            "POST",
            REPOS + "distributed/distributors/",
            "{\"distributor_type_id\": \"echo_distributor\", \"distributor_id\": \"web\"}");
    assertThat(duplicate.status()).isEqualTo(409);

    JsonNode updated =
        server.awaitTask(
            server.call(
                "PUT",
                REPOS + "distributed/distributors/web/",
                "{\"distributor_config\": {\"relative_url\": null, \"serve_http\": true},"
                    + " \"delta\": {\"auto_publish\": true}}"));
    assertThat(updated.at("/state").asText()).isEqualTo("finished");
    assertThat(updated.at("/tags").toString())
        .contains("pulp:repository:distributed", "pulp:action:update_distributor");
    JsonNode config = updated.at("/result/config");
    assertThat(config.has("relative_url")).isFalse();
    assertThat(config.at("/serve_http").asBoolean()).isTrue();
    assertThat(updated.at("/result/auto_publish").asBoolean()).isTrue();

    Reply refused =
        server.call(
            "PUT",
            REPOS + "distributed/distributors/web/",
            "{\"distributor_config\": {\"bogus\": 1}}");
    assertThat(refused.status()).isEqualTo(400);
    JsonNode kept = server.call("GET", REPOS + "distributed/distributors/web/", null).json();
    assertThat(kept.at("/config").has("bogus")).isFalse();
    assertThat(kept.at("/config/serve_http").asBoolean()).isTrue();

    JsonNode removed =
        server.awaitTask(server.call("DELETE", REPOS + "distributed/distributors/web/", null));
    assertThat(removed.at("/state").asText()).isEqualTo("finished");
    assertThat(server.call("GET", REPOS + "distributed/distributors/web/", null).status())
        .isEqualTo(404);
    assertThat(EchoDistributor.EVENTS).containsExactly("added:distributed", "removed:distributed");
  }

  @Test
  void importerSetUpdateAndRemove() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"imported\"}");

    JsonNode set =
        server.awaitTask(
            server.call(
                "POST",
                REPOS + "imported/importers/",
                "{\"importer_type_id\": \"echo_importer\","
                    + " \"importer_config\": {\"notes_per_sync\": 2}}"));
    assertThat(set.at("/result/config/notes_per_sync").asInt()).isEqualTo(2);

    Reply unknown =
        server.call("POST", REPOS + "imported/importers/", "{\"importer_type_id\": \"nope\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("PLP1008");

    Reply invalid =
        server.call(
            "PUT",
            REPOS + "imported/importers/echo_importer/",
            "{\"importer_config\": {\"notes_per_sync\": \"many\"}}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().at("/error_message").asText()).contains("notes_per_sync");

    JsonNode cleared =
        server.awaitTask(
            server.call(
                "PUT",
                REPOS + "imported/importers/echo_importer/",
                "{\"importer_config\": {\"notes_per_sync\": null}}"));
    assertThat(cleared.at("/result/config").size()).isZero();

    assertThat(server.call("GET", REPOS + "imported/importers/other_importer/", null).status())
        .isEqualTo(404);
    server.awaitTask(server.call("DELETE", REPOS + "imported/importers/echo_importer/", null));
    assertThat(server.call("GET", REPOS + "imported/importers/", null).json()).isEmpty();
  }

  @Test
  void repositoryUpdateMergesNotesAndDeleteRemovesEverything() throws Exception {
    server.call("POST", REPOS, fullRepo("merged"));
    EchoDistributor.EVENTS.clear();

    Reply updated =
        server.call(
            "PUT",
            REPOS + "merged/",
            "{\"delta\": {\"display_name\": \"Zoo 2\", \"notes\": {\"team\": null, \"os\": \"el9\"}},"
                + " \"distributor_configs\": {\"mirror\": {\"serve_http\": false}}}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().at("/result/display_name").asText()).isEqualTo("Zoo 2");
    assertThat(updated.json().at("/result/notes").toString()).isEqualTo("{\"os\":\"el9\"}");
    assertThat(updated.json().at("/spawned_tasks")).isEmpty();
    assertThat(
            server
                .call("GET", REPOS + "merged/distributors/mirror/", null)
                .json()
                .at("/config/serve_http")
                .asBoolean())
        .isFalse();

    Reply refused =
        server.call(
            "PUT",
            REPOS + "merged/",
            "{\"delta\": {\"display_name\": \"never\"}, \"importer_config\": {\"x\": 1}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(server.call("GET", REPOS + "merged/", null).json().at("/display_name").asText())
        .isEqualTo("Zoo 2");

    JsonNode deleted = server.awaitTask(server.call("DELETE", REPOS + "merged/", null));
    assertThat(deleted.at("/state").asText()).isEqualTo("finished");
    assertThat(deleted.at("/tags").toString()).contains("pulp:action:delete");
    assertThat(server.call("GET", REPOS + "merged/", null).status()).isEqualTo(404);
    assertThat(server.call("GET", REPOS + "merged/distributors/", null).status()).isEqualTo(404);
    assertThat(EchoDistributor.EVENTS).containsExactly("removed:merged", "removed:merged");
  }

  @Test
  void missingRepositoryGets404NamingIt() throws Exception {
    Reply reply = server.call("GET", REPOS + "ghost/", null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("PLP0009");
    assertThat(reply.json().at("/resources/repository").asText()).isEqualTo("ghost");
    assertThat(reply.json().at("/error_message").asText()).contains("repository=ghost");
  }

  @Test
  void bodiesThatAreNotJsonObjectsGet400() throws Exception {
    Reply notJson = server.call("POST", REPOS, "{oops");
    Reply array = server.call("POST", REPOS, "[1, 2]");
    Reply wrongType = server.call("POST", REPOS, "{\"id\": \"x\", \"notes\": \"text\"}");

    assertThat(notJson.json().at("/error/code").asText()).isEqualTo("PLP1009");
    assertThat(array.json().at("/error/code").asText()).isEqualTo("PLP1015");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/property_names/0").asText()).isEqualTo("notes");
  }

  @Test
  void pluginsAreListed() throws Exception {
    JsonNode importers = server.call("GET", "/pulp/api/v2/plugins/importers/", null).json();
    JsonNode types = server.call("GET", "/pulp/api/v2/plugins/types/note/", null).json();

    assertThat(importers.findValuesAsText("id")).contains("echo_importer");
    assertThat(types.at("/unit_key/0").asText()).isEqualTo("title");
    assertThat(server.call("GET", "/pulp/api/v2/plugins/distributors/nope/", null).status())
        .isEqualTo(404);
    assertThat(server.call("GET", "/pulp/api/v2/nothing/here/", null).status()).isEqualTo(404);
  }
}
