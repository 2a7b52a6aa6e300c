package dev.depot.plugins.file;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.PublishContract;
import dev.depot.plugin.testkit.TestConfigConduit;
import dev.depot.plugin.testkit.UnitSpec;
import dev.depot.publish.tls.Pems;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iso_distributor} keeps the publish contract (which includes the distributor contract):
 * served atomically over both protocols, incrementally, cancellable, and its payload names them.
 */
class IsoDistributorContractTest implements PublishContract {
  @TempDir static Path dir;
  static Pems pems;

  @BeforeAll
  static void makeCertificate() throws Exception {
    pems = Pems.generate(dir);
  }

  @Override
  public Distributor newDistributor() {
    return new IsoDistributor();
  }

  @Override
  public Map<String, Object> validConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("relative_url", "el9/x86_64/");
    config.put("serve_http", false);
    config.put("serve_https", true);
    config.put("force_full", false);
    config.put("ssl_auth_ca_cert", pems.certificate());
    return config;
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "relative_url", with(valid, "relative_url", "../x"),
        "serve_https", with(valid, "serve_https", "sometimes"),
        "ssl_auth_ca_cert", with(valid, "ssl_auth_ca_cert", "not a certificate"));
  }

  /** Another repository publishes next to the valid config's relative_url, not over it. */
  @Override
  public TestConfigConduit configConduit() {
    return TestConfigConduit.of(
        new ConfiguredDistributor("el8", "web", Map.of("relative_url", "el8/x86_64")));
  }

  /** An ISO unit as a sync or upload stores it: name, SHA-256 and size. */
  @Override
  public UnitSpec unitFor(String name, byte[] content) {
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      return new UnitSpec(
          FileContentTypes.ISO,
          Map.of("name", name + ".iso", "checksum", sha, "size", (long) content.length),
          Map.of(),
          name + ".iso");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
