package dev.depot.publish.testing;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A publish conduit over a list of units, for the generic distributors' tests: it honours the
 * criteria's types and page (association filters are the server's business, not these tests').
 */
public final class ListPublishConduit implements PublishConduit {
  public final List<Unit> units = new ArrayList<>();
  public final Map<String, ConfiguredDistributor> siblings = new HashMap<>();
  public final List<Object> progress = new CopyOnWriteArrayList<>();
  public final Map<String, List<PublishedLocation>> locations = new HashMap<>();
  private final String distributorId;
  private Map<String, Object> scratchpad;
  private Map<String, Object> repoScratchpad = new HashMap<>();

  public ListPublishConduit(String distributorId) {
    this.distributorId = distributorId;
  }

  @Override
  public String distributorId() {
    return distributorId;
  }

  @Override
  public Optional<Instant> lastPublish() {
    return Optional.empty();
  }

  @Override
  public Optional<ConfiguredDistributor> sibling(String id) {
    return Optional.ofNullable(siblings.get(id));
  }

  @Override
  public List<PublishedLocation> publishedLocations(String id) {
    return locations.getOrDefault(id, List.of());
  }

  @Override
  public Stream<Unit> units(UnitCriteria criteria) {
    Stream<Unit> matching =
        units.stream()
            .filter(u -> criteria.typeIds().isEmpty() || criteria.typeIds().contains(u.typeId()))
            .skip(criteria.skip());
    return criteria.limit() > 0 ? matching.limit(criteria.limit()) : matching;
  }

  @Override
  public void setProgress(Object report) {
    progress.add(report);
  }

  @Override
  public Optional<Map<String, Object>> scratchpad() {
    return Optional.ofNullable(scratchpad);
  }

  @Override
  public void setScratchpad(Map<String, Object> value) {
    scratchpad = value;
  }

  @Override
  public Map<String, Object> repoScratchpad() {
    return repoScratchpad;
  }

  @Override
  public void setRepoScratchpad(Map<String, Object> value) {
    repoScratchpad = new HashMap<>(value);
  }

  @Override
  public void updateRepoScratchpad(Map<String, Object> changes) {
    repoScratchpad.putAll(changes);
  }
}
