package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
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
 * The checks importers and distributors share, written once. Implement {@link ImporterContract} or
 * {@link DistributorContract}, not this: they supply the methods that tell the two kinds apart
 * ({@link #newPlugin}, {@link #pluginType}, {@link #metadataOf}, {@link #init}, {@link #validate},
 * {@link #cancel}), and leave you {@link #validConfig} and {@link #invalidConfigs}.
 *
 * @param <P> {@link dev.depot.plugin.Importer} or {@link dev.depot.plugin.Distributor}
 */
public interface PluginContract<P> {

  /** A realistic config the plugin must accept: use most of its keys. */
  Map<String, Object> validConfig();

  /**
   * Configs the plugin must refuse, each a whole config that is wrong because of one key. The map's
   * key is the config key the refusal must name (in its fields and its message).
   */
  Map<String, Map<String, Object>> invalidConfigs();

  /** A new instance, as the platform's {@link java.util.ServiceLoader} would create it. */
  P newPlugin();

  /** The plugin interface whose {@code META-INF/services} file must list the plugin. */
  Class<P> pluginType();

  /** The plugin's metadata. */
  PluginMetadata metadataOf(P plugin);

  /** Hands the plugin the platform, as the server does before anything else. */
  void init(P plugin, Platform platform);

  /** Validates {@code config} the way the server does for this kind of plugin. */
  ValidationResult validate(P plugin, PluginCallConfiguration config);

  /** Asks the plugin to stop the sync or publish it is (not) running. */
  void cancel(P plugin);

  /** The repository the plugin is validated for; override if the plugin reads it. */
  default Repository repository() {
    return Repository.named("contract_repo");
  }

  /**
   * The platform handed to {@link #init}. Validation must not publish, so the default publish root
   * is a directory that need not exist.
   */
  default Platform platform() {
    return Platform.publishingUnder(
        Path.of(System.getProperty("java.io.tmpdir"), "depot-contract-publish-root"));
  }

  /** The id is lower case as in Pulp, the display name is set, and at least one type is named. */
  @Test
  default void metadataIsWellFormed() {
    P plugin = newPlugin();
    Registration.assertWellFormed(metadataOf(plugin), plugin.getClass());
  }

  /** The platform asks any instance for metadata, any number of times: it must not vary. */
  @Test
  default void metadataIsTheSameOnEveryInstance() {
    P first = newPlugin();
    assertThat(metadataOf(newPlugin())).isEqualTo(metadataOf(first)).isEqualTo(metadataOf(first));
  }

  /** The platform finds plugins only through {@code META-INF/services}. */
  @Test
  default void isListedAsAServiceWithAPublicNoArgConstructor() {
    Registration.assertListed(pluginType(), newPlugin().getClass());
  }

  /** The valid config is accepted as is. */
  @Test
  default void acceptsTheValidConfig() {
    Verdict.assertAccepted(validated(validConfig()), "the valid config");
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
                            validated(entry.getValue()),
                            entry.getKey(),
                            "the config with a bad " + entry.getKey())));
  }

  /** A key the plugin does not know (a typo, another plugin's key) is refused, not ignored. */
  @Test
  default void refusesAnUnknownKeyNamingIt() {
    String unknown = "no_such_key_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> config = ConfigCopy.of(validConfig());
    config.put(unknown, "x");
    Verdict.assertRefusedNaming(validated(config), unknown, "the valid config plus " + unknown);
  }

  /** Validation only reads: the nested lists and objects it is handed stay as they were. */
  @Test
  default void validationLeavesTheConfigUnchanged() {
    for (Map<String, Object> config : validAndInvalidConfigs()) {
      Map<String, Object> handed = ConfigCopy.of(config);
      validated(handed);
      assertThat(handed).as("the config after validateConfig").isEqualTo(ConfigCopy.of(config));
    }
  }

  /**
   * The platform may cancel an instance that has not started working (or never does); that must
   * return at once, from another thread, without throwing.
   */
  @Test
  default void cancellingAnIdleInstanceReturnsAtOnce() {
    P plugin = started();
    assertTimeoutPreemptively(Duration.ofSeconds(1), () -> cancel(plugin));
  }

  /** A new instance, {@link #init initialised}. */
  private P started() {
    P plugin = newPlugin();
    init(plugin, platform());
    return plugin;
  }

  /** What a fresh instance says of {@code config}, judged as the server judges it. */
  private ValidationResult validated(Map<String, Object> config) {
    P plugin = started();
    return Verdict.of(
        metadataOf(plugin).id(), () -> validate(plugin, PluginCallConfiguration.of(config)));
  }

  /** The valid config followed by every invalid one. */
  default List<Map<String, Object>> validAndInvalidConfigs() {
    return Stream.concat(Stream.of(validConfig()), invalidConfigs().values().stream()).toList();
  }
}
