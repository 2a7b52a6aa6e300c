package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is puppet's own in {@code puppet_importer}'s config: {@code queries}. */
class PuppetImporterConfigTest {

  private static ValidationResult validate(Map<String, ?> config) {
    return new PuppetImporter()
        .validateConfig(Repository.named("forge"), PluginCallConfiguration.of(config));
  }

  private static String refused(Map<String, ?> config, String key) {
    ValidationResult result = validate(config);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    ValidationResult.Invalid invalid = (ValidationResult.Invalid) result;
    assertThat(invalid.fields()).containsExactly(key);
    return invalid.message();
  }

  @Test
  void queriesMayBeAListOrACommaSeparatedStringOfModulesOrFreeText() {
    Map<String, Object> feed = Map.of("feed", "https://forgeapi.puppet.com");
    assertThat(validate(Map.of("queries", List.of("puppetlabs-stdlib", "acme/web", "example"))))
        .isEqualTo(ValidationResult.valid());
    assertThat(validate(Map.of("feed", feed.get("feed"), "queries", "puppetlabs-stdlib, acme")))
        .isEqualTo(ValidationResult.valid());
    assertThat(Queries.of(PluginCallConfiguration.of(Map.of("queries", " a-b ,, c "))))
        .containsExactly("a-b", "c");
    // Free text is whatever a user types into the Forge's search box.
    assertThat(validate(Map.of("queries", List.of("web server & proxy", "puppet-lint!"))))
        .isEqualTo(ValidationResult.valid());
    // The CLI sends queries=123 as a number: the user searched for the text.
    assertThat(validate(Map.of("queries", 123L))).isEqualTo(ValidationResult.valid());
    assertThat(Queries.of(PluginCallConfiguration.of(Map.of("queries", 123L))))
        .containsExactly("123");
  }

  @Test
  void queriesThatAreNotTermsAreRefusedNamingQueries() {
    assertThat(refused(Map.of("queries", true), "queries")).contains("queries");
    assertThat(refused(Map.of("queries", List.of("bad\nterm")), "queries"))
        .contains("queries")
        .contains("control characters");
    assertThat(refused(Map.of("queries", List.of("x".repeat(101))), "queries"))
        .contains("at most 100 characters");
    assertThat(refused(Map.of("queries", List.of("acme", Map.of())), "queries"))
        .contains("queries");
  }

  @Test
  void anUnknownKeyIsRefusedNamingIt() {
    assertThat(refused(Map.of("feed", "https://forgeapi.puppet.com", "querys", "x"), "querys"))
        .contains("querys");
  }

  @Test
  void theSharedFeedKeysAreChecked() {
    assertThat(
            validate(
                Map.of(
                    "feed",
                    "http://depot.example.com/pulp_puppet/forge/repository/r1",
                    "num_threads",
                    4,
                    "remove_missing",
                    true,
                    "validate",
                    true,
                    "max_speed",
                    100000)))
        .isEqualTo(ValidationResult.valid());
    assertThat(refused(Map.of("num_threads", 0), "num_threads")).contains("num_threads");
    assertThat(refused(Map.of("feed", "ftp://forge.example.com/"), "feed")).contains("feed");
  }
}
