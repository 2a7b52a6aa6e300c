package dev.depot.server.error;

import java.util.List;
import java.util.Map;

/**
 * A plugin refused a configuration in {@code validateConfig}: 400 with the plugin's own message,
 * Pulp's PLP0000 with {@code args: [message]}, plus the config keys the plugin named.
 */
public final class InvalidConfig extends DepotException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final List<String> keys;

  /**
   * @param field the request field holding the config, e.g. {@code distributor_config}
   * @param message the plugin's message
   * @param keys the config keys the plugin named
   */
  public InvalidConfig(String field, String message, List<String> keys) {
    super(400, "PLP0000", message, null);
    this.field = field;
    this.keys = List.copyOf(keys);
  }

  @Override
  public Map<String, Object> data() {
    return Map.of("property_names", List.of(field), "config_keys", keys);
  }

  @Override
  public Map<String, Object> topLevel() {
    return Map.of("args", List.of(getMessage()), "property_names", List.of(field));
  }
}
