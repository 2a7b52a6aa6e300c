package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.depot.cli.DepotCli;
import dev.depot.server.db.Json;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A consumer as a new user meets it: registered with the CLI, bound to an HTTPS-only file
 * repository, fetching and verifying it with the CA the bind wrote; another consumer's certificate
 * refused by real curl; unbind and unregister cleaning up; history listing every step. And an HTTP
 * event listener hearing an iso publish.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ConsumerEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;
  final Map<String, byte[]> files = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    files.put("alpha.iso", "alpha contents\n".repeat(100).getBytes(StandardCharsets.UTF_8));
    files.put("images/beta.img", "beta".repeat(5000).getBytes(StandardCharsets.UTF_8));
    Path feed = FileContentEndToEndTest.feed(dir.resolve("feed"), files, null);
    FileContentEndToEndTest.createRepo(depot, "zoo", feed.toUri().toString(), "{}");
    FileContentEndToEndTest.sync(depot, "zoo");
    assertThat(FileContentEndToEndTest.publish(depot, "zoo").at("/state").asText())
        .isEqualTo("finished");
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return Json.mapper().readTree(out);
    }
  }

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("DEPOT_URL", depot.baseUrl(), "DEPOT_PASSWORD", RunningDepot.PASSWORD));
    return new Run(code, out.toString(), err.toString());
  }

  private String api(String path) {
    return "https://localhost:" + depot.depot().httpsPort() + "/pulp/api/v2/" + path;
  }

  /** Real curl over HTTPS with a consumer's certificate bundle, trusting the CA it was given. */
  private Curl.Result curlAs(Path root, String method, String path, String body) throws Exception {
    Path pki = root.resolve("etc/pki/depot/consumer");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--cacert", pki.resolve("server-ca.pem").toString(),
                "--cert", pki.resolve("consumer-cert.pem").toString(),
                "--key", pki.resolve("consumer-cert.pem").toString(),
                "-X", method));
    if (body != null) {
      args.addAll(List.of("-H", "Content-Type: application/json", "--data", body));
    }
    args.add(api(path));
    return Curl.run(args.toArray(String[]::new));
  }

  @Test
  void aConsumerRegistersBindsFetchesAndCleansUp() throws Exception {
    Path root = dir.resolve("machine1");
    Run registered =
        cli(
            "consumer",
            "register",
            "--id",
            "web01",
            "--note",
            "site=north",
            "--root",
            root.toString());
    assertThat(registered.code()).as(registered.err()).isZero();
    Path identity = root.resolve("etc/pki/depot/consumer/consumer-cert.pem");
    assertThat(Files.readString(identity)).contains("PRIVATE KEY").contains("CERTIFICATE");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(identity)))
        .isEqualTo("rw-------");
    assertThat(registered.out()).doesNotContain("PRIVATE KEY");

    Run bound = cli("consumer", "bind", "zoo", "web", "--root", root.toString());
    assertThat(bound.code()).as(bound.err()).isZero();
    Path conf = root.resolve("etc/depot/repos.d/zoo.conf");
    Path ca = root.resolve("etc/depot/repos.d/zoo-ca.pem");
    JsonNode written = Json.mapper().readTree(Files.readString(conf));
    assertThat(written.at("/protocols").toString()).isEqualTo("[\"https\"]");
    assertThat(written.at("/urls/https").asText()).endsWith("/pulp/isos/zoo/");
    assertThat(written.at("/urls").has("http")).isFalse();
    assertThat(written.at("/ca_cert").asText()).isEqualTo(ca.toString());
    assertThat(Files.readString(ca)).contains("BEGIN CERTIFICATE");

    Path dest = dir.resolve("fetched");
    Run fetched =
        cli("consumer", "fetch", "zoo", "--dest", dest.toString(), "--root", root.toString());
    assertThat(fetched.code()).as(fetched.err()).isZero();
    assertThat(fetched.out()).contains("Fetched 2 files");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertThat(dest.resolve(file.getKey())).hasBinaryContent(file.getValue());
    }
    // The written config works for any client: real curl with just the written CA.
    Curl.Result viaCurl =
        Curl.run("--cacert", ca.toString(), written.at("/urls/https").asText() + "alpha.iso");
    assertThat(viaCurl.body()).isEqualTo(files.get("alpha.iso"));

    // The distributor now serves HTTP too: the next read of the binding says so.
    depot.awaitTask(
        depot.call(
            "PUT",
            "/pulp/api/v2/repositories/zoo/distributors/web/",
            "{\"distributor_config\": {\"serve_http\": true}}"));
    Curl.Result binding = curlAs(root, "GET", "consumers/web01/bindings/zoo/web/", null);
    assertThat(binding.status()).as(binding.text()).isEqualTo(200);
    JsonNode details = Json.mapper().readTree(binding.text()).at("/details");
    assertThat(details.at("/protocols").toString()).isEqualTo("[\"http\",\"https\"]");
    assertThat(details.at("/urls/http").asText()).startsWith("http://");
    assertThat(cli("consumer", "bind", "zoo", "web", "--root", root.toString()).code()).isZero();
    assertThat(Json.mapper().readTree(Files.readString(conf)).at("/urls").has("http")).isTrue();

    // A second consumer cannot read or change the first one's bindings, nor reach the admin API.
    Path other = dir.resolve("machine2");
    assertThat(cli("consumer", "register", "--id", "web02", "--root", other.toString()).code())
        .isZero();
    String bind = "{\"repo_id\": \"zoo\", \"distributor_id\": \"web\"}";
    assertThat(curlAs(other, "GET", "consumers/web01/bindings/", null).status()).isEqualTo(403);
    assertThat(curlAs(other, "GET", "consumers/web01/bindings/zoo/web/", null).status())
        .isEqualTo(403);
    assertThat(curlAs(other, "POST", "consumers/web01/bindings/", bind).status()).isEqualTo(403);
    assertThat(curlAs(other, "DELETE", "consumers/web01/bindings/zoo/web/", null).status())
        .isEqualTo(403);
    Curl.Result admin = curlAs(other, "GET", "repositories/", null);
    assertThat(admin.status()).isEqualTo(403);
    assertThat(Json.mapper().readTree(admin.text()).at("/error/code").asText())
        .isEqualTo("PLP0026");
    assertThat(curlAs(other, "GET", "consumers/web02/bindings/", null).status()).isEqualTo(200);
    assertThat(depot.call("GET", "/pulp/api/v2/consumers/web01/bindings/", null).json()).hasSize(1);
    Run shown = cli("consumer", "show", "web01");
    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("web01").contains("zoo").contains("iso_distributor");

    Run unbound = cli("consumer", "unbind", "zoo", "web", "--root", root.toString());
    assertThat(unbound.code()).as(unbound.err()).isZero();
    assertThat(conf).doesNotExist();
    assertThat(ca).doesNotExist();
    assertThat(depot.call("GET", "/pulp/api/v2/consumers/web01/bindings/", null).json()).isEmpty();

    Path oldIdentity = dir.resolve("old-identity");
    Files.createDirectories(oldIdentity);
    Files.copy(identity, oldIdentity.resolve("consumer-cert.pem"));
    Files.copy(
        root.resolve("etc/pki/depot/consumer/server-ca.pem"), oldIdentity.resolve("server-ca.pem"));
    Run unregistered = cli("consumer", "unregister", "--root", root.toString());
    assertThat(unregistered.code()).as(unregistered.err()).isZero();
    assertThat(identity).doesNotExist();
    assertThat(root.resolve("etc/depot/consumer.conf")).doesNotExist();
    assertThat(
            Curl.run(
                    "--cacert",
                    oldIdentity.resolve("server-ca.pem").toString(),
                    "--cert",
                    oldIdentity.resolve("consumer-cert.pem").toString(),
                    "--key",
                    oldIdentity.resolve("consumer-cert.pem").toString(),
                    api("consumers/web01/"))
                .status())
        .isEqualTo(401);

    Run history = cli("--json", "consumer", "history", "web01", "--sort", "ascending");
    assertThat(history.code()).as(history.err()).isZero();
    List<String> types = new ArrayList<>();
    history.json().forEach(e -> types.add(e.at("/type").asText()));
    assertThat(types)
        .containsExactly("registered", "repo_bound", "repo_bound", "repo_unbound", "unregistered");
    Run bindsOnly =
        cli("--json", "consumer", "history", "web01", "--event-type", "repo_bound", "--limit", "1");
    assertThat(bindsOnly.json()).hasSize(1);
    assertThat(bindsOnly.json().get(0).at("/originator").asText()).isEqualTo("web01");
    Run table = cli("consumer", "history", "web01");
    assertThat(table.out()).contains("TIMESTAMP").contains("repo_unbound").contains("admin");
    assertThat(cli("consumer", "list").out()).contains("web02").doesNotContain("web01");
    Run found = cli("consumer", "search", "--filter", "{\"id\": {\"$regex\": \"^web\"}}");
    assertThat(found.code()).as(found.err()).isZero();
    assertThat(found.out()).contains("web02").doesNotContain("web01");
  }

  /** The CLI on a machine that holds no admin password: only the consumer's certificate. */
  private Run cliWithoutPassword(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            args, new PrintWriter(out), new PrintWriter(err), Map.of("DEPOT_URL", depot.baseUrl()));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aConsumerUpdatesAndUnregistersItselfByItsCertificateAndTouchesNoOtherConsumer()
      throws Exception {
    Path first = dir.resolve("machine1");
    Path second = dir.resolve("machine2");
    assertThat(cli("consumer", "register", "--id", "web01", "--root", first.toString()).code())
        .isZero();
    assertThat(
            cli(
                    "consumer",
                    "register",
                    "--id",
                    "web02",
                    "--note",
                    "site=north",
                    "--root",
                    second.toString())
                .code())
        .isZero();

    Run updated =
        cliWithoutPassword(
            "consumer",
            "update",
            "--display-name",
            "Web two",
            "--note",
            "site=south",
            "--root",
            second.toString());
    Curl.Result otherPut =
        curlAs(second, "PUT", "consumers/web01/", "{\"delta\": {\"display_name\": \"mine\"}}");
    Curl.Result otherDelete = curlAs(second, "DELETE", "consumers/web01/", null);

    assertThat(updated.code()).as(updated.err()).isZero();
    JsonNode web02 = depot.call("GET", "/pulp/api/v2/consumers/web02/", null).json();
    assertThat(web02.at("/display_name").asText()).isEqualTo("Web two");
    assertThat(web02.at("/notes/site").asText()).isEqualTo("south");
    assertThat(otherPut.status()).isEqualTo(403);
    assertThat(otherDelete.status()).isEqualTo(403);
    JsonNode web01 = depot.call("GET", "/pulp/api/v2/consumers/web01/", null).json();
    assertThat(web01.at("/display_name").asText()).isEqualTo("web01");

    Run unregistered = cliWithoutPassword("consumer", "unregister", "--root", second.toString());

    assertThat(unregistered.code()).as(unregistered.err()).isZero();
    assertThat(depot.call("GET", "/pulp/api/v2/consumers/web02/", null).status()).isEqualTo(404);
    assertThat(depot.call("GET", "/pulp/api/v2/consumers/web01/", null).status()).isEqualTo(200);
    Run history = cli("--json", "consumer", "history", "web02", "--event-type", "unregistered");
    assertThat(history.json().get(0).at("/originator").asText()).isEqualTo("web02");
  }

  @Test
  void aMachineWhoseConsumerWasUnregisteredIsToldSoNotAskedForAPassword() throws Exception {
    Path machine = dir.resolve("machine");
    assertThat(cli("consumer", "register", "--id", "web01", "--root", machine.toString()).code())
        .isZero();
    // The admin unregisters web01 (or registers the id again elsewhere): the certificate is void.
    assertThat(depot.call("DELETE", "/pulp/api/v2/consumers/web01/", null).status()).isEqualTo(200);

    Run bind = cliWithoutPassword("consumer", "bind", "zoo", "web", "--root", machine.toString());

    assertThat(bind.code()).isEqualTo(1);
    assertThat(bind.err())
        .contains("HTTP 401", "consumer-cert.pem", "depot consumer register --id web01")
        .doesNotContain("password");

    // As the hint says: unregister (nothing left on the server) clears the machine's files, so
    // that register, which refuses while they remain, takes it again.
    Run unregistered = cliWithoutPassword("consumer", "unregister", "--root", machine.toString());
    assertThat(unregistered.code()).as(unregistered.err()).isZero();
    assertThat(unregistered.out()).contains("web01 was no longer registered");
    assertThat(machine.resolve("etc/depot/consumer.conf")).doesNotExist();
    assertThat(machine.resolve("etc/pki/depot/consumer/consumer-cert.pem")).doesNotExist();
    assertThat(cli("consumer", "register", "--id", "web01", "--root", machine.toString()).code())
        .isZero();
  }

  @Test
  void aRepositoryProtectedByTheServerCaOpensToItsConsumersCertificates() throws Exception {
    // Pulp's repo auth with consumer certificates: the server CA, which issues every consumer's
    // certificate, is the repository's ssl_auth_ca_cert.
    String serverCa = Files.readString(dir.resolve("server/tls/ca.crt"));
    JsonNode updated =
        depot.awaitTask(
            depot.call(
                "PUT",
                "/pulp/api/v2/repositories/zoo/distributors/web/",
                "{\"distributor_config\": {\"ssl_auth_ca_cert\": " + Json.write(serverCa) + "}}"));
    assertThat(updated.at("/state").asText()).as(updated.toString()).isEqualTo("finished");
    assertThat(FileContentEndToEndTest.publish(depot, "zoo").at("/state").asText())
        .isEqualTo("finished");
    Path root = dir.resolve("machine");
    assertThat(cli("consumer", "register", "--id", "m1", "--root", root.toString()).code())
        .isZero();
    assertThat(cli("consumer", "bind", "zoo", "web", "--root", root.toString()).code()).isZero();
    Path ca = root.resolve("etc/depot/repos.d/zoo-ca.pem");
    String url = "https://localhost:" + depot.depot().httpsPort() + "/pulp/isos/zoo/alpha.iso";

    Path dest = dir.resolve("fetched");
    Run fetched =
        cli("consumer", "fetch", "zoo", "--dest", dest.toString(), "--root", root.toString());

    assertThat(fetched.code()).as(fetched.err()).isZero();
    assertThat(dest.resolve("alpha.iso")).hasBinaryContent(files.get("alpha.iso"));
    assertThat(Curl.run("--cacert", ca.toString(), url).status()).isEqualTo(403);
    Path identity = root.resolve("etc/pki/depot/consumer/consumer-cert.pem");
    Curl.Result asConsumer =
        Curl.run(
            "--cacert",
            ca.toString(),
            "--cert",
            identity.toString(),
            "--key",
            identity.toString(),
            url);
    assertThat(asConsumer.body()).isEqualTo(files.get("alpha.iso"));
  }

  @Test
  void fetchRefusesAFileThatDoesNotMatchTheManifest() throws Exception {
    Path root = dir.resolve("machine");
    assertThat(cli("consumer", "register", "--id", "m1", "--root", root.toString()).code())
        .isZero();
    assertThat(cli("consumer", "bind", "zoo", "web", "--root", root.toString()).code()).isZero();
    // A mirror whose file does not match its manifest, behind the written config's URL.
    HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String manifest =
        "good.txt,"
            + FileContentEndToEndTest.sha256("good".getBytes())
            + ",4\n"
            + "bad.txt,"
            + FileContentEndToEndTest.sha256("expected".getBytes())
            + ",8\n";
    Map<String, String> bodies =
        Map.of("/PULP_MANIFEST", manifest, "/good.txt", "good", "/bad.txt", "tampered");
    liar.createContext(
        "/",
        exchange -> {
          byte[] body = bodies.get(exchange.getRequestURI().getPath()).getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    liar.start();
    try {
      Path conf = root.resolve("etc/depot/repos.d/zoo.conf");
      com.fasterxml.jackson.databind.node.ObjectNode config =
          (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(conf.toFile());
      config.set(
          "urls",
          Json.mapper()
              .createObjectNode()
              .put("http", "http://127.0.0.1:" + liar.getAddress().getPort() + "/"));
      Files.writeString(conf, config.toString());
      Path dest = dir.resolve("dest");
      Run fetched =
          cli("consumer", "fetch", "zoo", "--dest", dest.toString(), "--root", root.toString());
      assertThat(fetched.code()).isEqualTo(DepotCli.FAILED);
      assertThat(fetched.err()).contains("bad.txt does not match PULP_MANIFEST");
      assertThat(dest.resolve("good.txt")).hasContent("good");
      assertThat(dest.resolve("bad.txt")).doesNotExist();
      try (var left = Files.list(dest)) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactly("good.txt");
      }
    } finally {
      liar.stop(0);
    }
  }

  @Test
  void anHttpEventListenerHearsAnIsoPublish() throws Exception {
    List<JsonNode> heard = new CopyOnWriteArrayList<>();
    HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    listener.createContext(
        "/",
        exchange -> {
          heard.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    listener.start();
    try {
      TestApi.Reply created =
          depot.call(
              "POST",
              "/pulp/api/v2/events/",
              """
              {"notifier_type_id": "http", "event_types": ["repo.publish.start", "repo.publish.finish"],
               "notifier_config": {"url": "http://127.0.0.1:%d/events"}}
              """
                  .formatted(listener.getAddress().getPort()));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      JsonNode task =
          depot.awaitTask(
              depot.call(
                  "POST",
                  "/pulp/api/v2/repositories/zoo/actions/publish/",
                  "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (heard.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(heard.stream().map(e -> e.at("/event_type").asText()))
          .containsExactlyInAnyOrder("repo.publish.start", "repo.publish.finish");
      assertThat(heard)
          .allMatch(e -> e.at("/task_id").asText().equals(task.at("/task_id").asText()));
      assertThat(
              heard.stream()
                  .filter(e -> e.at("/event_type").asText().equals("repo.publish.finish"))
                  .findFirst()
                  .orElseThrow()
                  .at("/result/summary"))
          .isNotNull();
    } finally {
      listener.stop(0);
    }
  }

  /**
   * A machine's files for a repository are one binding's: binding a second distributor of the same
   * repository overwrote the first's, and unbinding it then took away the files the first binding,
   * still held on the server, needed. The second bind is refused before the server hears of it.
   */
  @Test
  void aSecondDistributorOfABoundRepositoryIsRefusedNotWrittenOverTheFirst() throws Exception {
    TestApi.Reply added =
        depot.call(
            "POST",
            "/pulp/api/v2/repositories/zoo/distributors/",
            "{\"distributor_type_id\": \"iso_distributor\", \"distributor_id\": \"web2\","
                + " \"distributor_config\": {\"serve_http\": true, \"serve_https\": false,"
                + " \"relative_url\": \"zoo-plain\"}}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    Path root = dir.resolve("machine1");
    assertThat(cli("consumer", "register", "--id", "m1", "--root", root.toString()).code())
        .isZero();
    assertThat(cli("consumer", "bind", "zoo", "web", "--root", root.toString()).code()).isZero();
    Path conf = root.resolve("etc/depot/repos.d/zoo.conf");
    String first = Files.readString(conf);

    Run second = cli("consumer", "bind", "zoo", "web2", "--root", root.toString());

    assertThat(second.code()).isNotZero();
    assertThat(second.err()).contains("through distributor web already", "unbind zoo web");
    assertThat(Files.readString(conf)).isEqualTo(first);
    assertThat(depot.call("GET", "/pulp/api/v2/consumers/m1/bindings/", null).json()).hasSize(1);
    assertThat(cli("consumer", "bind", "zoo", "web", "--root", root.toString()).code()).isZero();
    assertThat(cli("consumer", "unbind", "zoo", "web", "--root", root.toString()).code()).isZero();
    Run then = cli("consumer", "bind", "zoo", "web2", "--root", root.toString());
    assertThat(then.code()).as(then.err()).isZero();
    assertThat(Json.mapper().readTree(Files.readString(conf)).at("/distributor_id").asText())
        .isEqualTo("web2");
  }
}
