package dev.depot.plugin;

import java.time.Instant;
import java.util.Optional;

/**
 * The importer's door into the platform during {@link Importer#syncRepo}: read the repository's
 * units, add and remove units, report progress, keep state in scratchpads.
 *
 * <p>Scoped to one call: never keep it. Implemented by the platform and by test doubles, never by
 * plugins; new methods arrive as default methods.
 */
public interface SyncConduit extends UnitSource, UnitSink, ProgressReporter, Scratchpads {
  /**
   * Unassociates the unit from the repository; idempotent. The unit and its file stay in the
   * content store (an orphan clean-up removes them once no repository holds them).
   */
  void removeUnit(Unit unit);

  /** When this repository last synced successfully, if ever. */
  Optional<Instant> lastSync();
}
