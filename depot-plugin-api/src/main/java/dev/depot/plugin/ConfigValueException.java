package dev.depot.plugin;

/**
 * A configuration value that cannot be read as the type asked for. Thrown by the typed getters of
 * {@link PluginCallConfiguration}; the message names the key but never shows the value, which may
 * be a secret.
 */
public final class ConfigValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the configuration key at fault
   * @param problem what the value must be, e.g. {@code "must be true or false"}
   */
  public ConfigValueException(String key, String problem) {
    super(key + " " + problem);
    this.key = key;
  }

  /** The configuration key at fault. */
  public String key() {
    return key;
  }
}
