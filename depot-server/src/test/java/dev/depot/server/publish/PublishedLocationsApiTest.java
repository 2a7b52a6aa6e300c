package dev.depot.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.example.ClaimingDistributors;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where distributors publish, over real HTTP on H2 and PostgreSQL: the platform refuses a served
 * path another distributor of any type already serves, records where each publish can be reached,
 * shows it in the distributor's JSON and hands it to sibling distributors and consumer payloads.
 * The two types ({@code shelf_distributor}, {@code crate_distributor}) are test plugins that both
 * serve under {@code /pulp/shared/}. One server per database serves every test (a server per test
 * was most of the class's time); each test's repositories and paths are its own.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class PublishedLocationsApiTest {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  private static final AtomicInteger TESTS = new AtomicInteger();

  @Parameter TestDatabase database;
  @TempDir static Path dir;
  static Path data;
  static RunningDepot server;

  // Each test's repositories, and the directory its relative URLs are under: the server is shared.
  final String n = String.format("%03d", TESTS.incrementAndGet());
  final String zoo = "zoo" + n;
  final String farm = "farm" + n;
  final String top = "t" + n;

  @BeforeParameterizedClassInvocation
  static void start(TestDatabase database) throws Exception {
    data = Files.createDirectories(dir.resolve(database.name()));
    server = RunningDepot.start(database, data);
  }

  @AfterParameterizedClassInvocation
  static void stop() throws Exception {
    server.close();
  }

  private Reply addDistributor(String repo, String type, String id, String config)
      throws Exception {
    return server.call(
        "POST",
        REPOS + repo + "/distributors/",
        "{\"distributor_type_id\": \""
            + type
            + "\", \"distributor_id\": \""
            + id
            + "\", \"distributor_config\": "
            + config
            + "}");
  }

  private JsonNode publish(String repo, String distributorId) throws Exception {
    return server.awaitTask(
        server.call(
            "POST", REPOS + repo + "/actions/publish/", "{\"id\": \"" + distributorId + "\"}"));
  }

  private JsonNode distributor(String repo, String id) throws Exception {
    return server.call("GET", REPOS + repo + "/distributors/" + id + "/", null).json();
  }

  /**
   * A removed-hook that throws an Error (a plugin built against another SDK) neither fails the
   * committed delete nor, kept and retried, blocks every later repository create.
   */
  @Test
  void aRemovedHookThrowingAnErrorBlocksNothing() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    assertThat(
            addDistributor(zoo, "shelf_distributor", "web", "{\"removed_error\": true}").status())
        .isEqualTo(201);

    JsonNode deleted = server.awaitTask(server.call("DELETE", REPOS + zoo + "/", null));
    assertThat(deleted.at("/state").asText()).as(deleted.toString()).isEqualTo("finished");
    assertThat(server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}").status()).isEqualTo(201);
    assertThat(server.call("POST", REPOS, "{\"id\": \"" + farm + "\"}").status()).isEqualTo(201);
  }

  /**
   * A deleted repository leaves no empty {@code master/<type>/<repo>} directory behind, while
   * another repository's trees of the same type stay.
   */
  @Test
  void aDeletedRepositoryLeavesNoDirectoryInTheMasterTree() throws Exception {
    for (String repo : List.of(zoo, farm)) {
      server.call("POST", REPOS, "{\"id\": \"" + repo + "\"}");
      assertThat(
              addDistributor(
                      repo, "shelf_distributor", "web", "{\"relative_url\": \"" + repo + "\"}")
                  .status())
          .isEqualTo(201);
      assertThat(publish(repo, "web").at("/state").asText()).isEqualTo("finished");
    }
    Path shelves = data.resolve("published").resolve("master").resolve("shelf_distributor");
    assertThat(shelves.resolve(zoo).resolve("web")).isDirectory();

    JsonNode deleted = server.awaitTask(server.call("DELETE", REPOS + zoo + "/", null));
    assertThat(deleted.at("/state").asText()).as(deleted.toString()).isEqualTo("finished");
    assertThat(shelves.resolve(zoo)).doesNotExist();
    assertThat(shelves.resolve(farm).resolve("web").resolve("published.txt")).hasContent(farm);
  }

  @Test
  void pathServedByAnotherTypeInAnotherRepositoryIsRefusedNamingRelativeUrl() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    server.call("POST", REPOS, "{\"id\": \"" + farm + "\"}");
    assertThat(
            addDistributor(
                    zoo, "shelf_distributor", "web", "{\"relative_url\": \"" + top + "/a/b\"}")
                .status())
        .isEqualTo(201);

    Reply parent =
        addDistributor(farm, "crate_distributor", "web", "{\"relative_url\": \"" + top + "/a\"}");
    Reply equal =
        addDistributor(farm, "crate_distributor", "web", "{\"relative_url\": \"" + top + "/a/b\"}");
    Reply nested =
        addDistributor(
            farm, "crate_distributor", "web", "{\"relative_url\": \"" + top + "/a/b/c\"}");

    Map<String, Reply> refusals = Map.of("a", parent, "a/b", equal, "a/b/c", nested);
    for (Map.Entry<String, Reply> typed : refusals.entrySet()) {
      Reply refused = typed.getValue();
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().at("/http_status").asInt()).isEqualTo(400);
      // The relative_url as the user typed it, not the path below /pulp/ with the type's prefix.
      assertThat(refused.json().at("/error_message").asText())
          .startsWith("relative_url " + top + "/" + typed.getKey() + " conflicts with")
          .contains("distributor web (shelf_distributor) of repository " + zoo)
          .contains("/pulp/shared/" + top + "/a/b/");
      assertThat(refused.json().at("/error/data/property_names/0").asText())
          .isEqualTo("distributor_config");
    }
    assertThat(server.call("GET", REPOS + farm + "/distributors/", null).json()).isEmpty();
    assertThat(
            addDistributor(
                    farm, "crate_distributor", "web", "{\"relative_url\": \"" + top + "/a/bc\"}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void aPublishOverrideIsHeldToTheRulesOfTheConfigItMakes() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    server.call("POST", REPOS, "{\"id\": \"" + farm + "\"}");
    addDistributor(zoo, "shelf_distributor", "web", "{\"relative_url\": \"" + top + "/a/b\"}");
    addDistributor(farm, "crate_distributor", "web", "{\"relative_url\": \"" + top + "/a/bc\"}");
    String override = "\"override_config\": {\"relative_url\": \"" + top + "/a/b\"}";

    Reply now =
        server.call(
            "POST", REPOS + farm + "/actions/publish/", "{\"id\": \"web\", " + override + "}");
    Reply scheduled =
        server.call(
            "POST",
            REPOS + farm + "/distributors/web/schedules/publish/",
            "{\"schedule\": \"PT1H\", " + override + "}");

    for (Reply refused : new Reply[] {now, scheduled}) {
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().at("/error_message").asText())
          .startsWith("relative_url ")
          .contains("of repository " + zoo);
      assertThat(refused.json().at("/error/data/property_names/0").asText())
          .isEqualTo("override_config");
    }
    // A publish queued with such an override some other way (a schedule made before overrides were
    // checked) is checked again when it runs: it fails, publishing nothing.
    String queued =
        server
            .depot()
            .queue()
            .enqueue(
                dev.depot.server.publish.PublishOperation.task(
                    farm, "web", java.util.Map.of("relative_url", top + "/a/b")))
            .taskId();
    JsonNode ran = server.awaitTask(queued);
    assertThat(ran.at("/state").asText()).isEqualTo("error");
    assertThat(ran.toString()).contains("relative_url").contains("of repository " + zoo);
    // An override the config takes still publishes.
    JsonNode task =
        server.awaitTask(
            server.call(
                "POST",
                REPOS + farm + "/actions/publish/",
                "{\"id\": \"web\", \"override_config\": {\"relative_url\": \""
                    + top
                    + "/a/bd\"}}"));
    assertThat(task.at("/state").asText()).isEqualTo("finished");
  }

  @Test
  void forceFullIsThePlatformsOverrideForADistributorWithoutSuchAKey() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + farm + "\"}");
    addDistributor(farm, "crate_distributor", "web", "{\"relative_url\": \"" + top + "/crates\"}");
    assertThat(
            server
                .awaitTask(
                    server.call("POST", REPOS + farm + "/actions/publish/", "{\"id\": \"web\"}"))
                .at("/state")
                .asText())
        .isEqualTo("finished");

    JsonNode again =
        server.awaitTask(
            server.call(
                "POST",
                REPOS + farm + "/actions/publish/",
                "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}"));
    Reply notBoolean =
        server.call(
            "POST",
            REPOS + farm + "/actions/publish/",
            "{\"id\": \"web\", \"override_config\": {\"force_full\": \"sometimes\"}}");

    assertThat(again.at("/state").asText()).isEqualTo("finished"); // not skipped, not refused
    assertThat(notBoolean.status()).isEqualTo(400);
    assertThat(notBoolean.json().at("/error_message").asText()).contains("force_full");
  }

  @Test
  void defaultPathIsTheRepositoryIdAndCountsToo() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    server.call("POST", REPOS, "{\"id\": \"" + farm + "\"}");
    addDistributor(zoo, "shelf_distributor", "web", "{}");

    Reply refused =
        addDistributor(farm, "crate_distributor", "web", "{\"relative_url\": \"" + zoo + "\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error_message").asText())
        .startsWith("relative_url " + zoo + " conflicts");
  }

  @Test
  void twoTypesInOneRepositoryCannotShareAPathAndAnUpdateKeepsItsOwn() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    addDistributor(zoo, "shelf_distributor", "shelf", "{\"relative_url\": \"" + top + "/p\"}");
    assertThat(
            addDistributor(
                    zoo, "crate_distributor", "crate", "{\"relative_url\": \"" + top + "/p\"}")
                .status())
        .isEqualTo(400);
    addDistributor(zoo, "crate_distributor", "crate", "{\"relative_url\": \"" + top + "/q\"}");

    JsonNode same =
        server.awaitTask(
            server.call(
                "PUT",
                REPOS + zoo + "/distributors/shelf/",
                "{\"distributor_config\": {\"relative_url\": \"" + top + "/p\"}}"));
    Reply into =
        server.call(
            "PUT",
            REPOS + zoo + "/distributors/crate/",
            "{\"distributor_config\": {\"relative_url\": \"" + top + "/p/sub\"}}");

    assertThat(same.at("/state").asText()).isEqualTo("finished");
    assertThat(into.status()).isEqualTo(400);
    assertThat(into.json().at("/error_message").asText())
        .contains("distributor shelf (shelf_distributor) of repository " + zoo);
    assertThat(distributor(zoo, "crate").at("/config/relative_url").asText()).isEqualTo(top + "/q");
  }

  @Test
  void aRepositoryCreatedWithTwoTypesOnOnePathIsRefusedWhole() throws Exception {
    Reply refused =
        server.call(
            "POST",
            REPOS,
            """
            {"id": "ZOO", "distributors": [
              {"distributor_type_id": "shelf_distributor", "distributor_id": "a",
               "distributor_config": {"relative_url": "TOP/x"}},
              {"distributor_type_id": "crate_distributor", "distributor_id": "b",
               "distributor_config": {"relative_url": "TOP/x/y"}}]}
            """
                .replace("ZOO", zoo)
                .replace("TOP", top));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error_message").asText())
        .contains("distributor a (shelf_distributor) of repository " + zoo);
    assertThat(server.call("GET", REPOS + zoo + "/", null).status()).isEqualTo(404);
  }

  @Test
  void twoConcurrentClaimsOfOnePathByTwoTypesLeaveOneWinner() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    server.call("POST", REPOS, "{\"id\": \"" + farm + "\"}");
    ClaimingDistributors.PEERS.set(new CountDownLatch(2));
    ClaimingDistributors.PEERS_MET.set(false);
    String config =
        "{\"relative_url\": \"" + top + "/same\", \"await_peer\": true, \"claim_millis\": 300}";

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Reply> shelf =
          pool.submit(() -> addDistributor(zoo, "shelf_distributor", "web", config));
      Future<Reply> crate =
          pool.submit(() -> addDistributor(farm, "crate_distributor", "web", config));
      List<Integer> statuses = List.of(shelf.get().status(), crate.get().status());

      // Both validations ran at once, so both checks raced for the path.
      assertThat(ClaimingDistributors.PEERS_MET).isTrue();
      assertThat(statuses).containsExactlyInAnyOrder(201, 400);
    }
    long added =
        server.call("GET", REPOS + zoo + "/distributors/", null).json().size()
            + server.call("GET", REPOS + farm + "/distributors/", null).json().size();
    assertThat(added).isEqualTo(1);
  }

  @Test
  void publishRecordsWhereItCanBeReachedAndTheContentServerServesIt() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    addDistributor(zoo, "shelf_distributor", "web", "{\"relative_url\": \"" + zoo + "/web\"}");
    assertThat(distributor(zoo, "web").at("/published_locations").isNull()).isTrue();

    JsonNode task = publish(zoo, "web");

    assertThat(task.at("/state").asText()).isEqualTo("finished");
    JsonNode locations = distributor(zoo, "web").at("/published_locations");
    assertThat(locations).hasSize(1);
    assertThat(locations.at("/0/protocol").asText()).isEqualTo("http");
    assertThat(locations.at("/0/served_path").asText()).isEqualTo("/pulp/shared/" + zoo + "/web/");
    Path tree = Path.of(locations.at("/0/tree_path").asText());
    assertThat(tree.resolve("index.txt")).hasContent("shelf_distributor");
    Reply served =
        server.send("GET", locations.at("/0/served_path").asText() + "index.txt", null, null);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.body()).isEqualTo("shelf_distributor");
    JsonNode listed = server.call("GET", REPOS + zoo + "/?distributors=true", null).json();
    assertThat(listed.at("/distributors/0/published_locations/0/served_path").asText())
        .isEqualTo("/pulp/shared/" + zoo + "/web/");
    JsonNode searched =
        server
            .call(
                "POST",
                "/pulp/api/v2/distributors/search/",
                "{\"criteria\": {\"filters\": {\"repo_id\": \""
                    + zoo
                    + "\"}, \"fields\": [\"id\", \"published_locations\"]}}")
            .json();
    assertThat(searched).hasSize(1);
    assertThat(searched.at("/0/published_locations/0/tree_path").asText())
        .isEqualTo(tree.toString());
  }

  @Test
  void aDistributorReadsWhereItsSiblingPublished() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"" + zoo + "\"}");
    addDistributor(zoo, "shelf_distributor", "web", "{\"relative_url\": \"" + zoo + "/web\"}");
    addDistributor(
        zoo,
        "crate_distributor",
        "copy",
        "{\"relative_url\": \"" + zoo + "/copy\", \"copy_of\": \"web\"}");
    publish(zoo, "web");
    String webTree = distributor(zoo, "web").at("/published_locations/0/tree_path").asText();

    publish(zoo, "copy");

    Reply copy = server.send("GET", "/pulp/shared/" + zoo + "/copy/index.txt", null, null);
    assertThat(copy.body()).isEqualTo("[http /pulp/shared/" + zoo + "/web/ " + webTree + "]");
  }
}
