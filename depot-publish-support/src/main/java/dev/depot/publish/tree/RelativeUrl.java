package dev.depot.publish.tree;

import java.util.regex.Pattern;

/**
 * Where a repository is published, below its type's prefix (e.g. {@code /pulp/isos/}, {@code
 * /pulp/exports/}): relative segments only, no {@code ..}, nothing that could escape the publish
 * root. A {@code RelativeUrl} that exists is safe. Messages name the {@code relative_url} key, the
 * config key every Pulp distributor uses for it.
 *
 * @param path the normalised path, without leading or trailing slash
 */
public record RelativeUrl(String path) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._~/\\-]+");

  /** Checks the path. */
  public RelativeUrl {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("relative_url must not be empty");
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException("relative_url must be relative, not start with /");
    }
    if (!ALLOWED.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "relative_url may only hold letters, digits, '.', '_', '~', '-' and '/'");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "relative_url must not contain empty, '.' or '..' segments");
      }
    }
  }

  /** Parses user input, dropping one trailing slash. */
  public static RelativeUrl parse(String text) {
    String trimmed =
        text != null && text.endsWith("/") && text.length() > 1
            ? text.substring(0, text.length() - 1)
            : text;
    return new RelativeUrl(trimmed);
  }

  /** Whether two publications would overlap: equal, or one inside the other. */
  public boolean overlaps(RelativeUrl other) {
    return path.equals(other.path)
        || path.startsWith(other.path + "/")
        || other.path.startsWith(path + "/");
  }

  @Override
  public String toString() {
    return path;
  }
}
