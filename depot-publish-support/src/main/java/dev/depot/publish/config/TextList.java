package dev.depot.publish.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A config value that names several things, as Pulp's keys take them: a JSON list of strings, or
 * one string of comma-separated items (what a form field or {@code pulp-admin} sends). Items are
 * trimmed; blank ones are dropped; the order is kept, each item once.
 */
public final class TextList {
  private TextList() {}

  /**
   * The items of {@code value}; empty for null.
   *
   * @param what what the items are, for the message ({@code content types})
   * @throws IllegalArgumentException "must be a list of {@code what}" for any other value
   */
  public static Set<String> of(Object value, String what) {
    Set<String> items = new LinkedHashSet<>();
    if (value == null) {
      return items;
    }
    List<?> raw =
        switch (value) {
          case String text -> List.of(text.split(","));
          case List<?> list -> list;
          default -> throw new IllegalArgumentException("must be a list of " + what);
        };
    for (Object item : raw) {
      if (!(item instanceof String text)) {
        throw new IllegalArgumentException("must be a list of " + what);
      }
      if (!text.isBlank()) {
        items.add(text.strip());
      }
    }
    return items;
  }
}
