package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Publishes a test repository with {@code yum_distributor} over HTTP, as the sync tests check. */
final class YumPublishing {
  private YumPublishing() {}

  /**
   * Publishes {@code content} under {@code pub} at {@code relativeUrl}; answers the served tree.
   */
  static Path publish(InMemoryContent content, Path pub, String relativeUrl) {
    YumDistributor distributor = distributor(pub);
    PublishReport published =
        distributor.publishRepo(
            content.repository(),
            content.publishConduit("web"),
            PluginCallConfiguration.of(Map.of("relative_url", relativeUrl, "http", true)));
    assertThat(published).as(published.toString()).isInstanceOf(PublishReport.Published.class);
    return pub.resolve("http/repos/" + relativeUrl);
  }

  /** A yum_distributor publishing under {@code pub}, its trees at {@code <pub>/http/repos/}. */
  static YumDistributor distributor(Path pub) {
    YumDistributor distributor = new YumDistributor();
    distributor.init(new Platform(pub, URI.create("http://d/"), URI.create("https://d/"), "CA"));
    return distributor;
  }
}
