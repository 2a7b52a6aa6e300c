package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depot webserver-config} reads only the data directory, and with {@code --from-server} also
 * where the server says each distributor published (a real HTTP server plays the API).
 */
class WebserverConfigFromServerTest {
  @TempDir Path dir;
  HttpServer api;
  final AtomicReference<String> searched = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (api != null) {
      api.stop(0);
    }
  }

  /**
   * An API whose distributor search answers with one distributor published at {@code tree}, with no
   * repository group.
   */
  private String serve(Path tree) throws Exception {
    return serve(tree, "[]", "[]");
  }

  /** As {@link #serve(Path)}, with the groups and group "all"'s distributors given. */
  private String serve(Path tree, String groups, String groupDistributors) throws Exception {
    String answer =
        """
        [{"id": "web", "repo_id": "zoo", "distributor_type_id": "iso_distributor",
          "published_locations": [
            {"protocol": "https", "served_path": "/pulp/isos/zoo/", "tree_path": "%s"},
            {"protocol": "rsync", "served_path": "host:/srv/zoo", "tree_path": null}]},
         {"id": "never", "repo_id": "zoo", "distributor_type_id": "iso_distributor",
          "published_locations": null}]
        """
            .formatted(tree);
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/pulp/api/v2/distributors/search/",
        exchange -> {
          searched.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    answer(api, "/pulp/api/v2/repo_groups/", groups);
    answer(api, "/pulp/api/v2/repo_groups/all/distributors/", groupDistributors);
    api.start();
    return "http://127.0.0.1:" + api.getAddress().getPort() + "/";
  }

  private static void answer(HttpServer api, String path, String json) {
    api.createContext(
        path,
        exchange -> {
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
  }

  private record Run(int code, String out, String err) {}

  private Run run(String url, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "webserver-config";
    all[1] = "nginx";
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        DepotCli.run(
            all,
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of(
                "DEPOT_DATA_DIR",
                dir.resolve("data").toString(),
                "DEPOT_URL",
                url,
                "DEPOT_PASSWORD",
                "secret"));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void withoutTheServerTheConfigComesFromTheDataDirectoryAlone() {
    Run run = run("http://127.0.0.1:1/");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("alias " + dir.resolve("data/published/https") + "/;");
    assertThat(run.out()).doesNotContain("recorded");
  }

  @Test
  void fromServerListsWhereEachDistributorPublished() throws Exception {
    String url = serve(dir.resolve("data/published/https/isos/zoo"));

    Run run = run(url, "--from-server");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(searched.get()).contains("published_locations");
    assertThat(run.out())
        .contains("#   https /pulp/isos/zoo/  (repository zoo, distributor web, iso_distributor)")
        .doesNotContain("host:/srv/zoo")
        .contains("alias " + dir.resolve("data/published/https") + "/;");
  }

  @Test
  void fromServerListsWhereARepositoryGroupsDistributorPublishedToo() throws Exception {
    String url =
        serve(
            dir.resolve("data/published/https/isos/zoo"),
            "[{\"id\": \"all\", \"repo_ids\": [\"zoo\"]}]",
            """
            [{"id": "dvd", "repo_group_id": "all", "distributor_type_id": "group_export_distributor",
              "published_locations": [{"protocol": "http",
                "served_path": "/pulp/exports/repo_group/all/", "tree_path": "%s"}]}]
            """
                .formatted(dir.resolve("data/published/http/exports/repo_group/all")));

    Run run = run(url, "--from-server");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("#   https /pulp/isos/zoo/  (repository zoo, distributor web, iso_distributor)")
        .contains(
            "#   http /pulp/exports/repo_group/all/  (repository group all, distributor dvd,"
                + " group_export_distributor)");
  }

  @Test
  void fromServerRefusesADataDirectoryThatIsNotTheServers() throws Exception {
    String url = serve(Path.of("/elsewhere/published/https/isos/zoo"));

    Run run = run(url, "--from-server");

    assertThat(run.code()).isNotZero();
    assertThat(run.err())
        .contains("distributor web of repository zoo serves /pulp/isos/zoo/")
        .contains("--data-dir");
    assertThat(run.out()).doesNotContain("server {");
  }
}
