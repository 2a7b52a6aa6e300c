package dev.depot.plugin;

import java.util.stream.Stream;

/**
 * Reads the units associated with the conduit's repository.
 *
 * <p>Implemented by the platform and by test doubles, never by plugins.
 */
public interface UnitSource {
  /**
   * The repository's units matching the criteria, streamed from the database: memory does not grow
   * with the repository. The stream holds a database cursor and must be closed (use
   * try-with-resources).
   */
  Stream<Unit> units(UnitCriteria criteria);
}
