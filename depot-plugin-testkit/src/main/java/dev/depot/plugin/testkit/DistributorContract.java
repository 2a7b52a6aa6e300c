package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.depot.plugin.Distributor;
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
 * The contract every {@link Distributor} keeps, as JUnit tests. Implement it in a test class,
 * supply the three abstract methods, and the default test methods run against your distributor:
 *
 * <pre>{@code
 * class NoteDistributorContractTest implements DistributorContract {
 *   public Distributor newDistributor() { return new NoteDistributor(); }
 *   public Map<String, Object> validConfig() { return Map.of("relative_url", "notes/"); }
 *   public Map<String, Map<String, Object>> invalidConfigs() {
 *     return Map.of("relative_url", Map.of("relative_url", "../notes"));
 *   }
 * }
 * }</pre>
 *
 * <p>Each check calls {@link Distributor#init} first, as the platform does, and validates the way
 * the platform does: a {@link dev.depot.plugin.ConfigValueException} from the typed getters is a
 * refusal naming its key, any other exception fails the check. Other repositories' distributors
 * come from {@link #configConduit()}: override it to make an invalid config clash with them.
 */
public interface DistributorContract {

  /** A new instance, as the platform's {@link java.util.ServiceLoader} would create it. */
  Distributor newDistributor();

  /** A realistic config the distributor must accept: use most of its keys. */
  Map<String, Object> validConfig();

  /**
   * Configs the distributor must refuse, each a whole config that is wrong because of one key. The
   * map's key is the config key the refusal must name (in its fields and its message).
   */
  Map<String, Map<String, Object>> invalidConfigs();

  /**
   * What other repositories' distributors of this type are configured with, for every validation
   * the contract makes; the default lists none. The valid config must not clash with them.
   */
  default TestConfigConduit configConduit() {
    return TestConfigConduit.empty();
  }

  /** The repository the distributor is validated for; override if the plugin reads it. */
  default Repository repository() {
    return Repository.named("contract_repo");
  }

  /**
   * The platform handed to {@link Distributor#init}. Validation must not publish, so the default
   * publish root is a directory that need not exist.
   */
  default Platform platform() {
    return Platform.publishingUnder(
        Path.of(System.getProperty("java.io.tmpdir"), "depot-contract-publish-root"));
  }

  /** The id is lower case as in Pulp, the display name is set, and at least one type is named. */
  @Test
  default void metadataIsWellFormed() {
    Distributor distributor = newDistributor();
    Registration.assertWellFormed(distributor.metadata(), distributor.getClass());
  }

  /** The platform asks any instance for metadata, any number of times: it must not vary. */
  @Test
  default void metadataIsTheSameOnEveryInstance() {
    Distributor first = newDistributor();
    assertThat(newDistributor().metadata()).isEqualTo(first.metadata()).isEqualTo(first.metadata());
  }

  /** The platform finds distributors only through {@code META-INF/services}. */
  @Test
  default void isListedAsADistributorServiceWithAPublicNoArgConstructor() {
    Registration.assertListed(Distributor.class, newDistributor().getClass());
  }

  /** The valid config is accepted as is. */
  @Test
  default void acceptsTheValidConfig() {
    Verdict.assertAccepted(validate(validConfig(), configConduit()), "the valid config");
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
                            validate(entry.getValue(), configConduit()),
                            entry.getKey(),
                            "the config with a bad " + entry.getKey())));
  }

  /** A key the distributor does not know (a typo, another plugin's key) is refused, not ignored. */
  @Test
  default void refusesAnUnknownKeyNamingIt() {
    String unknown = "no_such_key_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> config = ConfigCopy.of(validConfig());
    config.put(unknown, "x");
    Verdict.assertRefusedNaming(
        validate(config, configConduit()), unknown, "the valid config plus " + unknown);
  }

  /** Validation only reads: the nested lists and objects it is handed stay as they were. */
  @Test
  default void validationLeavesTheConfigUnchanged() {
    for (Map<String, Object> config : validAndInvalidConfigs()) {
      Map<String, Object> handed = ConfigCopy.of(config);
      validate(handed, configConduit());
      assertThat(handed).as("the config after validateConfig").isEqualTo(ConfigCopy.of(config));
    }
  }

  /** The platform's list of other distributors holds a database cursor: it must be closed. */
  @Test
  default void validationClosesTheOtherDistributorsStream() {
    for (Map<String, Object> config : validAndInvalidConfigs()) {
      TestConfigConduit conduit = configConduit();
      int before = conduit.unclosedStreams();
      validate(config, conduit);
      assertThat(conduit.unclosedStreams())
          .as("streams from ConfigConduit.otherDistributors() left open")
          .isEqualTo(before);
    }
  }

  /**
   * The platform may cancel an instance that has not started publishing; that must return at once,
   * from another thread, without throwing.
   */
  @Test
  default void cancelPublishRepoOnAnIdleInstanceReturnsAtOnce() {
    Distributor distributor = started();
    assertTimeoutPreemptively(Duration.ofSeconds(1), distributor::cancelPublishRepo);
  }

  private Distributor started() {
    Distributor distributor = newDistributor();
    distributor.init(platform());
    return distributor;
  }

  private ValidationResult validate(Map<String, Object> config, TestConfigConduit conduit) {
    Distributor distributor = started();
    return Verdict.of(
        distributor.metadata().id(),
        () ->
            distributor.validateConfig(repository(), PluginCallConfiguration.of(config), conduit));
  }

  private List<Map<String, Object>> validAndInvalidConfigs() {
    return Stream.concat(Stream.of(validConfig()), invalidConfigs().values().stream()).toList();
  }
}
