package dev.depot.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The publishing group distributor's door into the platform during {@link
 * GroupDistributor#publishGroup}: the member repositories, each one's units, progress and the time
 * of the last publish.
 *
 * <p>Scoped to one call: never keep it. Implemented by the platform and by test doubles, never by
 * plugins; new methods arrive as default methods.
 */
public interface GroupPublishConduit extends ProgressReporter {
  /** The id of the group distributor being published. */
  String distributorId();

  /** The member repositories as they are now, in id order (without working directories). */
  List<Repository> members();

  /**
   * One member's units, streamed as {@link PublishConduit#units} streams a repository's: the
   * returned source's streams hold a database cursor and must be closed.
   *
   * @throws IllegalArgumentException when {@code repoId} is not a member of the group
   */
  UnitSource units(String repoId);

  /** When this group distributor last published, if ever. */
  Optional<Instant> lastPublish();
}
