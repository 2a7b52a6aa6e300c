package dev.depot.plugin;

import java.util.stream.Stream;

/**
 * The destination importer's door into the platform during {@link Importer#importUnits}: the source
 * repository's units and the destination repository to add them to. As a {@link UnitSource} it
 * reads the destination's own units, for an importer that copies only what the destination lacks
 * (RPM's {@code recursive_conservative}); units associated during this call may not show there yet.
 *
 * <p>Scoped to one call. Implemented by the platform and by test doubles, never by plugins; new
 * methods arrive as default methods.
 */
public interface ImportConduit extends UnitSink, UnitSource, Scratchpads {
  /**
   * Associates an existing unit (one read from the source repository) with the destination
   * repository; idempotent. No bytes move: units are shared.
   */
  void associateUnit(Unit unit);

  /**
   * Unassociates a unit from the destination repository; idempotent. For a copy that supersedes
   * what the destination holds (a package rebuilt under the same name and version, which a
   * repository lists once): the associations made so far are written first, so the destination
   * never lacks both. The unit stays in the content store.
   *
   * @throws UnsupportedOperationException from a conduit that cannot remove (an older test double)
   */
  default void removeUnit(Unit unit) {
    throw new UnsupportedOperationException("this import conduit cannot remove units");
  }

  /** The source repository's units matching the criteria; the stream must be closed. */
  Stream<Unit> sourceUnits(UnitCriteria criteria);

  /**
   * Tells the user something about the copy that did not fail it, such as a dependency nothing in
   * the source meets: the platform lists these in the task's result under {@code warnings}, and the
   * CLI prints them. Keep each to one sentence naming what it is about; repeat none.
   *
   * @param message what the user should know
   */
  void warn(String message);
}
