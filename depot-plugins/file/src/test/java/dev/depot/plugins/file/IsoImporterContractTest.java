package dev.depot.plugins.file;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.SyncContract;
import dev.depot.plugin.testkit.UnitSpec;
import dev.depot.plugin.testkit.UploadContract;
import dev.depot.publish.tls.Pems;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iso_importer} keeps the sync and upload contracts (which include the importer contract):
 * it verifies what it downloads or is sent, reports progress and stores each file once.
 */
class IsoImporterContractTest implements SyncContract, UploadContract {
  @TempDir static Path dir;
  static Pems pems;

  @BeforeAll
  static void makeCertificates() throws Exception {
    pems = Pems.generate(dir);
  }

  @Override
  public Importer newImporter() {
    return new IsoImporter();
  }

  /** A mirror of an https feed with a client certificate, behind an authenticating proxy. */
  @Override
  public Map<String, Object> validConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("feed", "https://cdn.example.com/isos/el9/");
    config.put("num_threads", 8);
    config.put("max_speed", 10_000_000);
    config.put("validate", true);
    config.put("remove_missing_units", "true");
    config.put("ssl_validation", true);
    config.put("ssl_ca_cert", pems.certificate());
    config.put("ssl_client_cert", pems.certificate());
    config.put("ssl_client_key", pems.privateKey());
    config.put("proxy_host", "proxy.example.com");
    config.put("proxy_port", 3128);
    config.put("proxy_username", "mirror");
    config.put("proxy_password", "proxy-secret");
    return config;
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "num_threads", with(valid, "num_threads", -1),
        "feed", with(valid, "feed", "ftp://x"),
        "proxy_port", with(valid, "proxy_port", 70000),
        "ssl_client_key", with(valid, "ssl_client_key", "-----BEGIN PRIVATE KEY-----"),
        "validate", with(valid, "validate", "sometimes"));
  }

  /** A feed directory as Pulp's ISO importer reads it: the files and a PULP_MANIFEST. */
  @Override
  public Map<String, Path> writeFeed(Path feedDir, Map<String, byte[]> files) throws IOException {
    Map<String, Path> written = new LinkedHashMap<>();
    List<String> manifest = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey() + ".iso";
      written.put(file.getKey(), Files.write(feedDir.resolve(name), file.getValue()));
      manifest.add(name + "," + sha256(file.getValue()) + "," + file.getValue().length);
    }
    Files.write(feedDir.resolve("PULP_MANIFEST"), manifest);
    return written;
  }

  @Override
  public Map<String, Object> syncConfig(URI feedUrl) {
    return Map.of("feed", feedUrl.toString(), "validate", true, "num_threads", 2);
  }

  /** What a client sends with an ISO upload: the whole unit key. */
  @Override
  public UnitSpec uploadOf(String name, byte[] content) {
    return new UnitSpec(
        FileContentTypes.ISO,
        Map.of("name", name + ".iso", "checksum", sha256(content), "size", (long) content.length),
        Map.of(),
        name + ".iso");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
