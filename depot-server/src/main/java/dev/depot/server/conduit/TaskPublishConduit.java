package dev.depot.server.conduit;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.VersionChanges;
import dev.depot.server.content.Cursors;
import dev.depot.server.content.VersionedUnits;
import dev.depot.server.repo.DistributorRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.RunningTask;
import dev.depot.server.version.PublishedVersions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** The publish conduit of one publish task; progress is reported under the distributor id. */
public final class TaskPublishConduit extends RepositoryConduit implements PublishConduit {
  private final String distributorId;
  private final long version;

  /**
   * Scopes the conduit to one distributor of one repository and one task, publishing one version of
   * the repository.
   */
  public TaskPublishConduit(
      RepositoryServices services,
      RunningTask task,
      String repoId,
      String distributorId,
      long version) {
    super(services, repoId, task, distributorId);
    this.distributorId = distributorId;
    this.version = version;
  }

  @Override
  public Stream<Unit> units(UnitCriteria criteria) {
    return Cursors.open(jdbi, h -> units.streamAt(h, repoId, version, criteria));
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public OptionalLong publishedVersion() {
    return jdbi.withHandle(
        h -> {
          OptionalLong published = PublishedVersions.of(h, repoId, distributorId);
          return published.isPresent() && PublishedVersions.kept(h, repoId, published.getAsLong())
              ? published
              : OptionalLong.empty();
        });
  }

  @Override
  public Optional<VersionChanges> changesSince(long since, List<String> typeIds) {
    if (!jdbi.withHandle(h -> PublishedVersions.diffable(h, repoId, since))) {
      return Optional.empty();
    }
    List<String> types = List.copyOf(typeIds);
    return Optional.of(
        VersionChanges.of(
            since,
            version,
            () -> Cursors.open(jdbi, h -> VersionedUnits.added(h, repoId, since, version, types)),
            () ->
                Cursors.open(jdbi, h -> VersionedUnits.removed(h, repoId, since, version, types))));
  }

  @Override
  public String distributorId() {
    return distributorId;
  }

  private Optional<DistributorRecord> distributor() {
    return jdbi.withHandle(h -> repos.distributor(h, repoId, distributorId));
  }

  @Override
  public Optional<Instant> lastPublish() {
    return distributor().map(DistributorRecord::lastPublish);
  }

  @Override
  public Optional<Map<String, Object>> scratchpad() {
    return distributor().map(DistributorRecord::scratchpad);
  }

  @Override
  public void setScratchpad(Map<String, Object> value) {
    jdbi.useHandle(h -> repos.setDistributorScratchpad(h, repoId, distributorId, value));
  }

  @Override
  public Optional<ConfiguredDistributor> sibling(String id) {
    return jdbi.withHandle(h -> repos.distributor(h, repoId, id))
        .map(d -> new ConfiguredDistributor(repoId, d.id(), d.config(), d.typeId()));
  }

  @Override
  public List<PublishedLocation> publishedLocations(String id) {
    return jdbi.withHandle(h -> repos.distributor(h, repoId, id))
        .map(DistributorRecord::published)
        .orElse(List.of());
  }
}
