package dev.depot.server.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Consumers, bindings, consumer history and consumer certificates over real sockets. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ConsumerApiTest {
  private static final String CONSUMERS = "/pulp/api/v2/consumers/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot server;

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(database, dir.resolve("server"));
    Reply repo =
        server.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "distributors": [
              {"distributor_type_id": "echo_distributor", "distributor_id": "web",
               "distributor_config": {"relative_url": "zoo/web"}},
              {"distributor_type_id": "echo_distributor", "distributor_id": "mirror",
               "distributor_config": {"relative_url": "zoo/mirror"}}]}
            """);
    assertThat(repo.status()).as(repo.body()).isEqualTo(201);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private JsonNode register(String id) throws Exception {
    Reply reply =
        server.call(
            "POST",
            CONSUMERS,
            "{\"id\": \"%s\", \"notes\": {\"site\": \"%s\"}}"
                .formatted(id, id.startsWith("a") ? "north" : "south"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private ConsumerClient as(JsonNode registration) throws Exception {
    return new ConsumerClient(
        server,
        dir.resolve("server/tls/ca.crt"),
        registration == null ? null : registration.at("/certificate").asText(),
        dir);
  }

  @Test
  void registrationIssuesACertificateAndRefusesBadIdsDuplicatesAndUnknownKeys() throws Exception {
    Reply created =
        server.call(
            "POST",
            CONSUMERS,
            "{\"id\": \"web01\", \"display_name\": \"Web 1\", \"notes\": {\"rack\": \"b7\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).isEqualTo(CONSUMERS + "web01/");
    JsonNode json = created.json();
    assertThat(json.at("/consumer/id").asText()).isEqualTo("web01");
    assertThat(json.at("/consumer/display_name").asText()).isEqualTo("Web 1");
    assertThat(json.at("/consumer/_ns").asText()).isEqualTo("consumers");
    assertThat(json.at("/certificate").asText())
        .contains("-----BEGIN PRIVATE KEY-----")
        .contains("-----BEGIN CERTIFICATE-----");
    assertThat(json.at("/server/ca_certificate").asText()).contains("BEGIN CERTIFICATE");
    assertThat(json.at("/server/https_url").asText()).startsWith("https://");

    assertThat(server.call("POST", CONSUMERS, "{\"id\": \"web01\"}").status()).isEqualTo(409);
    Reply badId = server.call("POST", CONSUMERS, "{\"id\": \"no/slash\"}");
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.json().at("/error/code").asText()).isEqualTo("PLP1003");
    assertThat(badId.location()).isNull();
    Reply unknown = server.call("POST", CONSUMERS, "{\"id\": \"x\", \"colour\": 1, \"size\": 2}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/property_names").toString()).contains("colour", "size");
    assertThat(server.call("POST", CONSUMERS, "{}").status()).isEqualTo(400);

    Reply updated =
        server.call(
            "PUT",
            CONSUMERS + "web01/",
            "{\"delta\": {\"description\": \"front\", \"notes\": {\"rack\": null, \"os\": \"el9\"}}}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().at("/description").asText()).isEqualTo("front");
    assertThat(updated.json().at("/notes").toString()).isEqualTo("{\"os\":\"el9\"}");
    assertThat(server.call("GET", CONSUMERS + "web01/", null).json().at("/notes/os").asText())
        .isEqualTo("el9");
    assertThat(server.call("GET", CONSUMERS + "nobody/", null).status()).isEqualTo(404);
  }

  @Test
  void searchFiltersSortsAndPages() throws Exception {
    for (String id : List.of("a1", "a2", "b1", "b2", "b3")) {
      register(id);
    }
    assertThat(server.call("GET", CONSUMERS, null).json()).hasSize(5);
    JsonNode south =
        server
            .call(
                "POST",
                CONSUMERS + "search/",
                """
                {"criteria": {"filters": {"notes.site": "south"},
                              "sort": [["id", "descending"]], "skip": 1, "limit": 1}}
                """)
            .json();
    assertThat(ids(south)).containsExactly("b2");
    JsonNode byId =
        server
            .call(
                "POST",
                CONSUMERS + "search/",
                "{\"criteria\": {\"filters\": {\"id\": {\"$in\": [\"a2\", \"b1\"]}}}}")
            .json();
    assertThat(ids(byId)).containsExactlyInAnyOrder("a2", "b1");
    assertThat(
            server
                .call("POST", CONSUMERS + "search/", "{\"criteria\": {\"filters\": {\"$bad\": 1}}}")
                .status())
        .isEqualTo(400);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(c -> ids.add(c.at("/id").asText()));
    return ids;
  }

  @Test
  void bindingsCarryTheDistributorsCurrentPayloadAndGoWithTheDistributor() throws Exception {
    register("web01");
    Reply bound =
        server.call(
            "POST",
            CONSUMERS + "web01/bindings/",
            "{\"repo_id\": \"zoo\", \"distributor_id\": \"web\", \"binding_config\": {\"a\": 1}}");
    assertThat(bound.status()).as(bound.body()).isEqualTo(200);
    assertThat(bound.json().at("/spawned_tasks")).isEmpty();
    assertThat(bound.json().at("/result/type_id").asText()).isEqualTo("echo_distributor");
    assertThat(bound.json().at("/result/details/relative_url").asText()).isEqualTo("zoo/web");
    assertThat(bound.json().at("/result/binding_config/a").asInt()).isEqualTo(1);
    server.call(
        "POST",
        CONSUMERS + "web01/bindings/",
        "{\"repo_id\": \"zoo\", \"distributor_id\": \"mirror\"}");

    Reply noRepo =
        server.call(
            "POST",
            CONSUMERS + "web01/bindings/",
            "{\"repo_id\": \"nope\", \"distributor_id\": \"web\"}");
    assertThat(noRepo.status()).isEqualTo(404);
    assertThat(noRepo.json().at("/resources/repository").asText()).isEqualTo("nope");
    Reply noDistributor =
        server.call(
            "POST",
            CONSUMERS + "web01/bindings/",
            "{\"repo_id\": \"zoo\", \"distributor_id\": \"gone\"}");
    assertThat(noDistributor.status()).isEqualTo(404);
    assertThat(noDistributor.json().at("/resources/distributor").asText()).isEqualTo("gone");
    assertThat(
            server
                .call(
                    "POST",
                    CONSUMERS + "ghost/bindings/",
                    "{\"repo_id\": \"zoo\", \"distributor_id\": \"web\"}")
                .status())
        .isEqualTo(404);
    Reply extra =
        server.call(
            "POST",
            CONSUMERS + "web01/bindings/",
            "{\"repo_id\": \"zoo\", \"distributor\": \"web\"}");
    assertThat(extra.status()).isEqualTo(400);

    assertThat(server.call("GET", CONSUMERS + "web01/bindings/", null).json()).hasSize(2);
    assertThat(server.call("GET", CONSUMERS + "web01/?bindings=true", null).json().at("/bindings"))
        .hasSize(2);
    assertThat(server.call("GET", CONSUMERS + "web01/", null).json().has("bindings")).isFalse();
    assertThat(server.call("GET", CONSUMERS + "?details=true", null).json().at("/0/bindings"))
        .hasSize(2);
    assertThat(server.call("GET", CONSUMERS + "web01/bindings/zoo/", null).json()).hasSize(2);
    assertThat(server.call("GET", "/pulp/api/v2/repositories/zoo/bindings/", null).json())
        .hasSize(2);
    JsonNode one = server.call("GET", CONSUMERS + "web01/bindings/zoo/web/", null).json();
    assertThat(one.at("/_href").asText()).isEqualTo(CONSUMERS + "web01/bindings/zoo/web/");
    assertThat(one.at("/deleted").asBoolean()).isFalse();

    // The payload follows the distributor's config as it is now.
    server.awaitTask(
        server.call(
            "PUT",
            "/pulp/api/v2/repositories/zoo/distributors/web/",
            "{\"distributor_config\": {\"relative_url\": \"zoo/moved\"}}"));
    assertThat(
            server
                .call("GET", CONSUMERS + "web01/bindings/zoo/web/", null)
                .json()
                .at("/details/relative_url")
                .asText())
        .isEqualTo("zoo/moved");

    JsonNode removed =
        server.awaitTask(
            server.call("DELETE", "/pulp/api/v2/repositories/zoo/distributors/mirror/", null));
    assertThat(removed.at("/state").asText()).isEqualTo("finished");
    assertThat(server.call("GET", CONSUMERS + "web01/bindings/zoo/mirror/", null).status())
        .isEqualTo(404);
    JsonNode unbound =
        server.call("GET", CONSUMERS + "web01/history/?event_type=repo_unbound", null).json();
    assertThat(unbound).hasSize(1);
    assertThat(unbound.get(0).at("/details/distributor_id").asText()).isEqualTo("mirror");
    assertThat(unbound.get(0).at("/originator").asText()).isEqualTo("SYSTEM");

    server.awaitTask(server.call("DELETE", "/pulp/api/v2/repositories/zoo/", null));
    assertThat(server.call("GET", CONSUMERS + "web01/bindings/", null).json()).isEmpty();
    assertThat(
            server.call("GET", CONSUMERS + "web01/history/?event_type=repo_unbound", null).json())
        .hasSize(2);
  }

  @Test
  void aConsumerCertificateReachesOnlyThatConsumersOwnPaths() throws Exception {
    JsonNode first = register("first");
    JsonNode second = register("second");
    ConsumerClient one = as(first);
    ConsumerClient two = as(second);

    assertThat(one.send("GET", CONSUMERS + "first/", null).status()).isEqualTo(200);
    Reply bound =
        one.send(
            "POST",
            CONSUMERS + "first/bindings/",
            "{\"repo_id\": \"zoo\", \"distributor_id\": \"web\"}");
    assertThat(bound.status()).as(bound.body()).isEqualTo(200);
    assertThat(one.send("GET", CONSUMERS + "first/bindings/zoo/web/", null).status())
        .isEqualTo(200);
    assertThat(one.send("GET", CONSUMERS + "first/history/", null).status()).isEqualTo(200);

    for (String[] call :
        new String[][] {
          {"GET", CONSUMERS + "first/bindings/"},
          {"GET", CONSUMERS + "first/"},
          {"DELETE", CONSUMERS + "first/bindings/zoo/web/"},
          {"POST", CONSUMERS + "first/bindings/"},
          {"GET", CONSUMERS},
          {"GET", "/pulp/api/v2/repositories/"},
          {"GET", "/pulp/api/v2/tasks/"},
          {"DELETE", CONSUMERS + "first/"},
          {"PUT", CONSUMERS + "first/"},
          {"GET", "/pulp/api/v2/events/"}
        }) {
      Reply refused =
          two.send(
              call[0],
              call[1],
              call[0].equals("POST")
                  ? "{\"repo_id\": \"zoo\", \"distributor_id\": \"web\"}"
                  : null);
      assertThat(refused.status()).as(call[0] + " " + call[1]).isEqualTo(403);
      assertThat(refused.json().at("/error/code").asText()).isEqualTo("PLP0026");
      assertThat(refused.json().at("/http_status").asInt()).isEqualTo(403);
    }
    assertThat(server.call("GET", CONSUMERS + "first/bindings/", null).json()).hasSize(1);
    Reply renamed =
        one.send("PUT", CONSUMERS + "first/", "{\"delta\": {\"display_name\": \"First\"}}");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(server.call("GET", CONSUMERS + "first/", null).json().at("/display_name").asText())
        .isEqualTo("First");
    assertThat(as(null).send("GET", CONSUMERS + "first/", null).status()).isEqualTo(401);

    assertThat(one.send("DELETE", CONSUMERS + "first/bindings/zoo/web/", null).status())
        .isEqualTo(200);
    // A consumer unregisters itself with its own certificate, which then opens nothing.
    assertThat(one.send("DELETE", CONSUMERS + "first/", null).status()).isEqualTo(200);
    assertThat(server.call("GET", CONSUMERS + "first/", null).status()).isEqualTo(404);
    assertThat(one.send("GET", CONSUMERS + "first/", null).status()).isEqualTo(401);
    // Registering the same id again issues a new certificate; the old one stays refused.
    register("first");
    assertThat(one.send("GET", CONSUMERS + "first/", null).status()).isEqualTo(401);
    assertThat(two.send("GET", CONSUMERS + "second/", null).status()).isEqualTo(200);
  }

  @Test
  void historyListsEveryStepWithFiltersAndOutlivesTheConsumer() throws Exception {
    JsonNode registration = register("web01");
    ConsumerClient me = as(registration);
    Instant before = Instant.now().minusSeconds(1);
    me.send(
        "POST",
        CONSUMERS + "web01/bindings/",
        "{\"repo_id\": \"zoo\", \"distributor_id\": \"web\"}");
    me.send("DELETE", CONSUMERS + "web01/bindings/zoo/web/", null);
    server.call("DELETE", CONSUMERS + "web01/", null);

    JsonNode all = server.call("GET", CONSUMERS + "web01/history/?sort=ascending", null).json();
    assertThat(types(all))
        .containsExactly("registered", "repo_bound", "repo_unbound", "unregistered");
    assertThat(all.get(0).at("/originator").asText()).isEqualTo("admin");
    assertThat(all.get(1).at("/originator").asText()).isEqualTo("web01");
    assertThat(all.get(1).at("/details/repo_id").asText()).isEqualTo("zoo");
    assertThat(all.get(1).at("/consumer_id").asText()).isEqualTo("web01");
    assertThat(all.get(1).at("/timestamp").asText()).endsWith("Z");

    assertThat(types(server.call("GET", CONSUMERS + "web01/history/", null).json()).getFirst())
        .isEqualTo("unregistered");
    assertThat(
            types(
                server
                    .call("GET", CONSUMERS + "web01/history/?event_type=repo_bound", null)
                    .json()))
        .containsExactly("repo_bound");
    assertThat(server.call("GET", CONSUMERS + "web01/history/?limit=2", null).json()).hasSize(2);
    assertThat(server.call("GET", CONSUMERS + "web01/history/?start_date=" + before, null).json())
        .hasSize(4);
    assertThat(
            server
                .call("GET", CONSUMERS + "web01/history/?end_date=2000-01-01T00:00:00Z", null)
                .json())
        .isEmpty();
    assertThat(server.call("GET", CONSUMERS + "web01/history/?event_type=bogus", null).status())
        .isEqualTo(400);
    assertThat(server.call("GET", CONSUMERS + "web01/history/?sort=sideways", null).status())
        .isEqualTo(400);
    assertThat(server.call("GET", CONSUMERS + "never/history/", null).status()).isEqualTo(404);
  }

  private static List<String> types(JsonNode list) {
    List<String> types = new ArrayList<>();
    list.forEach(e -> types.add(e.at("/type").asText()));
    return types;
  }
}
