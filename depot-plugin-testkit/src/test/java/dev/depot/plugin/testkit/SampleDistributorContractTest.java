package dev.depot.plugin.testkit;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import java.util.Map;

/** The contract as a plugin author runs it: a well-behaved distributor passes every check. */
class SampleDistributorContractTest implements DistributorContract {
  @Override
  public Distributor newDistributor() {
    return new SampleDistributor();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("relative_url", "notes");
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return Map.of("relative_url", Map.of("relative_url", "taken"));
  }

  @Override
  public TestConfigConduit configConduit() {
    return TestConfigConduit.of(
        new ConfiguredDistributor("other", "web", Map.of("relative_url", "taken")));
  }
}
