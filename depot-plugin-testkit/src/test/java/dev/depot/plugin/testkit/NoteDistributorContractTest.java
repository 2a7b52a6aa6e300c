package dev.depot.plugin.testkit;

import dev.depot.plugin.Distributor;
import java.util.Map;

/** The publish contract as a plugin author runs it: the well-behaved note distributor passes. */
class NoteDistributorContractTest implements PublishContract {
  @Override
  public Distributor newDistributor() {
    return new NoteDistributor();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("relative_url", "notes", "serve_http", false, "serve_https", true);
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return Map.of("relative_url", TestConfigs.with(validConfig(), "relative_url", "../up"));
  }

  @Override
  public UnitSpec unitFor(String name, byte[] content) {
    return new UnitSpec(
        NoteDistributor.TYPE,
        Map.of("name", name, "checksum", InMemoryContent.sha256(content)),
        Map.of(),
        name);
  }
}
