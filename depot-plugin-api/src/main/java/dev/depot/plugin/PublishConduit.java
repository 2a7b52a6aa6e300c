package dev.depot.plugin;

import java.time.Instant;
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
}
