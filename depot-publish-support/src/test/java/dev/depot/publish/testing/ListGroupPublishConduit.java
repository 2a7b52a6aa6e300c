package dev.depot.publish.testing;

import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.UnitSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A group publish conduit over member repositories whose units are {@link ListPublishConduit}s. */
public final class ListGroupPublishConduit implements GroupPublishConduit {
  public final Map<String, ListPublishConduit> members = new TreeMap<>();
  public final List<Object> progress = new CopyOnWriteArrayList<>();
  private final String distributorId;

  public ListGroupPublishConduit(String distributorId) {
    this.distributorId = distributorId;
  }

  /** The units of member {@code repoId}, added to the group if it was not yet a member. */
  public ListPublishConduit member(String repoId) {
    return members.computeIfAbsent(repoId, id -> new ListPublishConduit(distributorId));
  }

  @Override
  public String distributorId() {
    return distributorId;
  }

  @Override
  public List<Repository> members() {
    return members.keySet().stream().map(Repository::named).toList();
  }

  @Override
  public UnitSource units(String repoId) {
    ListPublishConduit member = members.get(repoId);
    if (member == null) {
      throw new IllegalArgumentException(repoId + " is not a member");
    }
    return member;
  }

  @Override
  public Optional<Instant> lastPublish() {
    return Optional.empty();
  }

  @Override
  public void setProgress(Object report) {
    progress.add(report);
  }
}
