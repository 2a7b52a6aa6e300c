package dev.depot.plugins.example;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.ImporterContract;
import java.util.Map;

// tag::importer-contract[]
/** {@code memo_importer} keeps the importer contract of the testkit. */
class MemoImporterContractTest implements ImporterContract {
  @Override
  public Importer newImporter() {
    return new MemoImporter();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("feed", "https://memos.example.com/team/", "remove_missing", true);
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "feed", with(valid, "feed", "ftp://memos.example.com/"),
        "remove_missing", with(valid, "remove_missing", "sometimes"));
  }
}
// end::importer-contract[]
