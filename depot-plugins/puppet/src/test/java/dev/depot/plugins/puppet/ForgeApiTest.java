package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.testkit.ContentApiServer;
import dev.depot.plugin.testkit.InMemoryContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Forge API over real HTTP, and real puppet installing through it. */
class ForgeApiTest {
  @TempDir Path dir;
  InMemoryContent content;
  PuppetDistributor distributor;
  Platform platform;
  ContentApiServer server;
  String forge;

  @BeforeEach
  void publishModules() throws Exception {
    content = InMemoryContent.under(dir.resolve("store"), "forge1");
    TestModules.upload(content, dir, "acme", "web", "1.0.0", "acme-base >= 1.0.0 < 2.0.0");
    TestModules.upload(content, dir, "acme", "web", "1.1.0", "acme-base >= 1.0.0 < 2.0.0");
    TestModules.upload(content, dir, "acme", "base", "1.4.0");
    TestModules.upload(content, dir, "zen", "tools", "0.1.0");
    platform = Platform.publishingUnder(dir.resolve("published"));
    distributor = new PuppetDistributor();
    distributor.init(platform);
    publish();
    server = ContentApiServer.start(new ForgeApi(), platform, "http", content.storeDir());
    forge = server.baseUrl() + "/repository/forge1";
  }

