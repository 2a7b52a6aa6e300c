package dev.depot.publish.config;

import dev.depot.plugin.ConfigValueException;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.ValidationResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the problems of one plugin configuration so the user sees all of them at once, each
 * naming its key; {@link #result()} is what {@code validateConfig} answers.
 *
 * <p>Values are never quoted in messages: they may be passwords or private keys. A plugin's own
 * checks follow the same rule when they call {@link #problem}.
 *
 * <pre>{@code
 * ConfigCheck check = new ConfigCheck(config);
 * check.onlyKeys(Set.of("relative_url", "http", "https"));
 * check.bool("http");
 * check.bool("https");
 * return check.result();
 * }</pre>
 */
public final class ConfigCheck {
  private final PluginCallConfiguration config;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> keys = new TreeSet<>();

  /** A check of one configuration, with no problem found yet. */
  public ConfigCheck(PluginCallConfiguration config) {
    this.config = config;
  }

  /** The configuration being checked. */
  public PluginCallConfiguration config() {
    return config;
  }

  /** Records a problem with a key; the message should name the key and never quote its value. */
  public void problem(String key, String message) {
    keys.add(key);
    problems.add(message);
  }

  /**
   * Refuses the repository-level keys outside {@code allowed}, naming them and the known keys.
   * Plugin defaults and per-call overrides are not checked: the server's administrator and the
   * platform set those.
   */
  public void onlyKeys(Set<String> allowed) {
    onlyKeys(allowed, Set.of());
  }

  /**
   * {@link #onlyKeys(Set)} for a type that recognises keys it does not support yet (Pulp's keys a
   * plugin refuses with a message of its own): they are not unknown, and the refusal of an unknown
   * key lists them apart from the keys it takes, so a user is not pointed at a key that is refused
   * next.
   */
  public void onlyKeys(Set<String> allowed, Set<String> notSupportedYet) {
    Set<String> unknown = new TreeSet<>(config.repoConfig().keySet());
    unknown.removeAll(allowed);
    unknown.removeAll(notSupportedYet);
    if (!unknown.isEmpty()) {
      keys.addAll(unknown);
      problems.add(
          "Unknown configuration key(s): "
              + String.join(", ", unknown)
              + "; known keys: "
              + String.join(", ", new TreeSet<>(allowed))
              + (notSupportedYet.isEmpty()
                  ? ""
                  : "; recognised but not supported yet: "
                      + String.join(", ", new TreeSet<>(notSupportedYet))));
    }
  }

  /** Whether the key has a (non-null) value in any layer. */
  public boolean has(String key) {
    return config.get(key).isPresent();
  }

  /** A boolean ({@code true}/{@code false}, as JSON or text), if set. */
  public void bool(String key) {
    try {
      config.getBoolean(key);
    } catch (ConfigValueException e) {
      problem(key, e.getMessage());
    }
  }

  /** A whole number within bounds (both included), if set. */
  public void number(String key, long min, long max) {
    try {
      config
          .getLong(key)
          .filter(n -> n < min || n > max)
          .ifPresent(n -> problem(key, key + " must be between " + min + " and " + max));
    } catch (ConfigValueException e) {
      problem(key, e.getMessage());
    }
  }

  /** A number greater than zero, if set; decimals and their text are accepted. */
  public void positiveNumber(String key) {
    Object value = config.get(key).orElse(null);
    BigDecimal number;
    try {
      number =
          switch (value) {
            case null -> null;
            case Number n -> new BigDecimal(n.toString());
            case String text -> new BigDecimal(text.trim());
            default -> BigDecimal.ZERO;
          };
    } catch (NumberFormatException e) {
      number = BigDecimal.ZERO; // not a number: refused below like zero
    }
    if (number != null && number.signum() <= 0) {
      problem(key, key + " must be a number greater than 0");
    }
  }

  /** A string, if set; returns it, or null when unset or not a string (then a problem). */
  public String string(String key) {
    Object value = config.get(key).orElse(null);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      problem(key, key + " must be a string");
      return null;
    }
    return text;
  }

  /** Refuses {@code key} set without {@code other}: "{@code key} requires {@code other}". */
  public void requiresAlso(String key, String other) {
    if (has(key) && !has(other)) {
      problem(key, key + " requires " + other);
    }
  }

  /** Valid when no problem was found, else every problem in one message, naming every key. */
  public ValidationResult result() {
    return problems.isEmpty()
        ? ValidationResult.valid()
        : ValidationResult.invalid(String.join("; ", problems), keys.toArray(String[]::new));
  }
}
