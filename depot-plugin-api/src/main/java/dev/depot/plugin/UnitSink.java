package dev.depot.plugin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds units to the conduit's repository.
 *
 * <p>Implemented by the platform and by test doubles, never by plugins.
 */
public interface UnitSink {
  /**
   * Prepares a unit without touching the database: the platform computes where its file belongs in
   * the content store.
   *
   * @param typeId the content type
   * @param unitKey the values of the type's unit key fields (all of them)
   * @param metadata other fields
   * @param fileName the file's name, or null for a unit without a file
   * @return the unit with its absolute {@code storagePath} (null without a file)
   */
  Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName);

  /**
   * Stores the unit if no unit of that type and key exists yet, and associates it with the
   * repository. If the unit has a file, it must already be at its {@code storagePath}.
   *
   * @return the saved unit with its id
   * @throws MissingUnitFilesException if the stored unit's file is gone (an orphan cleanup removed
   *     it after the plugin found it); nothing is saved
   */
  Unit saveUnit(Unit unit);

  /**
   * Saves several units as {@link #saveUnit} does, in one database transaction where the platform
   * can: a sync of many small files should not pay a commit per file.
   *
   * @return the saved units, in order
   * @throws MissingUnitFilesException naming the units whose files are gone; none of the batch is
   *     saved
   */
  default List<Unit> saveUnits(List<Unit> units) {
    return units.stream().map(this::saveUnit).toList();
  }

  /** The unit of that type and key anywhere in the server, if one exists. */
  Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey);
}
