package dev.depot.dist;

import static dev.depot.dist.FileContentEndToEndTest.createRepo;
import static dev.depot.dist.FileContentEndToEndTest.feed;
import static dev.depot.dist.FileContentEndToEndTest.publish;
import static dev.depot.dist.FileContentEndToEndTest.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.cli.DepotCli;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An rsync distributor's {@code predistributor_id} must name a web distributor of its own
 * repository, of the type it pushes: one that names no distributor, or another type's (an export
 * distributor's images would be pushed as the mirror), is refused with a 400 naming the key when it
 * is added or updated, and nothing changes. A predistributor removed afterwards, or replaced by
 * another type's under its id, fails the push clearly, before any connection.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RsyncPredistributorEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;
  Path key;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    // Validation checks the key file is readable; every push here is refused before ssh runs.
    key = Files.writeString(dir.resolve("push_key"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private String pushConfig(String predistributorId) {
    return """
        {"predistributor_id": "%s", "remote": {"host": "127.0.0.1", "port": 1,
         "auth_type": "publickey", "ssh_user": "pulp", "ssh_identity_file": "%s",
         "root": "/srv/mirror"}}"""
        .formatted(predistributorId, key);
  }

  private TestApi.Reply add(String repo, String type, String id, String config) throws Exception {
    return depot.call(
        "POST",
        "/pulp/api/v2/repositories/" + repo + "/distributors/",
        """
        {"distributor_id": "%s", "distributor_type_id": "%s", "distributor_config": %s}"""
            .formatted(id, type, config));
  }

  private static void assertRefusedNamingPredistributor(TestApi.Reply reply, String... says)
      throws Exception {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    JsonNode body = reply.json();
    assertThat(body.at("/http_status").asInt()).isEqualTo(400);
    assertThat(body.at("/error_message").asText()).contains(says);
    assertThat(body.at("/error/data/config_keys").toString()).contains("predistributor_id");
  }

  private JsonNode distributor(String repo, String id) throws Exception {
    return depot
        .call("GET", "/pulp/api/v2/repositories/" + repo + "/distributors/" + id + "/", null)
        .json();
  }

  private void createTyped(String repo, String importer, String webType, String webConfig)
      throws Exception {
    TestApi.Reply created =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "%s", "importer_type_id": "%s", "distributors": [
              {"distributor_id": "web", "distributor_type_id": "%s",
               "distributor_config": %s},
              {"distributor_id": "media", "distributor_type_id": "export_distributor",
               "distributor_config": {"http": true, "https": false}}]}"""
                .formatted(repo, importer, webType, webConfig));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @Test
  void everyTypesRsyncDistributorRefusesAnotherTypesPredistributorWhenAdded() throws Exception {
    for (String[] type :
        new String[][] {
          {"zoo", "iso_importer", "iso_distributor", "iso_rsync_distributor", "{}"},
          {"forge", "puppet_importer", "puppet_distributor", "puppet_rsync_distributor", "{}"},
          {
            "el9",
            "yum_importer",
            "yum_distributor",
            "rpm_rsync_distributor",
            "{\"relative_url\": \"el9\"}"
          }
        }) {
      createTyped(type[0], type[1], type[2], type[4]);
      assertRefusedNamingPredistributor(
          add(type[0], type[3], "push", pushConfig("media")),
          "predistributor_id media is not",
          type[2] + " of repository " + type[0],
          "media is an export_distributor");
      assertRefusedNamingPredistributor(
          add(type[0], type[3], "push", pushConfig("wbe")), "has no distributor wbe");
      assertThat(distributor(type[0], "push").at("/http_status").asInt()).isEqualTo(404);
      TestApi.Reply added = add(type[0], type[3], "push", pushConfig("web"));
      assertThat(added.status()).as(added.body()).isEqualTo(201);
    }
  }

  @Test
  void anUpdateNamingNoDistributorIsRefusedAndKeepsTheConfig() throws Exception {
    createRepo(depot, "zoo", dir.resolve("feed").toUri().toString(), "{\"serve_http\": true}");
    assertThat(add("zoo", "iso_rsync_distributor", "push", pushConfig("web")).status())
        .isEqualTo(201);

    TestApi.Reply update =
        depot.call(
            "PUT",
            "/pulp/api/v2/repositories/zoo/distributors/push/",
            "{\"distributor_config\": {\"predistributor_id\": \"gone\"}}");

    assertRefusedNamingPredistributor(update, "has no distributor gone");
    assertThat(distributor("zoo", "push").at("/config/predistributor_id").asText())
        .isEqualTo("web");
    // The CLI says the same and exits non-zero.
    Run cli =
        cli("repo", "distributor", "update", "zoo", "push", "--option", "predistributor_id=push");
    assertThat(cli.code()).isNotZero();
    assertThat(cli.err() + cli.out())
        .contains("predistributor_id push is not an iso_distributor of repository zoo")
        .contains("push is this rsync distributor itself");
    assertThat(distributor("zoo", "push").at("/config/predistributor_id").asText())
        .isEqualTo("web");
  }

  @Test
  void aRepositoryCreatedWithItsWebAndRsyncDistributorsTogetherIsAccepted() throws Exception {
    TestApi.Reply created =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo", "importer_type_id": "iso_importer", "distributors": [
              {"distributor_id": "web", "distributor_type_id": "iso_distributor",
               "distributor_config": {}},
              {"distributor_id": "push", "distributor_type_id": "iso_rsync_distributor",
               "distributor_config": %s}]}"""
                .formatted(pushConfig("web")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    TestApi.Reply refused =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/",
            """
            {"id": "zoo2", "importer_type_id": "iso_importer", "distributors": [
              {"distributor_id": "push", "distributor_type_id": "iso_rsync_distributor",
               "distributor_config": %s}]}"""
                .formatted(pushConfig("web")));
    assertRefusedNamingPredistributor(refused, "has no distributor web");
    assertThat(depot.call("GET", "/pulp/api/v2/repositories/zoo2/", null).status()).isEqualTo(404);
  }

  @Test
  void aPredistributorRemovedOrReplacedLaterFailsThePushClearly() throws Exception {
    Path feed =
        feed(
            dir.resolve("feed"), Map.of("a.iso", "alpha\n".getBytes(StandardCharsets.UTF_8)), null);
    createRepo(depot, "zoo", feed.toUri().toString(), "{\"serve_http\": true}");
    assertThat(add("zoo", "iso_rsync_distributor", "push", pushConfig("web")).status())
        .isEqualTo(201);
    assertThat(sync(depot, "zoo").at("/state").asText()).isEqualTo("finished");
    assertThat(publish(depot, "zoo").at("/state").asText()).isEqualTo("finished");

    // Removing the predistributor is allowed (Pulp allows it): the push then says what is wrong.
    JsonNode removed =
        depot.awaitTask(
            depot.call("DELETE", "/pulp/api/v2/repositories/zoo/distributors/web/", null));
    assertThat(removed.at("/state").asText()).as(removed.toString()).isEqualTo("finished");
    Run gone = cli("repo", "publish", "zoo", "--distributor", "push");
    assertThat(gone.code()).isNotZero();
    assertThat(gone.err() + gone.out())
        .contains("predistributor_id web is not an iso_distributor of repository zoo")
        .contains("has no distributor web");

    // Another type's distributor under the same id: its tree is not pushed as the mirror.
    assertThat(
            add("zoo", "export_distributor", "web", "{\"http\": true, \"https\": false}").status())
        .isEqualTo(201);
    JsonNode replaced =
        depot.awaitTask(
            depot.call(
                "POST", "/pulp/api/v2/repositories/zoo/actions/publish/", "{\"id\": \"push\"}"));
    assertThat(replaced.at("/state").asText()).isEqualTo("error");
    assertThat(replaced.toString()).contains("web is an export_distributor");
  }

  private record Run(int code, String out, String err) {}

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env =
        Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD);
    int code = DepotCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(code, out.toString(), err.toString());
  }
}
