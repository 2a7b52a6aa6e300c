package dev.depot.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The publishing distributor's door into the platform during {@link Distributor#publishRepo}: the
 * repository's units, progress, scratchpads and the time of the last successful publish.
 *
 * <p>Scoped to one call: never keep it. Implemented by the platform and by test doubles, never by
 * plugins; new methods arrive as default methods.
 */
public interface PublishConduit extends UnitSource, ProgressReporter, Scratchpads {
  /** The id of the distributor being published. */
  String distributorId();

  /** When this distributor last published successfully, if ever. */
  Optional<Instant> lastPublish();

  /**
   * Another distributor of the same repository, with its stored configuration: what a distributor
   * that pushes a sibling's published tree (rsync's {@code predistributor_id}) needs to find it.
   * The default says there is none, for conduits written before this method.
   */
  default Optional<ConfiguredDistributor> sibling(String distributorId) {
    return Optional.empty();
  }

  /**
   * Where a distributor of the same repository (this one or a {@link #sibling}) can be reached
   * since its last successful publish, as its {@link PublishReport.Published#locations()} said:
   * what a distributor that pushes a sibling's tree reads instead of guessing the tree's path from
   * config keys. Empty if it never published, reported no location, or does not exist. The default
   * says none, for conduits written before this method.
   */
  default List<PublishedLocation> publishedLocations(String distributorId) {
    return List.of();
  }
}
