package dev.depot.plugin;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a plugin's {@code validateConfig}: {@link Valid} or {@link Invalid}.
 *
 * <p>An invalid result refuses the whole change: the platform answers {@code 400} with the message
 * and keeps the previous configuration.
 */
public sealed interface ValidationResult {

  /** The configuration is acceptable. */
  ValidationResult VALID = new Valid();

  /** Returns the valid result. */
  static ValidationResult valid() {
    return VALID;
  }

  /**
   * Returns an invalid result.
   *
   * @param message what is wrong, naming the key and the expected value; shown to the user as is,
   *     so it must never contain a secret
   * @param fields the configuration keys at fault
   */
  static ValidationResult invalid(String message, String... fields) {
    return new Invalid(message, List.of(fields));
  }

  /** The configuration is acceptable. */
  record Valid() implements ValidationResult {}

  /**
   * The configuration is refused.
   *
   * @param message the user-facing reason
   * @param fields the configuration keys at fault, possibly empty
   */
  record Invalid(String message, List<String> fields) implements ValidationResult {
    /** Checks the message and copies the fields. */
    public Invalid {
      Objects.requireNonNull(message, "message");
      fields = List.copyOf(fields);
    }
  }
}
