package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code depot plugins show}: what a content type is keyed and searched on, what a plugin takes.
 */
class PluginsCliEndToEndTest extends CliServerTest {
  @Test
  void aUserLooksUpATypeAnImporterAndADistributor() throws Exception {
    assertThat(server.succeed("plugins", "show", "rpm").out())
        .contains("Type:            rpm\n")
        .contains("Unit key:        name, epoch, version, release, arch, checksumtype, checksum\n")
        .contains("Search indexes:  name, version, arch");
    assertThat(server.succeed("plugins", "show", "iso_importer").out())
        .isEqualTo(
            "Importer:        iso_importer\nName:            ISO Importer\nTypes:           iso\n");
    assertThat(server.succeed("--json", "plugins", "show", "yum_distributor").json().path("types"))
        .extracting(n -> n.asText())
        .contains("rpm", "erratum");
    // Where plugins answer HTTP beside their trees: what a fronting web server must proxy.
    assertThat(server.succeed("plugins", "list").out())
        .containsPattern("CONTENT API +SERVED BY\n")
        .containsPattern("/pulp_puppet/forge +dev.depot.plugins.puppet.ForgeApi\n");
    assertThat(server.succeed("--json", "plugins", "list").json().path("content_apis").toString())
        .contains("\"prefix\":\"/pulp_puppet/forge\"");
    CliServer.Run missing = server.run("plugins", "show", "rpmm");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no content type, importer or distributor rpmm");
  }
}
