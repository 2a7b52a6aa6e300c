package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.testkit.InMemoryContent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iso distributor tells the platform where it publishes: the paths its config claims (so
 * another type cannot take them) and the locations a publish really serves. Its consumer payload
 * keeps following the config, as Pulp's does.
 */
class IsoPublishedLocationsTest {
  @TempDir Path dir;

  private IsoDistributor distributor() {
    IsoDistributor distributor = new IsoDistributor();
    distributor.init(
        new Platform(
            dir.resolve("published"),
            URI.create("http://depot.example:8080/"),
            URI.create("https://depot.example:8443/"),
            "CA"));
    return distributor;
  }

  @Test
  void claimsItsRelativeUrlBelowIsos() {
    assertThat(
            distributor()
                .servedPaths(Repository.named("zoo"), PluginCallConfiguration.of(Map.of())))
        .containsExactly(new ServedPath("relative_url", "isos/zoo", "zoo"));
    assertThat(
            distributor()
                .servedPaths(
                    Repository.named("zoo"),
                    PluginCallConfiguration.of(Map.of("relative_url", "el9/x86_64/"))))
        .containsExactly(new ServedPath("relative_url", "isos/el9/x86_64", "el9/x86_64/"));
    assertThat(
            distributor()
                .servedPaths(
                    Repository.named("zoo"),
                    PluginCallConfiguration.of(Map.of("relative_url", "../up"))))
        .isEmpty();
  }

  @Test
  void aPublishReportsEachProtocolItServesWithTheTreeOnDisk() throws Exception {
    PublishReport report =
        distributor()
            .publishRepo(
                Repository.named("zoo"),
                InMemoryContent.under(dir.resolve("content"), "zoo").publishConduit("web"),
                PluginCallConfiguration.of(Map.of("serve_http", true, "relative_url", "a/b")));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    List<PublishedLocation> locations = ((PublishReport.Published) report).locations();
    assertThat(locations)
        .extracting(PublishedLocation::protocol, PublishedLocation::servedPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http", "/pulp/isos/a/b/"),
            org.assertj.core.groups.Tuple.tuple("https", "/pulp/isos/a/b/"));
    for (PublishedLocation location : locations) {
      assertThat(location.treePath().resolve("PULP_MANIFEST")).exists();
      assertThat(Files.isSymbolicLink(location.treePath())).isTrue();
    }
  }

  @Test
  void thePayloadFollowsTheCurrentConfigAsPulpsDoesNotTheLastPublish() {
    PublishedLocation served =
        new PublishedLocation("https", "/pulp/isos/old/", dir.resolve("published/https/isos/old"));

    Map<String, Object> payload =
        distributor()
            .createConsumerPayload(
                Repository.named("zoo"),
                PluginCallConfiguration.of(Map.of("relative_url", "new", "serve_http", true)),
                Map.of(),
                List.of(served));

    assertThat(payload)
        .containsEntry("relative_path", "/pulp/isos/new/")
        .containsEntry("protocols", List.of("http", "https"))
        .containsEntry(
            "urls",
            Map.of(
                "http", "http://depot.example:8080/pulp/isos/new/",
                "https", "https://depot.example:8443/pulp/isos/new/"))
        .containsEntry("ca_cert", "CA");
  }
}
