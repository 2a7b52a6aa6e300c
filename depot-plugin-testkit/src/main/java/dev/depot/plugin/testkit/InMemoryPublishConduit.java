package dev.depot.plugin.testkit;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishedLocation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PublishConduit} over an {@link InMemoryContent}: what {@code Distributor.publishRepo}
 * gets in a plugin's own tests. Get one from {@link InMemoryContent#publishConduit(String)}.
 */
public final class InMemoryPublishConduit extends InMemoryConduit implements PublishConduit {
  private final Map<String, ConfiguredDistributor> siblings = new LinkedHashMap<>();

  InMemoryPublishConduit(InMemoryContent content, String distributorId) {
    super(content, distributorId);
  }

  /**
   * Adds a distributor of the same repository that {@link #sibling} finds, e.g. the one whose tree
   * an rsync distributor pushes.
   *
   * @return this conduit
   */
  public InMemoryPublishConduit withSibling(ConfiguredDistributor sibling) {
    siblings.put(sibling.distributorId(), sibling);
    return this;
  }

  @Override
  public String distributorId() {
    return pluginKey();
  }

  /** When {@link InMemoryContent#recordSuccess} was last called for this distributor. */
  @Override
  public Optional<Instant> lastPublish() {
    return content().lastSuccess(pluginKey());
  }

  /** What {@link InMemoryContent#recordPublish} last recorded for that distributor. */
  @Override
  public List<PublishedLocation> publishedLocations(String distributorId) {
    return content().publishedLocations(distributorId);
  }

  @Override
  public Optional<ConfiguredDistributor> sibling(String distributorId) {
    return Optional.ofNullable(siblings.get(distributorId));
  }
}
