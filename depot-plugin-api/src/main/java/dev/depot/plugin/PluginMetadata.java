package dev.depot.plugin;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a plugin says about itself: its id, a human name and the content types it handles.
 *
 * <p>{@code metadata()} may be called any number of times and must not initialise anything.
 *
 * @param id programmatic id: letters, digits and underscores, starting with a letter; unique among
 *     the plugins of its kind (importers or distributors). Users pass it as {@code
 *     importer_type_id} or {@code distributor_type_id}.
 * @param displayName human-readable name shown in listings
 * @param types ids of the content types this plugin imports or publishes (at least one)
 */
public record PluginMetadata(String id, String displayName, List<String> types) {
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** Validates the id and copies the type list. */
  public PluginMetadata {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "plugin id must be letters, digits and underscores, starting with a letter: " + id);
    }
    displayName = displayName == null || displayName.isBlank() ? id : displayName;
    types = List.copyOf(Objects.requireNonNull(types, "types"));
    if (types.isEmpty()) {
      throw new IllegalArgumentException("plugin " + id + " must handle at least one type");
    }
  }
}
