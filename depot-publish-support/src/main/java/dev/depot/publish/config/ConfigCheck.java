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
 * Collects the problems of one plugin config so the user sees all of them at once, each naming its
 * key, for a plugin's {@code validateConfig}. Values are never quoted in messages: they may be
 * passwords or private keys.
 *
 * <pre>{@code
 * ConfigCheck check = new ConfigCheck(config);
 * check.onlyKeys(Set.of("http", "https"));
 * check.bool("http");
 * return check.result();
 * }</pre>
 */
public final class ConfigCheck {
  private final PluginCallConfiguration config;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> keys = new TreeSet<>();

  /** A check of {@code config} that found no problem yet. */
  public ConfigCheck(PluginCallConfiguration config) {
    this.config = config;
  }

  /** The config being checked. */
  public PluginCallConfiguration config() {
    return config;
  }

  /** Records a problem of {@code key}; {@code message} is shown to the user as is. */
  public void problem(String key, String message) {
    keys.add(key);
    problems.add(message);
  }

  /** Refuses every key of the repository config not in {@code allowed}, listing the known ones. */
  public void onlyKeys(Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(config.repoConfig().keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      keys.addAll(unknown);
      problems.add(
          "Unknown configuration key(s): "
              + String.join(", ", unknown)
              + "; known keys: "
              + String.join(", ", new TreeSet<>(allowed)));
    }
  }

  /** Whether {@code key} is set in any layer of the config. */
  public boolean has(String key) {
    return config.get(key).isPresent();
  }

  /** A boolean (or its text), if set. */
  public void bool(String key) {
    try {
      config.getBoolean(key);
    } catch (ConfigValueException e) {
      problem(key, e.getMessage());
    }
  }

  /** A whole number within bounds, if set. */
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

  /** A string, if set; returns it or null. */
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

  /** Refuses {@code key} set without {@code other}. */
  public void requiresAlso(String key, String other) {
    if (has(key) && !has(other)) {
      problem(key, key + " requires " + other);
    }
  }

  /** Valid when no problem was recorded, else every message joined, naming every key. */
  public ValidationResult result() {
    return problems.isEmpty()
        ? ValidationResult.valid()
        : ValidationResult.invalid(String.join("; ", problems), keys.toArray(String[]::new));
  }
}
