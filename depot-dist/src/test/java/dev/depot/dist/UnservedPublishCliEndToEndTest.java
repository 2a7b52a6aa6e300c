package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A publish through a distributor whose config serves over neither HTTP nor HTTPS prints no URL:
 * {@code depot repo publish} says so plainly and names the keys that turn serving on, for every
 * type from its own config; following the advice serves the repository.
 */
class UnservedPublishCliEndToEndTest extends CliServerTest {
  @Test
  void aYumRepositoryServedNowhereSaysSoAndHowToServeIt() {
    server.succeed(
        "repo",
        "create",
        "el",
        "--importer",
        "yum_importer",
        "--distributor",
        "yum_distributor:web",
        "--distributor-option",
        "web.relative_url=el",
        "--distributor-option",
        "web.http=false",
        "--distributor-option",
        "web.https=false");

    String out = server.succeed("repo", "publish", "el").out();

    assertThat(out)
        .contains("published by web")
        .contains("not served over HTTP or HTTPS: distributor web has ")
        .contains("http=false", "https=false")
        .contains(
            "to serve it: depot repo distributor update el web --option https=true (or"
                + " http=true), then publish again")
        .doesNotContain("served over http");

    server.succeed("repo", "distributor", "update", "el", "web", "--option", "https=true");
    assertThat(server.succeed("repo", "publish", "el").out())
        .contains("served over https at")
        .doesNotContain("not served");
  }

  @Test
  void aPuppetRepositoryServedNowhereNamesItsOwnKeys() {
    server.succeed(
        "repo",
        "create",
        "forge",
        "--importer",
        "puppet_importer",
        "--distributor",
        "puppet_distributor:web",
        "--distributor-option",
        "web.serve_http=false",
        "--distributor-option",
        "web.serve_https=false");

    String out = server.succeed("repo", "publish", "forge").out();

    assertThat(out)
        .contains("not served over HTTP or HTTPS: distributor web has ")
        .contains("serve_http=false", "serve_https=false")
        .contains(
            "depot repo distributor update forge web --option serve_https=true (or"
                + " serve_http=true)");
  }

  @Test
  void aServedPublishSaysNothingOfTheKind() throws Exception {
    createServedYumRepository("el");

    assertThat(server.succeed("repo", "publish", "el").out())
        .contains("served over http at")
        .doesNotContain("not served");
  }
}
