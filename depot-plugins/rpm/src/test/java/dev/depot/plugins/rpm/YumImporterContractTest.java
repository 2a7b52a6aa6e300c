package dev.depot.plugins.rpm;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.FileTrees;
import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.SyncContract;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code yum_importer} keeps the testkit's sync contract. Its files are packages rpmbuild makes,
 * {@code contract-<name>-1.0-1.noarch.rpm}; its feed is a directory of them with the repodata
 * {@code createrepo_c} writes, served over HTTP.
 */
class YumImporterContractTest implements SyncContract {
  /** Built once per name: the contract asks for the same bytes on every call. */
  private static final Map<String, byte[]> BUILT = new ConcurrentHashMap<>();

  @Override
  public Importer newImporter() {
    return new YumImporter();
  }

  /** A mirror of a CDN's repository with a client certificate, leaving out source packages. */
  @Override
  public Map<String, Object> validConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("feed", "https://cdn.example.com/el9/x86_64/baseos/os/");
    config.put("skip", List.of("srpm", "erratum"));
    config.put("remove_missing", true);
    config.put("num_threads", 4);
    config.put("validate", true);
    config.put("proxy_host", "proxy.example.com");
    config.put("proxy_port", 3128);
    return config;
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "skip", with(valid, "skip", List.of("rpm", "tarball")),
        "feed", with(valid, "feed", "ftp://cdn.example.com/el9/"),
        "num_threads", with(valid, "num_threads", 0),
        "remove_missing", with(valid, "remove_missing", "sometimes"),
        "allowed_keys", with(valid, "allowed_keys", List.of("6cadd6e38d3b8bdb")), // long, not short
        "require_signature", with(valid, "require_signature", "yes please"));
  }

  @Override
  public byte[] feedFileBytes(String name) throws IOException {
    byte[] bytes = BUILT.get(name);
    if (bytes == null) {
      Path dir = Files.createTempDirectory("contract-rpm");
      try {
        bytes = Files.readAllBytes(TestRpms.build(dir, "contract-" + name, "1.0").rpm());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } finally {
        FileTrees.delete(dir);
      }
      BUILT.put(name, bytes);
    }
    return bytes;
  }

  /** Each package under Packages/ and the repodata createrepo_c writes for them. */
  @Override
  public Map<String, Path> writeFeed(Path dir, Map<String, byte[]> files) throws IOException {
    Path packages = Files.createDirectories(dir.resolve("Packages"));
    Map<String, Path> written = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = "contract-" + file.getKey() + "-1.0-1.noarch.rpm";
      written.put(file.getKey(), Files.write(packages.resolve(name), file.getValue()));
    }
    YumSyncTest.createrepo(dir);
    return written;
  }

  @Override
  public Map<String, Object> syncConfig(URI feedUrl) {
    return Map.of("feed", feedUrl.toString(), "num_threads", 2);
  }
}
