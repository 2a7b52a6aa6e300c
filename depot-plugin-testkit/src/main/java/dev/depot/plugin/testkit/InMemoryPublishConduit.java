package dev.depot.plugin.testkit;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Unit;
import dev.depot.plugin.VersionChanges;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link PublishConduit} over an {@link InMemoryContent}: what {@code Distributor.publishRepo}
 * gets in a plugin's own tests. Get one from {@link InMemoryContent#publishConduit(String)}.
 */
public final class InMemoryPublishConduit extends InMemoryConduit implements PublishConduit {
  private final Map<String, ConfiguredDistributor> siblings = new LinkedHashMap<>();
  private final long version;

  InMemoryPublishConduit(InMemoryContent content, String distributorId, long version) {
    super(content, distributorId);
    this.version = version;
  }

  /** The version {@link InMemoryContent#publishConduit} recorded for this publish. */
  @Override
  public long version() {
    return version;
  }

  /** The differences between two versions {@link InMemoryContent#recordVersion} recorded. */
  @Override
  public Optional<VersionChanges> changesSince(long since, List<String> typeIds) {
    List<Unit> from = content().version(since);
    List<Unit> to = content().version(version);
    if (from == null || to == null) {
      return Optional.empty();
    }
    return Optional.of(
        VersionChanges.of(
            since,
            version,
            () -> difference(to, from, typeIds),
            () -> difference(from, to, typeIds)));
  }

  private static Stream<Unit> difference(List<Unit> in, List<Unit> notIn, List<String> typeIds) {
    java.util.Set<String> excluded =
        notIn.stream().map(Unit::id).collect(java.util.stream.Collectors.toSet());
    return in.stream()
        .filter(u -> !excluded.contains(u.id()))
        .filter(u -> typeIds.isEmpty() || typeIds.contains(u.typeId()));
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
