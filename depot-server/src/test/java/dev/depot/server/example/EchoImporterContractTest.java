package dev.depot.server.example;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.ImporterContract;
import java.util.Map;

/** The example importer keeps the importer contract, as every plugin's importer should. */
class EchoImporterContractTest implements ImporterContract {
  @Override
  public Importer newImporter() {
    return new EchoImporter();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("notes_per_sync", 3, "fail", false);
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return Map.of(
        "notes_per_sync", Map.of("notes_per_sync", 0),
        "fail", Map.of("fail", "sometimes"));
  }
}
