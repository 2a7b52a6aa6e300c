package dev.depot.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Repository groups and consumer groups over real sockets, on both databases. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupApiTest {
  private static final String API = "/pulp/api/v2/";
  private static final String REPO_GROUPS = API + "repo_groups/";
  private static final String CONSUMER_GROUPS = API + "consumer_groups/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot server;

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(database, dir.resolve("server"));
    for (String id : List.of("alpha", "beta", "gamma")) {
      Reply repo =
          server.call(
              "POST",
              API + "repositories/",
              """
              {"id": "%s", "notes": {"tier": "%s"}, "distributors": [
                {"distributor_type_id": "echo_distributor", "distributor_id": "web",
                 "distributor_config": {"relative_url": "%s/web"}}]}
              """
                  .formatted(id, id.equals("gamma") ? "test" : "prod", id));
      assertThat(repo.status()).as(repo.body()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Reply ok(String method, String path, String body, int status) throws Exception {
    Reply reply = server.call(method, path, body);
    assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(status);
    return reply;
  }

  private static List<String> texts(JsonNode list) {
    List<String> result = new ArrayList<>();
    list.forEach(n -> result.add(n.asText()));
    return result;
  }

  @Test
  void repoGroupIsCreatedListedShownUpdatedAndDeleted() throws Exception {
    Reply created =
        ok(
            "POST",
            REPO_GROUPS,
            """
            {"id": "web", "display_name": "Web", "repo_ids": ["beta", "alpha"],
             "notes": {"owner": "ops"}}
            """,
            201);
    assertThat(created.location()).isEqualTo(REPO_GROUPS + "web/");
    JsonNode json = created.json();
    assertThat(json.at("/id").asText()).isEqualTo("web");
    assertThat(json.at("/display_name").asText()).isEqualTo("Web");
    assertThat(texts(json.at("/repo_ids"))).containsExactly("alpha", "beta");
    assertThat(json.at("/notes/owner").asText()).isEqualTo("ops");
    assertThat(json.at("/_ns").asText()).isEqualTo("repo_groups");
    assertThat(json.at("/_id/$oid").asText()).hasSize(24);
    ok("POST", REPO_GROUPS, "{\"id\": \"empty\"}", 201);

    JsonNode list = ok("GET", REPO_GROUPS, null, 200).json();
    assertThat(list).hasSize(2);
    assertThat(list.get(0).at("/id").asText()).isEqualTo("empty");
    assertThat(texts(list.get(1).at("/repo_ids"))).containsExactly("alpha", "beta");

    JsonNode updated =
        ok(
                "PUT",
                REPO_GROUPS + "web/",
                "{\"description\": \"front\", \"notes\": {\"owner\": null, \"site\": \"x\"}}",
                200)
            .json();
    assertThat(updated.at("/description").asText()).isEqualTo("front");
    assertThat(updated.at("/display_name").asText()).isEqualTo("Web");
    assertThat(updated.at("/notes").toString()).isEqualTo("{\"site\":\"x\"}");
    assertThat(ok("GET", REPO_GROUPS + "web/", null, 200).json().at("/description").asText())
        .isEqualTo("front");

    ok("DELETE", REPO_GROUPS + "web/", null, 200);
    ok("GET", REPO_GROUPS + "web/", null, 404);
    // The repositories stay.
    ok("GET", API + "repositories/alpha/", null, 200);
  }

  @Test
  void groupsAreSearchedWithPulpsCriteria() throws Exception {
    ok("POST", REPO_GROUPS, "{\"id\": \"web-prod\", \"notes\": {\"tier\": \"prod\"}}", 201);
    ok("POST", REPO_GROUPS, "{\"id\": \"web-test\", \"notes\": {\"tier\": \"test\"}}", 201);
    ok("POST", REPO_GROUPS, "{\"id\": \"db\", \"display_name\": \"Databases\"}", 201);
    ok("POST", CONSUMER_GROUPS, "{\"id\": \"lab\"}", 201);

    JsonNode byRegex =
        ok(
                "POST",
                REPO_GROUPS + "search/",
                "{\"criteria\": {\"filters\": {\"id\": {\"$regex\": \"^web\"}},"
                    + " \"sort\": [[\"id\", \"descending\"]]}}",
                200)
            .json();
    JsonNode byNote =
        ok("GET", REPO_GROUPS + "search/?filters=%7B%22notes.tier%22%3A%22prod%22%7D", null, 200)
            .json();
    JsonNode consumers = ok("POST", CONSUMER_GROUPS + "search/", "{\"criteria\": {}}", 200).json();
    Reply bad =
        ok(
            "POST",
            REPO_GROUPS + "search/",
            "{\"criteria\": {\"filters\": {\"colour\": \"red\"}}}",
            400);

    assertThat(texts(idsOf(byRegex))).containsExactly("web-test", "web-prod");
    assertThat(texts(idsOf(byNote))).containsExactly("web-prod");
    assertThat(texts(idsOf(consumers))).containsExactly("lab");
    assertThat(bad.body()).contains("colour");
  }

  private static JsonNode idsOf(JsonNode list) {
    com.fasterxml.jackson.databind.node.ArrayNode ids =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    list.forEach(g -> ids.add(g.path("id")));
    return ids;
  }

  @Test
  void repoGroupRefusesBadInputDuplicatesAndAnswersMissing() throws Exception {
    ok("POST", REPO_GROUPS, "{\"id\": \"web\"}", 201);
    assertThat(ok("POST", REPO_GROUPS, "{\"id\": \"web\"}", 409).body()).contains("web");

    Reply missingId = ok("POST", REPO_GROUPS, "{\"display_name\": \"x\"}", 400);
    assertThat(missingId.json().at("/missing_property_names").toString()).contains("id");
    Reply badId = ok("POST", REPO_GROUPS, "{\"id\": \"no/slash\"}", 400);
    assertThat(badId.json().at("/error/code").asText()).isEqualTo("PLP1003");
    Reply unknown = ok("POST", REPO_GROUPS, "{\"id\": \"x\", \"colour\": 1}", 400);
    assertThat(unknown.json().at("/property_names").toString()).contains("colour");
    Reply badIds = ok("POST", REPO_GROUPS, "{\"id\": \"x\", \"repo_ids\": \"alpha\"}", 400);
    assertThat(badIds.json().at("/property_names").toString()).contains("repo_ids");
    Reply badNotes = ok("POST", REPO_GROUPS, "{\"id\": \"x\", \"notes\": [1]}", 400);
    assertThat(badNotes.json().at("/property_names").toString()).contains("notes");

    // As in Pulp: repo_ids naming repositories that do not exist is a 404 listing them.
    Reply unknownRepos =
        ok(
            "POST",
            REPO_GROUPS,
            "{\"id\": \"x\", \"repo_ids\": [\"alpha\", \"nope\", \"zz\"]}",
            404);
    assertThat(unknownRepos.json().at("/resources/repositories").toString())
        .isEqualTo("[\"nope\",\"zz\"]");
    ok("GET", REPO_GROUPS + "x/", null, 404);

    ok("GET", REPO_GROUPS + "nothing/", null, 404);
    ok("PUT", REPO_GROUPS + "nothing/", "{\"description\": \"d\"}", 404);
    ok("DELETE", REPO_GROUPS + "nothing/", null, 404);
    ok("POST", REPO_GROUPS + "nothing/actions/associate/", "{\"criteria\": {}}", 404);
    Reply badUpdate = ok("PUT", REPO_GROUPS + "web/", "{\"delta\": {}}", 400);
    assertThat(badUpdate.json().at("/property_names").toString()).contains("delta");
  }

  @Test
  void repoGroupMembersChangeByCriteriaAndADeletedRepositoryLeaves() throws Exception {
    String associate = REPO_GROUPS + "web/actions/associate/";
    String unassociate = REPO_GROUPS + "web/actions/unassociate/";
    ok("POST", REPO_GROUPS, "{\"id\": \"web\"}", 201);
    ok("POST", REPO_GROUPS, "{\"id\": \"all\", \"repo_ids\": [\"alpha\", \"beta\"]}", 201);

    JsonNode after =
        ok(
                "POST",
                associate,
                "{\"criteria\": {\"filters\": {\"id\": {\"$in\": [\"alpha\", \"gamma\"]}}}}",
                200)
            .json();
    assertThat(texts(after)).containsExactly("alpha", "gamma");
    after = ok("POST", associate, "{\"criteria\": {\"filters\": {\"id\": \"beta\"}}}", 200).json();
    assertThat(texts(after)).containsExactly("alpha", "beta", "gamma");
    after =
        ok(
                "POST",
                unassociate,
                "{\"criteria\": {\"filters\": {\"id\": {\"$eq\": \"alpha\"}}}}",
                200)
            .json();
    assertThat(texts(after)).containsExactly("beta", "gamma");
    after =
        ok("POST", unassociate, "{\"criteria\": {\"filters\": {\"notes.tier\": \"test\"}}}", 200)
            .json();
    assertThat(texts(after)).containsExactly("beta");
    // Associating a member again changes nothing.
    after = ok("POST", associate, "{\"criteria\": {\"filters\": {\"id\": \"beta\"}}}", 200).json();
    assertThat(texts(after)).containsExactly("beta");

    Reply noCriteria = ok("POST", associate, "{}", 400);
    assertThat(noCriteria.json().at("/missing_property_names").toString()).contains("criteria");
    Reply badFilter =
        ok("POST", associate, "{\"criteria\": {\"filters\": {\"id\": {\"$bogus\": 1}}}}", 400);
    assertThat(badFilter.json().at("/property_names").toString()).contains("criteria");

    server.awaitTask(ok("DELETE", API + "repositories/beta/", null, 202));
    assertThat(texts(ok("GET", REPO_GROUPS + "web/", null, 200).json().at("/repo_ids"))).isEmpty();
    assertThat(texts(ok("GET", REPO_GROUPS + "all/", null, 200).json().at("/repo_ids")))
        .containsExactly("alpha");
  }

  private void register(String id) throws Exception {
    ok("POST", API + "consumers/", "{\"id\": \"%s\"}".formatted(id), 201);
  }

  @Test
  void consumerGroupIsCreatedUpdatedChangedByCriteriaAndDeleted() throws Exception {
    for (String id : List.of("c1", "c2", "c3")) {
      register(id);
    }
    JsonNode created =
        ok(
                "POST",
                CONSUMER_GROUPS,
                "{\"id\": \"lab\", \"consumer_ids\": [\"c1\"], \"notes\": {\"room\": \"4\"}}",
                201)
            .json();
    assertThat(texts(created.at("/consumer_ids"))).containsExactly("c1");
    assertThat(created.at("/_ns").asText()).isEqualTo("consumer_groups");
    assertThat(created.has("distributors")).isFalse();
    ok("POST", CONSUMER_GROUPS, "{\"id\": \"lab\"}", 409);
    Reply unknown =
        ok("POST", CONSUMER_GROUPS, "{\"id\": \"x\", \"consumer_ids\": [\"ghost\"]}", 404);
    assertThat(unknown.json().at("/resources/consumers").toString()).isEqualTo("[\"ghost\"]");
    ok("POST", CONSUMER_GROUPS, "{\"id\": \"x\", \"repo_ids\": []}", 400);

    JsonNode after =
        ok(
                "POST",
                CONSUMER_GROUPS + "lab/actions/associate/",
                "{\"criteria\": {\"filters\": {\"id\": {\"$in\": [\"c2\", \"c3\"]}}}}",
                200)
            .json();
    assertThat(texts(after)).containsExactly("c1", "c2", "c3");
    after =
        ok(
                "POST",
                CONSUMER_GROUPS + "lab/actions/unassociate/",
                "{\"criteria\": {\"filters\": {\"id\": \"c1\"}}}",
                200)
            .json();
    assertThat(texts(after)).containsExactly("c2", "c3");

    ok("DELETE", API + "consumers/c2/", null, 200);
    assertThat(texts(ok("GET", CONSUMER_GROUPS + "lab/", null, 200).json().at("/consumer_ids")))
        .containsExactly("c3");

    JsonNode updated =
        ok("PUT", CONSUMER_GROUPS + "lab/", "{\"display_name\": \"Lab\"}", 200).json();
    assertThat(updated.at("/display_name").asText()).isEqualTo("Lab");
    assertThat(updated.at("/notes/room").asText()).isEqualTo("4");
    assertThat(ok("GET", CONSUMER_GROUPS, null, 200).json()).hasSize(1);
    ok("DELETE", CONSUMER_GROUPS + "lab/", null, 200);
    ok("GET", CONSUMER_GROUPS + "lab/", null, 404);
    ok("GET", API + "consumers/c3/", null, 200);
  }

  @Test
  void consumerGroupBindReachesEveryMemberAndUnbindRemovesIt() throws Exception {
    for (String id : List.of("c1", "c2", "loner")) {
      register(id);
    }
    ok("POST", CONSUMER_GROUPS, "{\"id\": \"lab\", \"consumer_ids\": [\"c1\", \"c2\"]}", 201);
    String bindings = CONSUMER_GROUPS + "lab/bindings/";

    JsonNode report =
        ok(
                "POST",
                bindings,
                "{\"repo_id\": \"alpha\", \"distributor_id\": \"web\", \"notify_agent\": false}",
                200)
            .json();
    assertThat(report.at("/result")).hasSize(2);
    assertThat(report.at("/result/0/consumer_id").asText()).isEqualTo("c1");
    assertThat(report.at("/result/1/type_id").asText()).isEqualTo("echo_distributor");
    for (String member : List.of("c1", "c2")) {
      JsonNode bound = ok("GET", API + "consumers/" + member + "/bindings/", null, 200).json();
      assertThat(bound).hasSize(1);
      assertThat(bound.at("/0/repo_id").asText()).isEqualTo("alpha");
      assertThat(bound.at("/0/distributor_id").asText()).isEqualTo("web");
    }
    assertThat(ok("GET", API + "consumers/loner/bindings/", null, 200).json()).isEmpty();

    Reply unknownRepo =
        ok("POST", bindings, "{\"repo_id\": \"nope\", \"distributor_id\": \"web\"}", 400);
    assertThat(unknownRepo.json().at("/property_names").toString()).contains("repo_id");
    Reply unknownDistributor =
        ok("POST", bindings, "{\"repo_id\": \"alpha\", \"distributor_id\": \"nope\"}", 400);
    assertThat(unknownDistributor.json().at("/property_names").toString())
        .contains("distributor_id");
    Reply missingRepo = ok("POST", bindings, "{\"distributor_id\": \"web\"}", 400);
    assertThat(missingRepo.json().at("/missing_property_names").toString()).contains("repo_id");
    ok(
        "POST",
        CONSUMER_GROUPS + "nothing/bindings/",
        "{\"repo_id\": \"alpha\", \"distributor_id\": \"web\"}",
        404);

    ok("DELETE", bindings + "alpha/web/", null, 200);
    for (String member : List.of("c1", "c2")) {
      assertThat(ok("GET", API + "consumers/" + member + "/bindings/", null, 200).json()).isEmpty();
    }
    ok("DELETE", bindings + "nope/web/", null, 400);
    ok("DELETE", CONSUMER_GROUPS + "nothing/bindings/alpha/web/", null, 404);
  }
}
