package dev.depot.plugin.testkit;

import dev.depot.plugin.Importer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sync and upload contracts as a plugin author runs them: the note importer passes. */
class NoteImporterContractTest implements SyncContract, UploadContract {
  @Override
  public Importer newImporter() {
    return new NoteImporter();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("feed", "https://example.com/notes/");
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return Map.of("feed", Map.of("feed", "ftp://example.com/notes/"));
  }

  @Override
  public Map<String, Path> writeFeed(Path dir, Map<String, byte[]> files) throws IOException {
    Map<String, Path> written = new LinkedHashMap<>();
    List<String> manifest = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      written.put(file.getKey(), Files.write(dir.resolve(file.getKey()), file.getValue()));
      manifest.add(
          file.getKey()
              + ","
              + InMemoryContent.sha256(file.getValue())
              + ","
              + file.getValue().length);
    }
    Files.write(dir.resolve("MANIFEST"), manifest);
    return written;
  }

  @Override
  public Map<String, Object> syncConfig(URI feedUrl) {
    return Map.of("feed", feedUrl.toString());
  }

  @Override
  public UnitSpec uploadOf(String name, byte[] content) {
    return new UnitSpec(
        NoteDistributor.TYPE,
        Map.of("name", name, "checksum", InMemoryContent.sha256(content)),
        Map.of(),
        name);
  }
}