  private void publish() {
    assertThat(
            distributor.publishRepo(
                content.repository(),
                content.publishConduit("web"),
                PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(PublishReport.Published.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aModulesReleasesComeNewestFirstBySemanticVersion() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.10.0", "acme-base >= 1.0.0 < 2.0.0");
    publish();

    JsonNode page = get("/v3/releases?module=acme-web&sort_by=version");

    List<String> versions = new java.util.ArrayList<>();
    page.path("results").forEach(r -> versions.add(r.path("version").asText()));
    assertThat(versions).containsExactly("1.10.0", "1.1.0", "1.0.0");
  }

  @Test
  void aModuleTheRepositoryDoesNotHoldHasNoReleasesAndTheForgesPagination() throws Exception {
    JsonNode none = get("/v3/releases?module=acme-nosuch");

    assertThat(none.path("results")).isEmpty();
    assertThat(none.at("/pagination/first").asText()).isEqualTo("/v3/releases?module=acme-nosuch");
    assertThat(get("/v3/releases?module=acme-web").at("/pagination/first").asText())
        .isEqualTo("/v3/releases?module=acme-web");
  }

  @Test
  void aModuleIsFoundWhateverTheCaseOfItsAuthorAsTheForgeFindsIt() throws Exception {
    TestModules.upload(content, dir, "Kestrel", "lib", "1.0.0");
    publish();

    JsonNode page = get("/v3/releases?module=kestrel-lib");

    assertThat(slugs(page)).containsExactly("Kestrel-lib-1.0.0");
    assertThat(slugs(get("/v3/releases?module=ACME-web"))).hasSize(2);
    assertThat(get("/v3/modules/KESTREL-lib").at("/current_release/version").asText())
        .isEqualTo("1.0.0");
    assertThat(get("/v3/releases/kestrel-lib-1.0.0").path("slug").asText())
        .isEqualTo("Kestrel-lib-1.0.0");
    assertThat(get("/v3/releases?module=kestrel-nosuch").path("results")).isEmpty();
  }

  @Test
  void aModuleAskedForInAnotherCaseBeforeItWasPublishedIsFoundOnceItIs() throws Exception {
    assertThat(get("/v3/releases?module=kestrel-lib").path("results")).isEmpty();
    TestModules.upload(content, dir, "Kestrel", "lib", "1.0.0");

    // What the miss above listed must not hide the module from the trees published since.
    for (int publish = 0; publish < 2; publish++) {
      publish();
      assertThat(slugs(get("/v3/releases?module=kestrel-lib")))
          .containsExactly("Kestrel-lib-1.0.0");
    }
  }

  @Test
  void puppetInstallsAModuleAndItsDependencies() throws Exception {
    Path target = dir.resolve("modules");
    var run = new PuppetClient(dir.resolve("home")).install(forge, target, List.of(), "acme-web");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(target.resolve("web/metadata.json")).content().contains("\"version\":\"1.1.0\"");
    assertThat(target.resolve("base/manifests/init.pp")).hasContent("class base {}");
  }

  @Test
  void aVersionThatIsNotThereFailsWithPuppetsOwnMessage() throws Exception {
    var run =
        new PuppetClient(dir.resolve("home"))
            .install(forge, dir.resolve("modules"), List.of(), "acme-web", "--version", "9.9.9");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output())
        .contains("Could not install 'acme-web' (v9.9.9)")
        .contains("No releases matching '9.9.9' are available from " + forge);
  }

  @Test
  void listsByOwnerAndPagesTheWholeRepository() throws Exception {
    JsonNode owner = get("/v3/releases?owner=acme");
    assertThat(owner.path("results")).hasSize(3);
    // User names compare without case, as the Forge's do and Depot's importer's queries.
    assertThat(get("/v3/releases?owner=ACME").path("results")).hasSize(3);

    JsonNode first = get("/v3/releases?limit=2");
    // Paged by release, as the Forge pages: two of the four, and the total.
    assertThat(slugs(first)).containsExactly("acme-base-1.4.0", "acme-web-1.1.0");
    assertThat(first.at("/pagination/total").asLong()).isEqualTo(4);
    assertThat(first.at("/pagination/limit").asInt()).isEqualTo(2);
    assertThat(first.at("/pagination/previous").isNull()).isTrue();
    assertThat(first.path("pagination").path("next").asText())
        .isEqualTo("/v3/releases?limit=2&offset=2");
    JsonNode second = get(first.path("pagination").path("next").asText());
    assertThat(slugs(second)).containsExactly("acme-web-1.0.0", "zen-tools-0.1.0");
    assertThat(second.path("pagination").path("next").isNull()).isTrue();
    assertThat(second.at("/pagination/previous").asText())
        .isEqualTo("/v3/releases?limit=2&offset=0");
    // An offset inside a module's releases, and past the end.
    assertThat(slugs(get("/v3/releases?limit=1&offset=2"))).containsExactly("acme-web-1.0.0");
    JsonNode past = get("/v3/releases?offset=10");
    assertThat(past.path("results")).isEmpty();
    assertThat(past.at("/pagination/total").asLong()).isEqualTo(4);
  }

  @Test
  void anOwnersListingIsPagedByReleaseWithItsTotal() throws Exception {
    JsonNode first = get("/v3/releases?owner=acme&limit=2");

    assertThat(slugs(first)).containsExactly("acme-base-1.4.0", "acme-web-1.1.0");
    assertThat(first.at("/pagination/total").asLong()).isEqualTo(3);
    assertThat(first.at("/pagination/next").asText())
        .isEqualTo("/v3/releases?owner=acme&limit=2&offset=2");
    JsonNode second = get(first.at("/pagination/next").asText());
    assertThat(slugs(second)).containsExactly("acme-web-1.0.0");
    assertThat(second.at("/pagination/next").isNull()).isTrue();
  }

  @Test
  void aModulesReleasesArePagedWhenTheClientAsks() throws Exception {
    JsonNode first = get("/v3/releases?module=acme-web&limit=1");

    assertThat(slugs(first)).containsExactly("acme-web-1.1.0");
    assertThat(first.at("/pagination/limit").asInt()).isEqualTo(1);
    assertThat(first.at("/pagination/total").asLong()).isEqualTo(2);
    JsonNode second = get(first.at("/pagination/next").asText());
    assertThat(slugs(second)).containsExactly("acme-web-1.0.0");
    assertThat(second.at("/pagination/next").isNull()).isTrue();
    assertThat(get("/v3/releases?module=acme-nosuch").at("/pagination/total").asLong()).isZero();
  }

  @Test
  void searchesModulesByAuthorOrNameAndPagesThemByModule() throws Exception {
    JsonNode first = get("/v3/modules?query=ACME&limit=1");

    assertThat(slugs(first)).containsExactly("acme-base");
    assertThat(first.at("/pagination/total").asLong()).isEqualTo(2);
    assertThat(first.at("/results/0/owner/username").asText()).isEqualTo("acme");
    assertThat(first.at("/results/0/current_release/version").asText()).isEqualTo("1.4.0");
    assertThat(first.at("/pagination/next").asText())
        .isEqualTo("/v3/modules?query=ACME&limit=1&offset=1");
    JsonNode second = get(first.at("/pagination/next").asText());
    assertThat(slugs(second)).containsExactly("acme-web");
    assertThat(second.at("/results/0/current_release/version").asText()).isEqualTo("1.1.0");
    assertThat(second.at("/pagination/next").isNull()).isTrue();

    assertThat(slugs(get("/v3/modules?query=tool"))).containsExactly("zen-tools");
    assertThat(slugs(get("/v3/modules?query=acme/web"))).containsExactly("acme-web");
    assertThat(slugs(get("/v3/modules?query=e&owner=zen"))).containsExactly("zen-tools");
    assertThat(slugs(get("/v3/modules"))).containsExactly("acme-base", "acme-web", "zen-tools");
    JsonNode none = get("/v3/modules?query=nosuch");
    assertThat(none.path("results")).isEmpty();
    assertThat(none.at("/pagination/total").asLong()).isZero();
    assertThat(send(forge + "/v3/modules?query=acme&offset=x").statusCode()).isEqualTo(400);
  }

  @Test
  void pagingLinksKeepAQueryOrOwnerWithASpaceOrAnAmpersandOneValue() throws Exception {
    assertThat(get("/v3/modules?query=a%20%26b=c").at("/pagination/first").asText())
        .isEqualTo("/v3/modules?query=a+%26b%3Dc&limit=20&offset=0");
    assertThat(get("/v3/releases?owner=ac%26me%20x").at("/pagination/current").asText())
        .isEqualTo("/v3/releases?owner=ac%26me+x&limit=20&offset=0");
  }

  @Test
  void puppetsOwnForgeSearchFindsModulesAcrossPages() throws Exception {
    for (int i = 0; i < 21; i++) { // more than a page of the 20 puppet gets when it names no limit
      TestModules.upload(content, dir, "kestrel", "lib" + i, "1.0." + i);
    }
    publish();

    var run = new PuppetClient(dir.resolve("home")).search(forge, "lib");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().lines().filter(l -> l.startsWith("kestrel/lib")))
        .hasSize(21)
        .contains("kestrel/lib0 1.0.0", "kestrel/lib20 1.0.20");
    assertThat(run.output()).doesNotContain("acme/");
  }

  @Test
  void aTreePublishedWithoutTheIndexIsCountedFromItsPages() throws Exception {
    Path tree = PuppetDistributor.SERVED.typeRoot(platform, "http").resolve("forge1");
    java.nio.file.Files.delete(tree.resolve(ForgeIndex.PATH));

    JsonNode first = get("/v3/releases?limit=3");

    assertThat(slugs(first)).containsExactly("acme-base-1.4.0", "acme-web-1.1.0", "acme-web-1.0.0");
    assertThat(first.at("/pagination/total").asLong()).isEqualTo(4);
  }

  private static List<String> slugs(JsonNode page) {
    List<String> slugs = new java.util.ArrayList<>();
    page.path("results").forEach(r -> slugs.add(r.path("slug").asText()));
    return slugs;
  }

  @Test
  void pagingThatIsNoNumberIsRefusedNamingTheParameter() throws Exception {
    for (String query : List.of("limit=abc", "offset=-1", "limit=2&offset=1.5")) {
      HttpResponse<String> refused = send(forge + "/v3/releases?" + query);
      assertThat(refused.statusCode()).as(query).isEqualTo(400);
      assertThat(refused.body()).as(query).contains("must be a whole number");
    }
    assertThat(get("/v3/releases?limit=500").path("results")).hasSize(4); // brought to 100
  }

  @Test
  void answersPulpsV1ReleasesWithDependencies() throws Exception {
    JsonNode v1 = get("/api/v1/releases.json?module=acme/web&version=1.0.0");

    assertThat(v1.path("acme/web")).hasSize(1);
    assertThat(v1.path("acme/web").get(0).path("file").asText())
        .isEqualTo("/pulp/puppet/forge1/system/releases/a/acme/acme-web-1.0.0.tar.gz");
    assertThat(v1.path("acme/web").get(0).path("dependencies").get(0).get(0).asText())
        .isEqualTo("acme/base");
    assertThat(v1.path("acme/base").get(0).path("version").asText()).isEqualTo("1.4.0");
  }

  @Test
  void unknownRepositoriesAndFilesAnswer404WithAMessage() throws Exception {
    var missing = send(server.baseUrl() + "/repository/nosuch/v3/releases?module=acme-web");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("repository nosuch is not published over http");
    assertThat(send(forge + "/v3/files/acme-web-7.0.0.tar.gz").statusCode()).isEqualTo(404);
    assertThat(send(forge + "/v3/files/..%2F..%2Fmodules.json").statusCode()).isIn(400, 404);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(forge + path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ModuleRelease.JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(String url) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
