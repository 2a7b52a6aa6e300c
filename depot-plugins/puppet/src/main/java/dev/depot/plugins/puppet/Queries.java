package dev.depot.plugins.puppet;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.config.TextList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The importer's {@code queries}: Pulp's list of search terms limiting what a Forge sync mirrors,
 * given as a JSON list of strings or one comma-separated string. A term of the form {@code
 * author-name} (or {@code author/name}) names one module; any other term names an author. Empty or
 * absent: the whole feed.
 */
final class Queries {
  static final String KEY = "queries";

  private static final Pattern MODULE_TERM = Pattern.compile("[A-Za-z0-9_]+[-/][a-z][a-z0-9_]*");

  private Queries() {}

  static void check(ConfigCheck check) {
    if (!check.has(KEY)) {
      return;
    }
    try {
      for (String term : of(check.config())) {
        if (!term.matches("[A-Za-z0-9_]+([-/][a-z][a-z0-9_]*)?")) {
          check.problem(KEY, KEY + ": not an author or an <author>-<name> module: '" + term + "'");
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      check.problem(KEY, KEY + " " + e.getMessage());
    }
  }

  /** The terms, trimmed, without empty ones. */
  static List<String> of(PluginCallConfiguration config) {
    return List.copyOf(TextList.of(config.get(KEY).orElse(null), "strings"));
  }

  /** Whether a term names one module ({@code author-name} or {@code author/name}). */
  static boolean namesModule(String term) {
    return MODULE_TERM.matcher(term).matches();
  }

  /**
   * Whether the release is one of those the terms name: its module for a module term, any of its
   * author's for an author term; every release when there are no terms. Authors compare without
   * case, as the Forge's user names do.
   */
  static boolean selects(List<String> terms, ModuleId id) {
    if (terms.isEmpty()) {
      return true;
    }
    for (String term : terms) {
      if (namesModule(term)
          ? term.replace('/', '-').equalsIgnoreCase(id.slug())
          : term.equalsIgnoreCase(id.author())) {
        return true;
      }
    }
    return false;
  }
}
