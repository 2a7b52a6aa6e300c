package dev.depot.server.repo;

import dev.depot.server.error.InvalidValue;
import java.util.regex.Pattern;

/** Repository and distributor ids: letters, digits, {@code -}, {@code _} and {@code .} only. */
public final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._\\-]{1,255}");

  private Ids() {}

  /**
   * Checks an id given in field {@code field}.
   *
   * @throws InvalidValue (PLP0016) when absent, (PLP1003) when malformed
   */
  public static String check(String field, String kind, Object id) {
    if (id == null) {
      throw InvalidValue.missing(field);
    }
    if (!(id instanceof String text) || !ID.matcher(text).matches() || text.matches("\\.+")) {
      throw InvalidValue.coded(
          "PLP1003",
          "Invalid "
              + kind
              + " ID in "
              + field
              + ": "
              + id
              + " (use 1 to 255 letters, digits, '-', '_' and '.')",
          field);
    }
    return text;
  }
}
