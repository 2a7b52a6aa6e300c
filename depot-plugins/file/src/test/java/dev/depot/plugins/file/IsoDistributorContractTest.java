package dev.depot.plugins.file;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.DistributorContract;
import dev.depot.plugin.testkit.TestConfigConduit;
import dev.depot.publish.tls.Pems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@code iso_distributor} keeps the distributor contract. */
class IsoDistributorContractTest implements DistributorContract {
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
    config.put("serve_http", true);
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
}
