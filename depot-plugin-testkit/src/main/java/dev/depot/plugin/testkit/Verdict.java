package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.depot.plugin.ConfigValueException;
import dev.depot.plugin.ValidationResult;
import java.util.function.Supplier;

/**
 * What the platform makes of one {@code validateConfig} call, and the contracts' assertions on it.
 * The platform turns a {@link ConfigValueException} from the typed getters into a refusal naming
 * its key, and any other exception into a 500; the contracts do the same, so a plugin passes here
 * exactly when the server would answer 200 or 400.
 */
final class Verdict {
  private Verdict() {}

  static ValidationResult of(String pluginId, Supplier<ValidationResult> validateConfig) {
    ValidationResult result;
    try {
      result = validateConfig.get();
    } catch (ConfigValueException e) {
      return ValidationResult.invalid(e.getMessage(), e.key());
    } catch (RuntimeException e) {
      return fail(
          pluginId + ".validateConfig threw instead of returning a result (the server answers 500)",
          e);
    }
    if (result == null) {
      return fail(pluginId + ".validateConfig returned null");
    }
    return result;
  }

  static void assertAccepted(ValidationResult result, String what) {
    if (result instanceof ValidationResult.Invalid invalid) {
      fail(what + " was refused: " + invalid.message() + " " + invalid.fields());
    }
  }

  static void assertRefusedNaming(ValidationResult result, String key, String what) {
    assertThat(result)
        .as(what + " must be refused, naming " + key)
        .isInstanceOf(ValidationResult.Invalid.class);
    ValidationResult.Invalid invalid = (ValidationResult.Invalid) result;
    assertThat(invalid.fields())
        .as(what + ": the refusal's fields must name " + key + " (" + invalid.message() + ")")
        .contains(key);
    assertThat(invalid.message())
        .as(what + ": the refusal's message is all the user sees, so it must name " + key)
        .contains(key);
  }
}
