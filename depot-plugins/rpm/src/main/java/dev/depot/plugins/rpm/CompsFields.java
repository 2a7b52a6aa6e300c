package dev.depot.plugins.rpm;

import java.util.List;
import java.util.Map;

/**
 * The metadata of the comps types as Pulp keeps it, checked field by field: a group's name, flags,
 * order and package names by kind; a category's groups; an environment's groups and options; each
 * with its translations; the langpacks' matches (package name, language package pattern).
 */
final class CompsFields {
  private CompsFields() {}

  /**
   * The checked metadata of a unit of {@code typeId}.
   *
   * @throws IllegalArgumentException naming the first field that is wrong
   */
  static Map<String, Object> check(String typeId, Map<String, Object> metadata) {
    Fields f = new Fields(metadata, "");
    if (typeId.equals(RpmTypes.LANGPACKS)) {
      // As comps.xml has them: install {@code install} (a %s pattern) beside package {@code name}.
      f.objects(
          "matches",
          m -> {
            m.text("name", true);
            m.text("install", true);
          });
      return f.result();
    }
    f.text("name", true);
    f.text("description", false);
    f.number("display_order");
    f.translations("translated_name");
    f.translations("translated_description");
    switch (typeId) {
      case RpmTypes.GROUP -> group(f);
      case RpmTypes.CATEGORY -> f.texts("packagegroupids");
      default -> {
        f.texts("group_ids");
        f.objects(
            "options",
            o -> {
              o.text("group", true);
              o.bool("default", false);
            });
      }
    }
    return f.result();
  }

  private static void group(Fields f) {
    f.bool("default", false);
    f.bool("user_visible", true);
    f.text("langonly", false);
    f.texts("mandatory_package_names");
    f.texts("default_package_names");
    f.texts("optional_package_names");
    Object conditional = f.raw("conditional_package_names");
    List<?> pairs = conditional == null ? List.of() : conditional instanceof List<?> l ? l : null;
    if (pairs == null) {
      throw new IllegalArgumentException("conditional_package_names must be a list");
    }
    for (int i = 0; i < pairs.size(); i++) {
      if (!(pairs.get(i) instanceof List<?> pair)
          || pair.size() != 2
          || !(pair.get(0) instanceof String)
          || !(pair.get(1) instanceof String)) {
        throw new IllegalArgumentException(
            "conditional_package_names[" + i + "] must be [package, required package]");
      }
    }
    f.put("conditional_package_names", List.copyOf(pairs));
  }
}
