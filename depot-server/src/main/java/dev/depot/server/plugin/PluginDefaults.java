package dev.depot.server.plugin;

import dev.depot.server.db.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plugin-default layer of {@link dev.depot.plugin.PluginCallConfiguration}: {@code <config
 * dir>/plugins.d/<plugin id>.json}, read at each call so an administrator's edit applies without a
 * restart. A missing file is an empty layer; a broken one fails the call loudly.
 */
public final class PluginDefaults {
  private final Path directory;

  /**
   * @param configDir the server's config directory
   */
  public PluginDefaults(Path configDir) {
    this.directory = configDir.resolve("plugins.d");
  }

  /** The defaults for one plugin id. */
  public Map<String, Object> forPlugin(String pluginId) {
    Path file = directory.resolve(pluginId + ".json");
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      Map<String, Object> defaults = Json.readMap(Files.readString(file));
      return defaults == null ? Map.of() : defaults;
    } catch (IOException | IllegalStateException e) {
      throw new IllegalStateException("cannot read plugin defaults " + file + ": " + e, e);
    }
  }
}
