package dev.depot.plugin.testkit;

import dev.depot.plugin.Importer;
import java.util.Map;

/** The contract as a plugin author runs it: a well-behaved importer passes every check. */
class SampleImporterContractTest implements ImporterContract {
  @Override
  public Importer newImporter() {
    return new SampleImporter();
  }

  @Override
  public Map<String, Object> validConfig() {
    return ImporterContractTest.VALID;
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return ImporterContractTest.INVALID;
  }
}
