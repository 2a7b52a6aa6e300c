package dev.depot.plugins.example;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.SyncContract;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

// tag::importer-contract[]
/** {@code memo_importer} keeps the testkit's importer and sync contracts. */
class MemoImporterContractTest implements SyncContract {
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

  @Override
  public Map<String, Path> writeFeed(Path dir, Map<String, byte[]> files) throws IOException {
    Map<String, Path> written = new LinkedHashMap<>();
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      written.put(file.getKey(), Files.write(dir.resolve(file.getKey()), file.getValue()));
      sums.append(Feeds.sha256(file.getValue())).append("  ").append(file.getKey());
      sums.append('\n');
    }
    Files.writeString(dir.resolve("SHA256SUMS"), sums);
    return written;
  }

  @Override
  public Map<String, Object> syncConfig(URI feedUrl) {
    return Map.of("feed", feedUrl.toString());
  }
}
// end::importer-contract[]
