package dev.depot.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The publishing distributor's door into the platform during {@link Distributor#publishRepo}: the
 * repository's units, progress, scratchpads and the time of the last successful publish.
 *
 * <p>A publish publishes one version of the repository ({@link #version()}): {@link #units} streams
 * that version's units, never those a sync running meanwhile adds. A distributor that remembers
 * which version its published tree shows asks {@link #changesSince} for the difference and updates
 * only what changed.
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
   * The number of the repository version being published: the latest unless the user asked for an
   * older one. The default, -1, is a conduit that knows no versions (then {@link #changesSince} is
   * always empty).
   */
  default long version() {
    return -1;
  }

  /**
   * The version this distributor last published successfully, as the platform recorded it, if it is
   * still kept. A distributor should rather trust the version it wrote beside its own published
   * tree (the platform records the version after the publish, so a crash between the two leaves
   * them apart); this one says what the user sees in the API.
   */
  default OptionalLong publishedVersion() {
    return OptionalLong.empty();
  }

  /**
   * The changes between a kept version and {@link #version()}, limited to these content types (all
   * if empty). A version dropped from the list (deleted, or beyond the repository's retention)
   * still counts while one of the repository's distributors' last two successful publishes
   * published it: the platform keeps what it held, so a tree showing it can be brought up to date.
   * Empty otherwise, or if the conduit knows no versions: publish in full then.
   */
  default Optional<VersionChanges> changesSince(long version, List<String> typeIds) {
    return Optional.empty();
  }

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
