package dev.depot.plugin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A path below the content server's {@code /pulp/} that a distributor's configuration claims, as
 * returned by {@link Distributor#servedPaths}. The platform refuses a configuration whose served
 * path equals or nests in one claimed by any other distributor, of any type and any repository, and
 * names {@link #key()} and {@link #value()} in the refusal.
 *
 * @param key the configuration key the path comes from, e.g. {@code relative_url}; named in the
 *     error when the path is taken
 * @param path slash-separated segments below {@code /pulp/}, without leading or trailing slash,
 *     e.g. {@code isos/zoo}
 * @param value the key's value as the user gives it (or the default standing in for it), e.g.
 *     {@code zoo}: the error names it, since {@code path} holds the type's prefix, which the user
 *     never typed
 */
public record ServedPath(String key, String path, String value) {
  private static final Pattern SEGMENTS = Pattern.compile("[^/]+(/[^/]+)*");

  /** Checks the key and value, and that the path is made of non-empty segments. */
  public ServedPath {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    if (!SEGMENTS.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "a served path is non-empty segments without leading or trailing slash: " + path);
    }
  }

  /**
   * A claim whose key's value is the path itself (no prefix before it): the error names the path.
   */
  public ServedPath(String key, String path) {
    this(key, path, path);
  }

  /** Whether the two would share a tree: equal, or one inside the other (segment-wise). */
  public boolean overlaps(ServedPath other) {
    return path.equals(other.path)
        || path.startsWith(other.path + "/")
        || other.path.startsWith(path + "/");
  }
}
