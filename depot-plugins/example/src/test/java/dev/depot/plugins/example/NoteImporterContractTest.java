package dev.depot.plugins.example;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.ImporterContract;
import java.util.Map;

// tag::importer-contract[]
/** {@code note_importer} keeps the importer contract of the testkit. */
class NoteImporterContractTest implements ImporterContract {
  @Override
  public Importer newImporter() {
    return new NoteImporter();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("feed", "https://notes.example.com/team/", "remove_missing", true);
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "feed", with(valid, "feed", "ftp://notes.example.com/"),
        "remove_missing", with(valid, "remove_missing", "sometimes"));
  }
}
// end::importer-contract[]
