package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.ValidationResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
public interface DistributorContract extends PluginContract<Distributor> {

  /** A new instance, as the platform's {@link java.util.ServiceLoader} would create it. */
  Distributor newDistributor();

  /**
   * What other repositories' distributors of this type are configured with, for every validation
   * the contract makes; the default lists none. The valid config must not clash with them.
   */
  default TestConfigConduit configConduit() {
    return TestConfigConduit.empty();
  }

  @Override
  default Distributor newPlugin() {
    return newDistributor();
  }

  @Override
  default Class<Distributor> pluginType() {
    return Distributor.class;
  }

  @Override
  default PluginMetadata metadataOf(Distributor distributor) {
    return distributor.metadata();
  }

  @Override
  default void init(Distributor distributor, Platform platform) {
    distributor.init(platform);
  }

  /** Validates with {@link #configConduit()} as the other repositories' distributors. */
  @Override
  default ValidationResult validate(Distributor distributor, PluginCallConfiguration config) {
    return distributor.validateConfig(repository(), config, configConduit());
  }

  /** Calls {@link Distributor#cancelPublishRepo}. */
  @Override
  default void cancel(Distributor distributor) {
    distributor.cancelPublishRepo();
  }

  /** The platform's list of other distributors holds a database cursor: it must be closed. */
  @Test
  default void validationClosesTheOtherDistributorsStream() {
    for (Map<String, Object> config : validAndInvalidConfigs()) {
      TestConfigConduit conduit = configConduit();
      int before = conduit.unclosedStreams();
      Distributor distributor = newDistributor();
      distributor.init(platform());
      Verdict.of(
          distributor.metadata().id(),
          () ->
              distributor.validateConfig(
                  repository(), PluginCallConfiguration.of(config), conduit));
      assertThat(conduit.unclosedStreams())
          .as("streams from ConfigConduit.otherDistributors() left open")
          .isEqualTo(before);
    }
  }
}
