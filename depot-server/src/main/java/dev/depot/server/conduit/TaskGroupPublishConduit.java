package dev.depot.server.conduit;

import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.UnitSource;
import dev.depot.server.content.Cursors;
import dev.depot.server.group.GroupDistributorRecord;
import dev.depot.server.group.GroupDistributors;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.RunningTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The conduit of one group publish task: the members as they were when the task started, each
 * member's units streamed as a repository publish streams them, and progress reported under the
 * distributor's type id, as Pulp does for group publishes.
 */
public final class TaskGroupPublishConduit implements GroupPublishConduit {
  private final RepositoryServices services;
  private final GroupDistributors distributors;
  private final RunningTask task;
  private final GroupDistributorRecord distributor;
  private final List<String> memberIds;

  /** Scopes the conduit to one distributor of one group and one task. */
  public TaskGroupPublishConduit(
      RepositoryServices services,
      GroupDistributors distributors,
      RunningTask task,
      GroupDistributorRecord distributor,
      List<String> memberIds) {
    this.services = services;
    this.distributors = distributors;
    this.task = task;
    this.distributor = distributor;
    this.memberIds = List.copyOf(memberIds);
  }

  @Override
  public String distributorId() {
    return distributor.id();
  }

  @Override
  public List<Repository> members() {
    // A member deleted since the task started has left the group: it is simply not listed.
    return services
        .jdbi()
        .withHandle(
            h ->
                memberIds.stream()
                    .flatMap(id -> services.repos().find(h, id).stream())
                    .map(repo -> services.views().view(h, repo))
                    .toList());
  }

  @Override
  public UnitSource units(String repoId) {
    if (!memberIds.contains(repoId)) {
      throw new IllegalArgumentException(
          "repository " + repoId + " is not a member of group " + distributor.groupId());
    }
    return criteria ->
        Cursors.open(services.jdbi(), h -> services.units().stream(h, repoId, criteria));
  }

  @Override
  public Optional<Instant> lastPublish() {
    return Optional.ofNullable(
        distributors.get(distributor.groupId(), distributor.id()).lastPublish());
  }

  @Override
  public void setProgress(Object report) {
    task.setProgress(distributor.typeId(), report);
  }
}
