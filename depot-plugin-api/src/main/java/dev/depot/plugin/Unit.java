package dev.depot.plugin;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
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

  /**
   * Checks the type and copies the maps, keeping their order: a unit's fields are shown to users
   * (API documents, CLI tables) in the order the plugin gave them, the same on every run.
   */
  public Unit {
    Objects.requireNonNull(typeId, "typeId");
    unitKey = orderedCopy(Objects.requireNonNull(unitKey, "unitKey"));
    metadata = metadata == null ? Map.of() : orderedCopy(metadata);
  }

  /**
   * An unmodifiable copy in the same order; like {@link Map#copyOf}, refuses null keys or values.
   */
  private static Map<String, Object> orderedCopy(Map<String, Object> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = LinkedHashMap.newLinkedHashMap(map.size());
    map.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "field name"), Objects.requireNonNull(v, k)));
    return Collections.unmodifiableMap(copy);
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
