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
    return view(repo, units.countsByType(h, repo.id()));
  }

  /**
   * The plugin view of a stored repository with these unit counts: a version's, which are stored,
   * rather than counted over the whole repository again.
   */
  public Repository view(RepositoryRecord repo, java.util.Map<String, Long> counts) {
    return new Repository(
        repo.id(),
        repo.displayName(),
        repo.description(),
        repo.notes(),
        null,
        counts,
        repo.lastUnitAdded(),
        repo.lastUnitRemoved());
  }
}
