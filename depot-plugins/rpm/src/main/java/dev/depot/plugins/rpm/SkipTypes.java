package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.config.TextList;
import java.util.Set;

/**
 * Pulp's {@code skip} (stored by Pulp as {@code type_skip_list}; either name is taken): the content
 * types a yum sync leaves out, as a list (or comma-separated text). Pulp's type names are taken,
 * including those Depot does not sync yet; any other is refused naming it.
 */
final class SkipTypes {
  /** The config key, as Pulp's {@code pulp-admin} names the option. */
  static final String KEY = "skip";

  /** The key Pulp's yum importer stores it under ({@code CONFIG_SKIP}), as Katello sends it. */
  static final String PULP_KEY = "type_skip_list";

  private static final Set<String> KNOWN =
      Set.of(
          "rpm",
          "srpm",
          "drpm",
          "erratum",
          "distribution",
          "package_group",
          "package_category",
          "package_environment",
          "package_langpacks",
          "modulemd",
          "modulemd_defaults",
          "yum_repo_metadata_file");

  private SkipTypes() {}

  static void check(ConfigCheck check) {
    if (check.has(KEY) && check.has(PULP_KEY)) {
      check.problem(PULP_KEY, PULP_KEY + " is Pulp's name for " + KEY + ": give one, not both");
      return;
    }
    String key = check.has(KEY) ? KEY : PULP_KEY;
    if (!check.has(key)) {
      return;
    }
    try {
      for (String type : of(check.config())) {
        if (!KNOWN.contains(type)) {
          check.problem(
              key, key + ": '" + type + "' is not a yum content type; known: " + sorted());
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      check.problem(key, key + " " + e.getMessage());
    }
  }

  /** The types to leave out, from {@code skip} or else {@code type_skip_list}. */
  static Set<String> of(PluginCallConfiguration config) {
    return TextList.of(
        config.get(KEY).or(() -> config.get(PULP_KEY)).orElse(null), "content types");
  }

  private static String sorted() {
    return String.join(", ", new java.util.TreeSet<>(KNOWN));
  }
}
