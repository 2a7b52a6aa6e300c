package dev.depot.server.repo;

import dev.depot.plugin.Repository;
import dev.depot.server.content.UnitStore;
import org.jdbi.v3.core.Handle;

/** Builds the read-only {@link Repository} view plugins receive. */
public final class RepositoryViews {
  private final UnitStore units;

  /**
   * @param units where unit counts come from
   */
  public RepositoryViews(UnitStore units) {
    this.units = units;
  }

  /** The plugin view of a stored repository, without a working directory. */
  public Repository view(Handle h, RepositoryRecord repo) {
    return new Repository(
        repo.id(),
        repo.displayName(),
        repo.description(),
        repo.notes(),
        null,
        units.countsByType(h, repo.id()),
        repo.lastUnitAdded(),
        repo.lastUnitRemoved());
  }
}
