package dev.depot.server.example;

import dev.depot.plugin.ConfigValueException;
import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.util.List;
import java.util.Set;

/**
 * The example importer: shows a plugin writer the smallest useful importer. Its config has one
 * optional key, {@code notes_per_sync} (a positive number); anything else is refused, naming the
 * key. Listed in {@code META-INF/services/dev.depot.plugin.Importer}.
 */
public final class EchoImporter implements Importer {
  private static final Set<String> KEYS = Set.of("notes_per_sync");

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("echo_importer", "Echo Importer", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    try {
      long perSync = config.getLong("notes_per_sync").orElse(1L);
      if (perSync < 1) {
        return ValidationResult.invalid("notes_per_sync must be positive", "notes_per_sync");
      }
    } catch (ConfigValueException e) {
      return ValidationResult.invalid(e.getMessage(), e.key());
    }
    return ValidationResult.valid();
  }
}
