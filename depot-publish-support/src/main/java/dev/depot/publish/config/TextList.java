package dev.depot.publish.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A config value that names several things, as Pulp's keys take them: a JSON list of strings, or
 * one string of comma-separated items (what a form field or {@code pulp-admin} sends). Items are
 * trimmed; blank ones are dropped; the order is kept, each item once. A whole number, alone or in
 * the list, is taken as its decimal text: a client that types what looks like a number (the CLI's
 * {@code queries=123}, a key id of digits) means the text.
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
          case Long number -> List.of(number);
          case Integer number -> List.of(number);
          default -> throw new IllegalArgumentException("must be a list of " + what);
        };
    for (Object item : raw) {
      String text =
          switch (item) {
            case String string -> string;
            case Long number -> number.toString();
            case Integer number -> number.toString();
            case null, default -> throw new IllegalArgumentException("must be a list of " + what);
          };
      if (!text.isBlank()) {
        items.add(text.strip());
      }
    }
    return items;
  }
}
