package dev.depot.server.conduit;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishedLocation;
import dev.depot.server.repo.DistributorRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.RunningTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The publish conduit of one publish task; progress is reported under the distributor id. */
public final class TaskPublishConduit extends RepositoryConduit implements PublishConduit {
  private final String distributorId;

  /** Scopes the conduit to one distributor of one repository and one task. */
  public TaskPublishConduit(
      RepositoryServices services, RunningTask task, String repoId, String distributorId) {
    super(services, repoId, task, distributorId);
    this.distributorId = distributorId;
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
        .map(d -> new ConfiguredDistributor(repoId, d.id(), d.config()));
  }

  @Override
  public List<PublishedLocation> publishedLocations(String id) {
    return jdbi.withHandle(h -> repos.distributor(h, repoId, id))
        .map(DistributorRecord::published)
        .orElse(List.of());
  }
}
