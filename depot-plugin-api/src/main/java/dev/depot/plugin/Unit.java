package dev.depot.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A content unit: a type, the key that identifies it within the type, descriptive metadata and, for
 * units with a file, where the file lives in the content store.
 *
 * <p>Equality that matters to the platform is (type id, unit key); {@code id} is assigned when the
 * unit is first saved.
 *
 * @param id the platform's id for the unit, null until saved
 * @param typeId the content type id
 * @param unitKey values of the type's unit key fields
 * @param metadata other fields
 * @param storagePath absolute path of the unit's file, or null for a unit without a file
 */
public record Unit(
    String id,
    String typeId,
    Map<String, Object> unitKey,
    Map<String, Object> metadata,
    Path storagePath) {

  /** Checks the type and copies the maps. */
  public Unit {
    Objects.requireNonNull(typeId, "typeId");
    unitKey = Map.copyOf(Objects.requireNonNull(unitKey, "unitKey"));
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** The same unit with other metadata. */
  public Unit withMetadata(Map<String, Object> newMetadata) {
    return new Unit(id, typeId, unitKey, newMetadata, storagePath);
  }

  /** The same unit with the platform's id. */
  public Unit withId(String newId) {
    return new Unit(newId, typeId, unitKey, metadata, storagePath);
  }
}
