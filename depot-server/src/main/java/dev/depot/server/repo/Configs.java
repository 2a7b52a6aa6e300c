package dev.depot.server.repo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Config hygiene as in Pulp: a stored config never holds nulls; in an update a null value removes
 * the key, other values overwrite, keys not mentioned stay.
 */
public final class Configs {
  private Configs() {}

  /** The config without its null-valued keys. */
  public static Map<String, Object> withoutNulls(Map<String, Object> config) {
    Map<String, Object> clean = new LinkedHashMap<>();
    if (config != null) {
      config.forEach(
          (k, v) -> {
            if (v != null) {
              clean.put(k, v);
            }
          });
    }
    return clean;
  }

  /** The stored config with the changes applied. */
  public static Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> changes) {
    Map<String, Object> merged = new LinkedHashMap<>(stored);
    changes.forEach(
        (k, v) -> {
          if (v == null) {
            merged.remove(k);
          } else {
            merged.put(k, v);
          }
        });
    return merged;
  }
}
