package dev.depot.plugins.puppet;

import java.util.regex.Pattern;

/**
 * Whether a dependency's {@code version_requirement} is a range {@code puppet module install} can
 * read, by the rules of Puppet's semantic_puppet (the npm range syntax): alternatives joined by
 * {@code ||}, each an inclusive {@code A - B} or space-separated comparisons ({@code >=1.0.0
 * <2.0.0}, {@code ~1.2}, {@code ^3}, {@code ~>1.2}, {@code 1.x}, {@code *}). Puppet refuses to
 * install a module whose requirement it cannot parse, even with {@code --ignore-dependencies}, so
 * such a tarball is refused where it enters Depot rather than published to fail on every machine.
 */
final class VersionRequirement {
  private static final String NUMBER = "(?:0|[1-9][0-9]*)";
  private static final String WILD = "(?:x|X|\\*|" + NUMBER + ")";
  private static final String PARTS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final String QUALIFIER = "(?:-" + PARTS + ")?(?:\\+" + PARTS + ")?";

  /**
   * A version, possibly partial or with wildcards: {@code 1}, {@code 1.2.x}, {@code 1.2.3-rc.1},
   * {@code *}. Puppet's newer releases want full numbers after some operators; the ones Debian
   * ships take wildcards everywhere, so everywhere is what is accepted.
   */
  private static final String PARTIAL =
      WILD + "(?:\\." + WILD + "(?:\\." + WILD + QUALIFIER + ")?)?";

  private static final Pattern COMPARISON = Pattern.compile("(?:[<>=~^]|<=|>=|~>|~=)?" + PARTIAL);
  private static final Pattern HYPHEN = Pattern.compile(PARTIAL + "\\s+-\\s+" + PARTIAL);

  /** Space after an operator (and a {@code v} before the version) does not split a comparison. */
  private static final Pattern OPERATOR_SPACE = Pattern.compile("([><=~^])(?:\\s+|\\s*v)");

  private VersionRequirement() {}

  /** Whether puppet reads {@code range}; blank means any version. */
  static boolean readable(String range) {
    String joined = OPERATOR_SPACE.matcher(range.strip()).replaceAll("$1");
    if (joined.isEmpty()) {
      return true;
    }
    for (String alternative : joined.split("\\s*\\|\\|\\s*")) {
      if (!readableAlternative(alternative)) {
        return false;
      }
    }
    return true;
  }

  private static boolean readableAlternative(String alternative) {
    if (alternative.isEmpty() || HYPHEN.matcher(alternative).matches()) {
      return true; // an empty alternative ("|| >=1.0.0") puppet ignores
    }
    for (String comparison : alternative.split("\\s+")) {
      if (!COMPARISON.matcher(comparison).matches()) {
        return false;
      }
    }
    return true;
  }
}
