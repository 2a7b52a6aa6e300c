package dev.depot.plugin;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content type a plugin declares, such as {@code iso} or {@code rpm}.
 *
 * <p>A unit of this type is identified by the values of its {@code unitKey} fields: two units with
 * the same type and unit key are the same unit, stored once whatever number of repositories hold
 * it.
 *
 * @param id type id: letters, digits, underscores and dashes; unique across all plugins
 * @param displayName human-readable name
 * @param description one sentence saying what the units are
 * @param unitKey names of the fields that together identify a unit (at least one)
 * @param searchIndexes fields users commonly search on; a hint for the platform's indexes
 * @param uniqueInRepository unit-key fields no two units of this type in one repository share:
 *     associating a unit (sync, upload, copy) takes out of the repository the unit it shares them
 *     with, as Pulp's {@code iso} type holds one file per name. Empty when any number of units may
 *     share any value.
 */
public record ContentTypeDefinition(
    String id,
    String displayName,
    String description,
    List<String> unitKey,
    List<String> searchIndexes,
    List<String> uniqueInRepository) {
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");

  /** Validates the id and the unit key. */
  public ContentTypeDefinition {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("invalid content type id: " + id);
    }
    displayName = displayName == null || displayName.isBlank() ? id : displayName;
    description = description == null ? "" : description;
    unitKey = List.copyOf(Objects.requireNonNull(unitKey, "unitKey"));
    if (unitKey.isEmpty()) {
      throw new IllegalArgumentException("content type " + id + " needs at least one unit key");
    }
    searchIndexes = searchIndexes == null ? List.of() : List.copyOf(searchIndexes);
    uniqueInRepository = uniqueInRepository == null ? List.of() : List.copyOf(uniqueInRepository);
    if (!unitKey.containsAll(uniqueInRepository)) {
      throw new IllegalArgumentException(
          "content type " + id + ": uniqueInRepository fields must be unit-key fields");
    }
  }

  /** A type whose units may share any value within a repository. */
  public ContentTypeDefinition(
      String id,
      String displayName,
      String description,
      List<String> unitKey,
      List<String> searchIndexes) {
    this(id, displayName, description, unitKey, searchIndexes, List.of());
  }
}
