package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import java.util.List;
import java.util.Map;

/**
 * Caps on the free-form JSON clients store: notes and plugin configs. The body cap bounds one
 * request; these bound what one request may leave in the database and every later read of it, and a
 * refusal names the field at fault (e.g. {@code notes.build}).
 *
 * @param longestString characters of one string
 * @param longestKey characters of one object key
 * @param largestCollection entries of one object or list
 * @param deepest levels of nesting
 */
record JsonCaps(int longestString, int longestKey, int largestCollection, int deepest) {
  /** Notes are labels (Katello's {@code _repo-type}, a build id): small and flat. */
  static final JsonCaps NOTES = new JsonCaps(16 * 1024, 256, 256, 4);

  /**
   * Plugin configs hold certificates and CA bundles (a public bundle is about 220 KB) and lists
   * such as queries or types to skip.
   */
  static final JsonCaps CONFIG = new JsonCaps(512 * 1024, 256, 10_000, 16);

  /** Any other string field: names, descriptions, ids. */
  static final int LONGEST_TEXT = 64 * 1024;

  /**
   * Checks a value against the caps.
   *
   * @param field the field's name, the start of every path in an error
   * @throws InvalidValue naming the first part that is too large
   */
  void check(String field, Object value) {
    check(field, value, 0);
  }

  private void check(String path, Object value, int depth) {
    if (depth > deepest) {
      throw InvalidValue.of(path + " nests deeper than " + deepest + " levels", path);
    }
    switch (value) {
      case String text when text.length() > longestString ->
          throw InvalidValue.of(
              path + " is " + text.length() + " characters long; at most " + longestString, path);
      case Map<?, ?> map -> {
        requireSize(path, map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String key = String.valueOf(entry.getKey());
          if (key.length() > longestKey) {
            throw InvalidValue.of(
                path + " has a key " + key.length() + " characters long; at most " + longestKey,
                path);
          }
          check(path + "." + key, entry.getValue(), depth + 1);
        }
      }
      case List<?> list -> {
        requireSize(path, list.size());
        for (int i = 0; i < list.size(); i++) {
          check(path + "[" + i + "]", list.get(i), depth + 1);
        }
      }
      case null, default -> {}
    }
  }

  private void requireSize(String path, int size) {
    if (size > largestCollection) {
      throw InvalidValue.of(path + " has " + size + " entries; at most " + largestCollection, path);
    }
  }
}
