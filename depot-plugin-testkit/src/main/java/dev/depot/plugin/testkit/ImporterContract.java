package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.depot.plugin.Importer;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link Importer} keeps, as JUnit tests. Implement it in a test class, supply
 * the three abstract methods, and the default test methods run against your importer:
 *
 * <pre>{@code
 * class NoteImporterContractTest implements ImporterContract {
 *   public Importer newImporter() { return new NoteImporter(); }
 *   public Map<String, Object> validConfig() { return Map.of("feed", "https://example.com/"); }
 *   public Map<String, Map<String, Object>> invalidConfigs() {
 *     return Map.of("feed", Map.of("feed", "ftp://example.com/"));
 *   }
 * }
 * }</pre>
 *
 * <p>Each check calls {@link Importer#init} first, as the platform does, and validates the way the
 * platform does: a {@link dev.depot.plugin.ConfigValueException} from the typed getters is a
 * refusal naming its key, any other exception fails the check.
 */
public interface ImporterContract {

  /** A new instance, as the platform's {@link java.util.ServiceLoader} would create it. */
  Importer newImporter();

  /** A realistic config the importer must accept: use most of its keys. */
  Map<String, Object> validConfig();

  /**
   * Configs the importer must refuse, each a whole config that is wrong because of one key. The
   * map's key is the config key the refusal must name (in its fields and its message).
   */
  Map<String, Map<String, Object>> invalidConfigs();

  /** The repository the importer is validated for; override if the plugin reads it. */
  default Repository repository() {
    return Repository.named("contract_repo");
  }

  /**
   * The platform handed to {@link Importer#init}. Validation must not publish, so the default
   * publish root is a directory that need not exist.
   */
  default Platform platform() {
    return Platform.publishingUnder(
        Path.of(System.getProperty("java.io.tmpdir"), "depot-contract-publish-root"));
  }

  /** The id is lower case as in Pulp, the display name is set, and at least one type is named. */
  @Test
  default void metadataIsWellFormed() {
    Importer importer = newImporter();
    Registration.assertWellFormed(importer.metadata(), importer.getClass());
  }

  /** The platform asks any instance for metadata, any number of times: it must not vary. */
  @Test
  default void metadataIsTheSameOnEveryInstance() {
    Importer first = newImporter();
    assertThat(newImporter().metadata()).isEqualTo(first.metadata()).isEqualTo(first.metadata());
  }

  /** The platform finds importers only through {@code META-INF/services}. */
  @Test
  default void isListedAsAnImporterServiceWithAPublicNoArgConstructor() {
    Registration.assertListed(Importer.class, newImporter().getClass());
  }

  /** The valid config is accepted as is. */
  @Test
  default void acceptsTheValidConfig() {
    Verdict.assertAccepted(validate(validConfig()), "the valid config");
  }

  /** Each invalid config is refused, and the refusal names the key that is wrong. */
  @TestFactory
  default Stream<DynamicTest> refusesEachInvalidConfigNamingItsKey() {
    Map<String, Map<String, Object>> invalid = invalidConfigs();
    assertThat(invalid)
        .as("invalidConfigs(): give at least one, or nothing is checked")
        .isNotEmpty();
    return invalid.entrySet().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    "refuses a bad " + entry.getKey(),
                    () ->
                        Verdict.assertRefusedNaming(
                            validate(entry.getValue()),
                            entry.getKey(),
                            "the config with a bad " + entry.getKey())));
  }

  /** A key the importer does not know (a typo, a key of another plugin) is refused, not ignored. */
  @Test
  default void refusesAnUnknownKeyNamingIt() {
    String unknown = "no_such_key_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> config = ConfigCopy.of(validConfig());
    config.put(unknown, "x");
    Verdict.assertRefusedNaming(validate(config), unknown, "the valid config plus " + unknown);
  }

  /** Validation only reads: the nested lists and objects it is handed stay as they were. */
  @Test
  default void validationLeavesTheConfigUnchanged() {
    for (Map<String, Object> config : validAndInvalidConfigs()) {
      Map<String, Object> handed = ConfigCopy.of(config);
      validate(handed);
      assertThat(handed).as("the config after validateConfig").isEqualTo(ConfigCopy.of(config));
    }
  }

  /**
   * The platform may cancel an instance that has not started syncing (or does not sync at all);
   * that must return at once, from another thread, without throwing.
   */
  @Test
  default void cancelSyncRepoOnAnIdleInstanceReturnsAtOnce() {
    Importer importer = started();
    assertTimeoutPreemptively(Duration.ofSeconds(1), importer::cancelSyncRepo);
  }

  private Importer started() {
    Importer importer = newImporter();
    importer.init(platform());
    return importer;
  }

  private ValidationResult validate(Map<String, Object> config) {
    Importer importer = started();
    return Verdict.of(
        importer.metadata().id(),
        () -> importer.validateConfig(repository(), PluginCallConfiguration.of(config)));
  }

  private List<Map<String, Object>> validAndInvalidConfigs() {
    return Stream.concat(Stream.of(validConfig()), invalidConfigs().values().stream()).toList();
  }
}
