package dev.depot.plugin.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * A unit as a plugin's type describes it, before it is stored: what a contract asks the plugin's
 * test for when it needs units of the plugin's type ({@link PublishContract#unitFor}).
 *
 * @param typeId the content type
 * @param unitKey the values of every unit key field
 * @param metadata other fields
 * @param fileName the file's name, or null for a unit without a file
 */
public record UnitSpec(
    String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName) {
  /** Checks the type and copies the maps. */
  public UnitSpec {
    Objects.requireNonNull(typeId, "typeId");
    unitKey = Map.copyOf(Objects.requireNonNull(unitKey, "unitKey"));
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
