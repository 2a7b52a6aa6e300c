package dev.depot.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration a plugin sees in one call, in three layers looked up in this order:
 *
 * <ol>
 *   <li>the <em>override</em> given for this call only (e.g. the {@code override_config} of one
 *       publish; never stored);
 *   <li>the <em>repository</em> config stored with the importer or distributor when it was added or
 *       updated (during {@code validateConfig}, the proposed config);
 *   <li>the <em>plugin default</em> read from {@code <config dir>/plugins.d/<plugin id>.json}.
 * </ol>
 *
 * <p>The first layer that <em>contains</em> a key wins. Values are plain JSON values: {@link
 * String}, {@link Boolean}, {@link Number}, {@link List}, {@link Map} or {@code null}. The typed
 * getters accept what JSON clients commonly send ({@code "true"} for a boolean, {@code "5"} for a
 * number) and throw {@link ConfigValueException} naming the key when the value cannot be read as
 * that type, so {@code validateConfig} can turn it into a clear message.
 *
 * <p>Built by the platform and by test code; immutable.
 */
public final class PluginCallConfiguration {
  private final Map<String, Object> pluginConfig;
  private final Map<String, Object> repoConfig;
  private final Map<String, Object> overrideConfig;

  /**
   * Builds a configuration from its three layers; {@code null} layers are empty.
   *
   * @param pluginConfig plugin defaults
   * @param repoConfig the repository-level config
   * @param overrideConfig the per-call override
   */
  public PluginCallConfiguration(
      Map<String, ?> pluginConfig, Map<String, ?> repoConfig, Map<String, ?> overrideConfig) {
    this.pluginConfig = frozen(pluginConfig);
    this.repoConfig = frozen(repoConfig);
    this.overrideConfig = frozen(overrideConfig);
  }

  /** A configuration with only a repository layer, handy in tests. */
  public static PluginCallConfiguration of(Map<String, ?> repoConfig) {
    return new PluginCallConfiguration(Map.of(), repoConfig, Map.of());
  }

  private static Map<String, Object> frozen(Map<String, ?> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** The plugin-default layer. */
  public Map<String, Object> pluginConfig() {
    return pluginConfig;
  }

  /** The repository layer (the stored or proposed config). */
  public Map<String, Object> repoConfig() {
    return repoConfig;
  }

  /** The per-call override layer. */
  public Map<String, Object> overrideConfig() {
    return overrideConfig;
  }

  /** Whether any layer contains the key. */
  public boolean contains(String key) {
    return overrideConfig.containsKey(key)
        || repoConfig.containsKey(key)
        || pluginConfig.containsKey(key);
  }

  /** The raw value of the first layer containing the key, empty if none does or it is null. */
  public Optional<Object> get(String key) {
    for (Map<String, Object> layer : List.of(overrideConfig, repoConfig, pluginConfig)) {
      if (layer.containsKey(key)) {
        return Optional.ofNullable(layer.get(key));
      }
    }
    return Optional.empty();
  }

  /** A string value; numbers and booleans are rendered as text. */
  public Optional<String> getString(String key) {
    return get(key)
        .map(
            value -> {
              if (value instanceof String s) {
                return s;
              }
              if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
              }
              throw new ConfigValueException(key, "must be a string");
            });
  }

  /** A boolean value; the strings {@code true} and {@code false} are accepted in any case. */
  public Optional<Boolean> getBoolean(String key) {
    return get(key)
        .map(
            value -> {
              if (value instanceof Boolean b) {
                return b;
              }
              if (value instanceof String s && s.equalsIgnoreCase("true")) {
                return true;
              }
              if (value instanceof String s && s.equalsIgnoreCase("false")) {
                return false;
              }
              throw new ConfigValueException(key, "must be true or false");
            });
  }

  /** The boolean value, or {@code fallback} when no layer sets it. */
  public boolean getBoolean(String key, boolean fallback) {
    return getBoolean(key).orElse(fallback);
  }

  /** A whole number; integral numbers and their decimal text are accepted. */
  public Optional<Long> getLong(String key) {
    return get(key)
        .map(
            value -> {
              if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
              }
              if (value instanceof String s) {
                try {
                  return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                  throw new ConfigValueException(key, "must be a whole number");
                }
              }
              throw new ConfigValueException(key, "must be a whole number");
            });
  }

  /** A JSON list value. */
  public Optional<List<?>> getList(String key) {
    return get(key)
        .map(
            value -> {
              if (value instanceof List<?> list) {
                return list;
              }
              throw new ConfigValueException(key, "must be a list");
            });
  }

  /** A JSON object value. */
  public Optional<Map<?, ?>> getMap(String key) {
    return get(key)
        .map(
            value -> {
              if (value instanceof Map<?, ?> map) {
                return map;
              }
              throw new ConfigValueException(key, "must be an object");
            });
  }

  /** Every key of every layer. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>(pluginConfig.keySet());
    keys.addAll(repoConfig.keySet());
    keys.addAll(overrideConfig.keySet());
    return Collections.unmodifiableSet(keys);
  }

  /** One map with the layers applied: plugin defaults, then repository, then override. */
  public Map<String, Object> flatten() {
    Map<String, Object> flat = new LinkedHashMap<>(pluginConfig);
    flat.putAll(repoConfig);
    flat.putAll(overrideConfig);
    return Collections.unmodifiableMap(flat);
  }

  @Override
  public String toString() {
    // Keys only: values may be passwords or private keys.
    return "PluginCallConfiguration" + keys();
  }
}
