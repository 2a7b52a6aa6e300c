package dev.depot.dist;

import static dev.depot.dist.FileContentEndToEndTest.createRepo;
import static dev.depot.dist.FileContentEndToEndTest.feed;
import static dev.depot.dist.FileContentEndToEndTest.publish;
import static dev.depot.dist.FileContentEndToEndTest.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.cli.DepotCli;
import dev.depot.plugin.testkit.LocalSshd;
import dev.depot.server.db.Json;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code iso_rsync_distributor} end to end: a repository synced and published over HTTP, then
 * pushed with the real rsync over ssh to a private sshd on 127.0.0.1, as a user would set it up
 * with the CLI; the remote tree must work on its own, and failures must say why without the key.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RsyncDistributorEndToEndTest {
  @TempDir static Path sshdDir;
  static LocalSshd sshd;

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;
  Path remote;
  final Map<String, byte[]> files = new LinkedHashMap<>();

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = LocalSshd.start(sshdDir.resolve("sshd"));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    remote = dir.resolve("remote");
    files.put("alpha.iso", "alpha contents\n".repeat(100).getBytes(StandardCharsets.UTF_8));
    files.put("images/beta.img", "beta".repeat(5000).getBytes(StandardCharsets.UTF_8));
    files.put("gamma.txt", "gamma\n".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private String remoteJson(int port, Path key) {
    return """
        {"host": "127.0.0.1", "port": %d, "auth_type": "publickey", "ssh_user": "%s",
         "ssh_identity_file": "%s", "root": "%s"}"""
        .formatted(port, LocalSshd.user(), key, remote);
  }

  private TestApi.Reply addPush(String repo, String id, String config) throws Exception {
    return depot.call(
        "POST",
        "/pulp/api/v2/repositories/" + repo + "/distributors/",
        """
        {"distributor_id": "%s", "distributor_type_id": "iso_rsync_distributor",
         "distributor_config": %s}"""
            .formatted(id, config));
  }

  private JsonNode push(String repo, String id) throws Exception {
    return depot.awaitTask(
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/" + repo + "/actions/publish/",
            "{\"id\": \"" + id + "\"}"));
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

  private void syncAndPublish(String repo) throws Exception {
    JsonNode synced = sync(depot, repo);
    assertThat(synced.at("/state").asText()).as(synced.toString()).isEqualTo("finished");
    JsonNode published = publish(depot, repo);
    assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");
  }

  @Test
  void pushesAWorkingMirrorThenOnlyWhatChangedAndDeletesWhatLeft() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "zoo", feed.toUri().toString(), "{\"serve_http\": true}");
    Run added =
        cli(
            "repo",
            "distributor",
            "add",
            "zoo",
            "--type",
            "iso_rsync_distributor",
            "--id",
            "push",
            "--option",
            "predistributor_id=web",
            "--config",
            "{\"remote\": " + remoteJson(sshd.port, sshd.clientKey) + "}");
    assertThat(added.code()).as(added.err()).isZero();
    syncAndPublish("zoo");

    Run pushed = cli("repo", "publish", "zoo", "--distributor", "push");
    assertThat(pushed.code()).as(pushed.err() + pushed.out()).isZero();
    Path tree = remote.resolve("zoo");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertThat(tree.resolve(file.getKey())).hasBinaryContent(file.getValue());
      assertThat(Files.readSymbolicLink(tree.resolve(file.getKey())).isAbsolute()).isFalse();
    }
    Curl.Result manifest =
        Curl.run("http://127.0.0.1:" + depot.depot().port() + "/pulp/isos/zoo/PULP_MANIFEST");
    assertThat(tree.resolve("PULP_MANIFEST")).hasBinaryContent(manifest.body());
    // The push records where it went, for consumers and users to read back.
    JsonNode where =
        depot
            .call("GET", "/pulp/api/v2/repositories/zoo/distributors/push/", null)
            .json()
            .at("/published_locations/0");
    assertThat(where.at("/protocol").asText()).isEqualTo("rsync");
    assertThat(where.at("/served_path").asText()).endsWith("@127.0.0.1:" + remote + "/zoo/");
    // ... and the CLI says it, as it says where an HTTP publish is served.
    assertThat(pushed.out()).contains("pushed over rsync to " + where.at("/served_path").asText());
    // A client can mirror the remote tree with rsync, links resolved.
    Path client = dir.resolve("client");
    Process copy =
        new ProcessBuilder("rsync", "-rL", tree + "/", client + "/")
            .redirectErrorStream(true)
            .start();
    assertThat(copy.waitFor()).isZero();
    assertThat(client.resolve("images/beta.img")).hasBinaryContent(files.get("images/beta.img"));

    // Nothing new from the web distributor: the platform skips the push.
    assertThat(push("zoo", "push").at("/state").asText()).isEqualTo("skipped");
    // The web distributor publishes again (unchanged): the push runs and sends nothing.
    publish(depot, "zoo");
    JsonNode again = push("zoo", "push");
    assertThat(again.at("/state").asText()).as(again.toString()).isEqualTo("finished");
    assertThat(again.at("/result/summary/units_sent").asLong()).isZero();
    assertThat(again.at("/result/summary/tree_sent").asLong()).isZero();

    files.put("delta.iso", "delta".getBytes(StandardCharsets.UTF_8));
    feed(dir.resolve("feed"), files, null);
    syncAndPublish("zoo");
    JsonNode one = push("zoo", "push");
    assertThat(one.at("/result/summary/units_sent").asLong()).as(one.toString()).isEqualTo(1);
    assertThat(one.at("/result/summary/tree_sent").asLong()).isEqualTo(2); // link + manifest
    assertThat(tree.resolve("delta.iso")).hasContent("delta");

    files.remove("gamma.txt");
    feed(dir.resolve("feed"), files, null);
    Files.delete(dir.resolve("feed/gamma.txt"));
    JsonNode mirrored =
        depot.awaitTask(
            depot.call(
                "POST",
                "/pulp/api/v2/repositories/zoo/actions/sync/",
                "{\"override_config\": {\"remove_missing_units\": true}}"));
    assertThat(mirrored.at("/result/removed_count").asLong()).isEqualTo(1);
    publish(depot, "zoo");
    assertThat(
            cli("repo", "distributor", "update", "zoo", "push", "--option", "delete=true").code())
        .isZero();
    JsonNode deleting = push("zoo", "push");
    assertThat(deleting.at("/result/summary/tree_deleted").asLong())
        .as(deleting.toString())
        .isEqualTo(1);
    assertThat(tree.resolve("gamma.txt")).doesNotExist();
    assertThat(tree.resolve("PULP_MANIFEST").toFile())
        .content()
        .doesNotContain("gamma.txt")
        .contains("delta.iso");

    Path state = dir.resolve("server/published/master/iso_rsync_distributor/zoo/push");
    assertThat(state).as("the distributor's push state").exists();
    JsonNode removed =
        depot.awaitTask(
            depot.call("DELETE", "/pulp/api/v2/repositories/zoo/distributors/push/", null));
    assertThat(removed.at("/state").asText()).as(removed.toString()).isEqualTo("finished");
    assertThat(state).as("forgotten with the distributor").doesNotExist();
    assertThat(tree.resolve("PULP_MANIFEST")).as("the remote copy stays").exists();
  }

  @Test
  void aRefusedConnectionABadKeyAndDangerousArgumentsAreRefusedClearly() throws Exception {
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "zoo", feed.toUri().toString(), "{}");

    TestApi.Reply dangerous =
        addPush(
            "zoo",
            "evil",
            "{\"predistributor_id\": \"web\", \"remote\": "
                + remoteJson(sshd.port, sshd.clientKey)
                + ", \"rsync_extra_args\": [\"-e\", \"sh -c 'touch /tmp/x'\"]}");
    assertThat(dangerous.status()).isEqualTo(400);
    assertThat(dangerous.body()).contains("rsync_extra_args").contains("-e");

    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String refusedConfig =
        "{\"predistributor_id\": \"web\", \"remote\": " + remoteJson(closed, sshd.clientKey) + "}";
    assertThat(addPush("zoo", "refused", refusedConfig).status()).isEqualTo(201);
    JsonNode early = push("zoo", "refused");
    assertThat(early.at("/state").asText()).isEqualTo("error");
    assertThat(early.toString()).contains("has not published repository zoo");

    syncAndPublish("zoo");
    Run viaCli = cli("repo", "publish", "zoo", "--distributor", "refused");
    assertThat(viaCli.code()).isNotZero();
    assertThat(viaCli.out() + viaCli.err()).contains("Connection refused");
    publish(depot, "zoo");
    JsonNode refused = push("zoo", "refused");
    assertThat(refused.at("/state").asText()).isEqualTo("error");
    assertThat(refused.toString()).contains("Connection refused");
    assertThat(refused.toString()).doesNotContain(sshd.clientKey.toString());

    String otherKey =
        "{\"predistributor_id\": \"web\", \"remote\": "
            + remoteJson(sshd.port, sshd.otherKey)
            + "}";
    assertThat(addPush("zoo", "stranger", otherKey).status()).isEqualTo(201);
    JsonNode denied = push("zoo", "stranger");
    assertThat(denied.at("/state").asText()).isEqualTo("error");
    String json = denied.toString();
    assertThat(json).contains("Permission denied");
    assertThat(json).doesNotContain(sshd.otherKey.toString());
    String key = Files.readString(sshd.otherKey);
    assertThat(json).doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
    JsonNode distributor =
        depot.call("GET", "/pulp/api/v2/repositories/zoo/distributors/stranger/", null).json();
    assertThat(Json.write(distributor)).doesNotContain("BEGIN OPENSSH");
    assertThat(distributor.at("/config/remote/ssh_identity_file").asText()).isEqualTo("*****");
    assertThat(distributor.at("/config/remote/host").asText()).isEqualTo("127.0.0.1");
    assertThat(remote.resolve("zoo")).doesNotExist();
  }

  @Test
  void cancellingAPushKillsRsyncAndEndsTheTaskCanceled() throws Exception {
    files.put("big.iso", new byte[3 << 20]);
    Path feed = feed(dir.resolve("feed"), files, null);
    createRepo(depot, "zoo", feed.toUri().toString(), "{}");
    String slow =
        "{\"predistributor_id\": \"web\", \"rsync_extra_args\": [\"--bwlimit=64\"], \"remote\": "
            + remoteJson(sshd.port, sshd.clientKey)
            + "}";
    assertThat(addPush("zoo", "slow", slow).status()).isEqualTo(201);
    syncAndPublish("zoo");

    String task =
        depot
            .call("POST", "/pulp/api/v2/repositories/zoo/actions/publish/", "{\"id\": \"slow\"}")
            .json()
            .at("/spawned_tasks/0/task_id")
            .asText();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (!depot
        .call("GET", "/pulp/api/v2/tasks/" + task + "/", null)
        .json()
        .at("/progress_report/slow/step")
        .asText()
        .equals("units")) {
      assertThat(System.nanoTime()).as("the push reaches its units step").isLessThan(deadline);
      Thread.sleep(50);
    }
    long cancelled = System.nanoTime();
    assertThat(depot.call("DELETE", "/pulp/api/v2/tasks/" + task + "/", null).status())
        .isEqualTo(200);
    JsonNode ended = depot.awaitTask(task);
    assertThat(ended.at("/state").asText()).as(ended.toString()).isEqualTo("canceled");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - cancelled))
        .isLessThan(java.time.Duration.ofSeconds(5));
  }
}
