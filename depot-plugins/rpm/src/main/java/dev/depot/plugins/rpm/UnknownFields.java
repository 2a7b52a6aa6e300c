package dev.depot.plugins.rpm;

import java.util.List;
import java.util.Map;

/**
 * Finds what an upload's JSON holds that its check left out: a field no unit of the type has, at
 * any depth ({@code severty}, {@code pkglist[0].packages[0].archh}). Checking keeps only the fields
 * it knows, so a misspelt one would otherwise be dropped while the upload said it was added. Fields
 * named with a leading underscore (Pulp's own, as {@code _id} and {@code _ns} in its exports) and
 * empty ones are not counted.
 */
final class UnknownFields {
  private UnknownFields() {}

  /**
   * Refuses {@code given} when it has a field {@code checked} (what the check made of it) lacks.
   *
   * @throws IllegalArgumentException naming the first such field and the known ones beside it
   */
  static void refuse(Map<?, ?> given, Map<?, ?> checked) {
    refuse(given, checked, "");
  }

  private static void refuse(Map<?, ?> given, Map<?, ?> checked, String path) {
    for (Map.Entry<?, ?> field : given.entrySet()) {
      String name = String.valueOf(field.getKey());
      Object value = field.getValue();
      if (name.startsWith("_") || value == null || value instanceof String s && s.isBlank()) {
        continue;
      }
      String named = path.isEmpty() ? name : path + "." + name;
      if (!checked.containsKey(name)) {
        throw new IllegalArgumentException(
            named + " is not a field of this unit; known here: " + known(checked));
      }
      Object kept = checked.get(name);
      if (value instanceof Map<?, ?> inner && kept instanceof Map<?, ?> keptInner) {
        refuse(inner, keptInner, named);
      } else if (value instanceof List<?> items && kept instanceof List<?> keptItems) {
        for (int i = 0; i < Math.min(items.size(), keptItems.size()); i++) {
          if (items.get(i) instanceof Map<?, ?> item && keptItems.get(i) instanceof Map<?, ?> k) {
            refuse(item, k, named + "[" + i + "]");
          }
        }
      }
    }
  }

  private static String known(Map<?, ?> checked) {
    return String.join(", ", checked.keySet().stream().map(String::valueOf).toList());
  }
}
