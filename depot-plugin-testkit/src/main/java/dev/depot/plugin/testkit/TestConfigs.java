package dev.depot.plugin.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the invalid configs a contract wants from the valid one, so each differs from it in the
 * one key it is about:
 *
 * <pre>{@code
 * Map.of("num_threads", TestConfigs.with(validConfig(), "num_threads", -1),
 *        "http", TestConfigs.without(validConfig(), "http"));
 * }</pre>
 */
public final class TestConfigs {
  private TestConfigs() {}

  /** A copy of {@code config} with {@code key} set to {@code value}, which may be null. */
  public static Map<String, Object> with(Map<String, ?> config, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(config);
    copy.put(key, value);
    return copy;
  }

  /** A copy of {@code config} without {@code key}. */
  public static Map<String, Object> without(Map<String, ?> config, String key) {
    Map<String, Object> copy = new LinkedHashMap<>(config);
    copy.remove(key);
    return copy;
  }
}
