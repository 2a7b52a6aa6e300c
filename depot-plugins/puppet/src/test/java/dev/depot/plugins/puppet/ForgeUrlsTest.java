package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Forge URLs below a feed, resolved as puppet resolves them. */
class ForgeUrlsTest {
  private final ForgeUrls root = new ForgeUrls(URI.create("http://forge.test/"));
  private final ForgeUrls depot =
      new ForgeUrls(URI.create("http://depot.test/pulp_puppet/forge/repository/r1"));

  @Test
  void moduleTermsBecomeModuleFiltersAndFreeTextTheForgesSearch() {
    assertThat(root.releases(null)).hasToString("http://forge.test/v3/releases?limit=100");
    assertThat(root.releases("acme/web"))
        .hasToString("http://forge.test/v3/releases?module=acme-web&limit=100");
    assertThat(depot.search("stdlib"))
        .hasToString(
            "http://depot.test/pulp_puppet/forge/repository/r1/v3/modules?query=stdlib&limit=100");
    // Free text is any text: escaped, so a space or an & stays part of the term.
    assertThat(root.search("web & db"))
        .hasToString("http://forge.test/v3/modules?query=web+%26+db&limit=100");
  }

  @Test
  void apiPathsKeepTheFeedsPrefixOnce() {
    String prefixed = "http://depot.test/pulp_puppet/forge/repository/r1/v3/files/a-b-1.0.0.tar.gz";
    assertThat(depot.resolve("/v3/files/a-b-1.0.0.tar.gz")).hasToString(prefixed);
    assertThat(depot.resolve("/pulp_puppet/forge/repository/r1/v3/files/a-b-1.0.0.tar.gz"))
        .hasToString(prefixed);
    assertThat(root.resolve("/v3/releases?limit=3&offset=3"))
        .hasToString("http://forge.test/v3/releases?limit=3&offset=3");
    assertThat(root.resolve("https://cdn.test/x.tar.gz")).hasToString("https://cdn.test/x.tar.gz");
  }

  @Test
  void whichFeedsAreManifestDirectories() {
    assertThat(ModuleFeed.of("file:///srv/modules/").isManifestDirectory()).isTrue();
    assertThat(ModuleFeed.of("http://x.test/m/PULP_MANIFEST").isManifestDirectory()).isTrue();
    assertThat(ModuleFeed.of("http://x.test/m/PULP_MANIFEST").directory())
        .hasToString("http://x.test/m/");
    assertThat(ModuleFeed.of("http://x.test/m").isManifestDirectory()).isFalse();
    assertThat(ModuleFeed.of("http://x.test/m").manifest())
        .hasToString("http://x.test/m/PULP_MANIFEST");
  }
}
