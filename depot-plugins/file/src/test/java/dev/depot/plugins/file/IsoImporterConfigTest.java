package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What is iso's own in {@code iso_importer}'s config: the shared feed keys are checked by {@code
 * FeedKeys} (its tests, in depot-publish-support, cover each value); iso only takes the mirror
 * switch under Depot's earlier name beside Pulp's.
 */
class IsoImporterConfigTest {

  private static ValidationResult validate(Map<String, ?> config) {
    return new IsoImporter()
        .validateConfig(Repository.named("zoo"), PluginCallConfiguration.of(config));
  }

  /** Asserts the config is refused naming exactly this key, and returns the message. */
  private static String refused(Map<String, ?> config, String key) {
    ValidationResult result = validate(config);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    ValidationResult.Invalid invalid = (ValidationResult.Invalid) result;
    assertThat(invalid.fields()).containsExactly(key);
    return invalid.message();
  }

  @Test
  void theSharedFeedKeysAreChecked() {
    assertThat(
            validate(
                Map.of(
                    "feed",
                    "https://example.com/isos/",
                    "num_threads",
                    8,
                    "proxy_host",
                    "proxy.example.com",
                    "proxy_port",
                    3128)))
        .isEqualTo(ValidationResult.valid());
    assertThat(refused(Map.of("num_threads", 0), "num_threads")).contains("num_threads");
  }

  @Test
  void theMirrorSwitchIsPulpsRemoveMissingAndDepotsEarlierRemoveMissingUnits() {
    // Pulp's iso importer reads importer_constants.KEY_UNITS_REMOVE_MISSING, "remove_missing"
    assertThat(validate(Map.of("remove_missing", true))).isEqualTo(ValidationResult.valid());
    assertThat(validate(Map.of("remove_missing_units", true))).isEqualTo(ValidationResult.valid());
    assertThat(validate(Map.of("remove_missing_units", "False")))
        .isEqualTo(ValidationResult.valid());
    assertThat(refused(Map.of("remove_missing_units", "perhaps"), "remove_missing_units"))
        .contains("true or false");
    assertThat(refused(Map.of("remove_missing", "perhaps"), "remove_missing"))
        .contains("true or false");
  }
}
