package dev.depot.plugins.puppet;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.config.TextList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The importer's {@code queries}: Pulp's list of search terms limiting what a sync mirrors, given
 * as a JSON list of strings or one comma-separated string. Empty or absent: the whole feed.
 *
 * <p>A term of the form {@code author-name} (or {@code author/name}) names one module exactly. Any
 * other term is free text, as Pulp sent each query to the Forge's search ({@code
 * modules.json?q=<term>}): on a Forge it is the Forge's own search, {@code /v3/modules?query=}
 * (which matches module names, owners and more, such as tags); against a manifest's tarballs, which
 * no search service describes, it matches when it is part of the module's author or name, without
 * case ({@link #matches}).
 */
final class Queries {
  static final String KEY = "queries";

  /** A term longer than this is no search a Forge answers usefully: a mistake, refused. */
  static final int MAX_LENGTH = 100;

  private static final Pattern MODULE_TERM = Pattern.compile("[A-Za-z0-9_]+[-/][a-z][a-z0-9_]*");

  private Queries() {}

  static void check(ConfigCheck check) {
    if (!check.has(KEY)) {
      return;
    }
    try {
      for (String term : of(check.config())) {
        if (term.length() > MAX_LENGTH || term.chars().anyMatch(Character::isISOControl)) {
          check.problem(
              KEY,
              KEY
                  + ": a search term of at most "
                  + MAX_LENGTH
                  + " characters, without control characters, or an <author>-<name> module: '"
                  + term
                  + "'");
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
   * Whether {@code term} names the release's module, known by its author and name only: a module
   * term when it is that module (authors compare without case, as the Forge's user names do), a
   * free-text term when it is part of the author or of the name, without case.
   */
  static boolean matches(String term, ModuleId id) {
    return matches(term, id.author(), id.name());
  }

  /** {@link #matches(String, ModuleId)} for a module known by its author and name. */
  static boolean matches(String term, String author, String name) {
    if (namesModule(term)) {
      return term.replace('/', '-').equalsIgnoreCase(author + "-" + name);
    }
    String text = term.toLowerCase(Locale.ROOT);
    return author.toLowerCase(Locale.ROOT).contains(text)
        || name.toLowerCase(Locale.ROOT).contains(text);
  }

  /** Whether any of the terms {@link #matches} the release; every release when there are none. */
  static boolean selects(List<String> terms, ModuleId id) {
    return terms.isEmpty() || terms.stream().anyMatch(term -> matches(term, id));
  }
}
