package dev.depot.plugins.example;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.PublishContract;
import dev.depot.plugin.testkit.TestConfigConduit;
import dev.depot.plugin.testkit.UnitSpec;
import java.util.Map;

// tag::distributor-contract[]
/** {@code memo_distributor} keeps the testkit's distributor and publish contracts. */
class MemoDistributorContractTest implements PublishContract {
  @Override
  public Distributor newDistributor() {
    return new MemoDistributor();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("relative_url", "team/memos", "serve_http", true, "serve_https", false);
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "relative_url", with(valid, "relative_url", "team/../../etc"),
        "serve_http", with(valid, "serve_http", "sometimes"));
  }

  @Override
  public UnitSpec unitFor(String name, byte[] content) {
    var key = Map.<String, Object>of("name", name, "sha256", Feeds.sha256(content));
    return new UnitSpec("memo", key, Map.of(), name);
  }

  /** Another repository publishes beside the valid config's relative_url, not over it. */
  @Override
  public TestConfigConduit configConduit() {
    return TestConfigConduit.of(
        new ConfiguredDistributor("other", "web", Map.of("relative_url", "team/other")));
  }
}
// end::distributor-contract[]
