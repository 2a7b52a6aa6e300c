package dev.depot.server.example;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.DistributorContract;
import dev.depot.plugin.testkit.TestConfigConduit;
import java.util.Map;

/** The example distributor keeps the distributor contract, as every plugin's distributor should. */
class EchoDistributorContractTest implements DistributorContract {
  @Override
  public Distributor newDistributor() {
    return new EchoDistributor();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("relative_url", "echo/notes", "serve_http", true, "steps", 2, "step_millis", 0);
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return Map.of(
        "relative_url", Map.of("relative_url", "echo/other"),
        "serve_http", Map.of("serve_http", "sometimes"),
        "steps", Map.of("steps", "many"));
  }

  @Override
  public TestConfigConduit configConduit() {
    return TestConfigConduit.of(
        new ConfiguredDistributor("other", "echo", Map.of("relative_url", "echo/other")));
  }
}
