package dev.depot.plugins.puppet;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.SyncContract;
import dev.depot.plugin.testkit.UnitSpec;
import dev.depot.plugin.testkit.UploadContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code puppet_importer} keeps the testkit's sync and upload contracts (which include the importer
 * contract). Its files are module tarballs, so the contract's files are built as modules {@code
 * contract-<name>-<edition>.0.0}; its feed is a directory with a {@code PULP_MANIFEST}, which the
 * contract serves over HTTP: the sync finds it after the Forge query answers 404.
 */
class PuppetImporterContractTest implements SyncContract, UploadContract {
  private static final String AUTHOR = "contract";

  @Override
  public Importer newImporter() {
    return new PuppetImporter();
  }

  /** A mirror of two modules and an author's modules from a Forge, through a proxy. */
  @Override
  public Map<String, Object> validConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("feed", "https://forgeapi.puppet.com");
    config.put("queries", List.of("puppetlabs-stdlib", "puppetlabs/concat", "example42"));
    config.put("remove_missing", true);
    config.put("num_threads", 4);
    config.put("max_speed", 1_000_000);
    config.put("validate", true);
    config.put("proxy_host", "proxy.example.com");
    config.put("proxy_port", 3128);
    return config;
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "queries", with(valid, "queries", true),
        "feed", with(valid, "feed", "ftp://forge.example.com/"),
        "num_threads", with(valid, "num_threads", -1),
        "remove_missing", with(valid, "remove_missing", "sometimes"));
  }

  @Override
  public byte[] feedFileBytes(String name) throws IOException {
    return tarball(name, 1);
  }

  @Override
  public byte[] uploadedBytes(String name, int edition) throws IOException {
    return tarball(name, edition);
  }

  /** Each tarball under its Forge name, and a PULP_MANIFEST listing them. */
  @Override
  public Map<String, Path> writeFeed(Path dir, Map<String, byte[]> files) throws IOException {
    Map<String, Path> written = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = new ModuleId(AUTHOR, file.getKey(), "1.0.0").fileName();
      written.put(file.getKey(), Files.write(dir.resolve(name), file.getValue()));
    }
    try {
      ManifestSyncTest.writeManifest(dir);
    } catch (Exception e) {
      throw new IOException(e);
    }
    return written;
  }

  @Override
  public Map<String, Object> syncConfig(URI feedUrl) {
    return Map.of("feed", feedUrl.toString(), "num_threads", 2);
  }

  /** What a client sends with a module upload: the key read from the tarball it sends. */
  @Override
  public UnitSpec uploadOf(String name, byte[] content) {
    try {
      Path file = Files.createTempFile("contract-upload", ".tar.gz");
      try {
        ModuleId id = ModuleTarball.read(Files.write(file, content)).id();
        return new UnitSpec(PuppetTypes.MODULE, id.unitKey(), Map.of(), id.fileName());
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] tarball(String name, int edition) throws IOException {
    Path dir = Files.createTempDirectory("contract-module");
    try {
      Path file = TestModules.module(dir, AUTHOR, name, edition + ".0.0");
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      return bytes;
    } finally {
      Files.delete(dir);
    }
  }
}
