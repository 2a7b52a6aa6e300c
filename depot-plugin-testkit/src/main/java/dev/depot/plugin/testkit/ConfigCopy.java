package dev.depot.plugin.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, mutable copies of JSON-like configs. {@link dev.depot.plugin.PluginCallConfiguration}
 * freezes only the top level of each layer, so a plugin could still change a nested list or object
 * it is given; handing it mutable copies lets such a change succeed quietly and be seen.
 */
final class ConfigCopy {
  private ConfigCopy() {}

  static Map<String, Object> of(Map<String, ?> config) {
    Map<String, Object> copy = new LinkedHashMap<>();
    config.forEach((key, value) -> copy.put(key, value(value)));
    return copy;
  }

  private static Object value(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, nested) -> copy.put(key, value(nested)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(nested -> copy.add(value(nested)));
      return copy;
    }
    return value;
  }
}
