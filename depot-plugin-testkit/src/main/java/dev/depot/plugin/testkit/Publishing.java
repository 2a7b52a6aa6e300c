package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The world {@link PublishContract} publishes in: an {@link InMemoryContent} repository, a publish
 * root beside its content store (one file system, so hard links work), and the calls the platform
 * makes around a publish.
 */
final class Publishing {
  static final List<String> PROTOCOLS = List.of("http", "https");
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

  final InMemoryContent content;
  final Platform platform;
  private final PublishContract contract;

  Publishing(PublishContract contract, Path dir) {
    this.contract = contract;
    this.content = InMemoryContent.under(dir, contract.repository().id());
    this.platform =
        new Platform(
            dir.resolve("publish").toAbsolutePath(),
            URI.create("http://depot.test/"),
            URI.create("https://depot.test/"),
            null);
  }

  /** The bytes of one version of a unit's file: different for every name and version. */
  static byte[] bytes(String name, int version) {
    return ("contract unit " + name + ", version " + version + "\n")
        .repeat(40)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Stores and associates a unit of the plugin's type whose file is {@code bytes}. */
  Unit add(String name, byte[] bytes) {
    return content.add(contract.unitFor(name, bytes), bytes);
  }

  /** A distributor as the platform hands it a publish: new, and initialised. */
  Distributor distributor() {
    Distributor distributor = contract.newDistributor();
    distributor.init(platform);
    return distributor;
  }

  InMemoryPublishConduit conduit() {
    return content.publishConduit(contract.distributorId());
  }

  PluginCallConfiguration config() {
    return PluginCallConfiguration.of(contract.publishConfig());
  }

  /** Publishes with a new distributor and requires success. */
  Map<String, TreeSnapshot> publish() {
    PublishReport report = publish(distributor(), conduit());
    assertThat(report).as("publishRepo's report").isNotNull();
    assertThat(report)
        .as("the report of publishing the units")
        .isInstanceOf(PublishReport.Published.class);
    return served();
  }

  /** Publishes with this distributor and conduit, as the platform's publish task does. */
  PublishReport publish(Distributor distributor, InMemoryPublishConduit conduit) {
    PublishReport report =
        assertTimeoutPreemptively(
            PUBLISH_TIMEOUT,
            () -> distributor.publishRepo(content.taskRepository(), conduit, config()),
            "publishRepo did not return");
    if (report != null) {
      content.recordPublish(contract.distributorId(), report);
    }
    return report;
  }

  /** What each protocol's served root holds now. */
  Map<String, TreeSnapshot> served() {
    Map<String, TreeSnapshot> served = new LinkedHashMap<>();
    for (String protocol : PROTOCOLS) {
      served.put(protocol, settled(platform.servedRoot(protocol)));
    }
    return served;
  }

  /** The protocols whose served root holds anything. */
  static List<String> servedProtocols(Map<String, TreeSnapshot> served) {
    return served.entrySet().stream()
        .filter(e -> !e.getValue().files().isEmpty())
        .map(Map.Entry::getKey)
        .toList();
  }

  private static TreeSnapshot settled(Path root) {
    try {
      for (int attempt = 0; ; attempt++) {
        Optional<TreeSnapshot> tree = TreeSnapshot.take(root);
        if (tree.isPresent() || attempt == 10) {
          return tree.orElseThrow(() -> new AssertionError(root + " kept changing while read"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
