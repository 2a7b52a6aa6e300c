package dev.depot.plugins.file;

import static dev.depot.plugin.testkit.TestConfigs.with;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.DistributorContract;
import dev.depot.plugin.testkit.TestConfigConduit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@code iso_rsync_distributor} keeps the distributor contract. */
class IsoRsyncDistributorContractTest implements DistributorContract {
  @TempDir static Path dir;
  static Path key;

  @BeforeAll
  static void writeKey() throws Exception {
    // Validation checks the identity file is readable, not that it is a key.
    key = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
  }

  @Override
  public Distributor newDistributor() {
    return new IsoRsyncDistributor();
  }

  /** The repository's web distributor, which {@code predistributor_id} names. */
  @Override
  public TestConfigConduit configConduit() {
    return TestConfigConduit.empty()
        .withRepositoryDistributors(
            new ConfiguredDistributor(
                repository().id(), "web", Map.of("serve_http", true), "iso_distributor"));
  }

  private static Map<String, Object> remote() {
    Map<String, Object> remote = new LinkedHashMap<>();
    remote.put("host", "mirror.example.com");
    remote.put("auth_type", "publickey");
    remote.put("ssh_user", "pulp");
    remote.put("ssh_identity_file", key.toString());
    remote.put("root", "/srv/mirror");
    remote.put("remote_units_path", "pulp/content/units");
    remote.put("port", 2222);
    return remote;
  }

  /** A Pulp-style push of the "web" distributor's tree, deleting what the repository dropped. */
  @Override
  public Map<String, Object> validConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("predistributor_id", "web");
    config.put("remote", remote());
    config.put("delete", true);
    config.put("content_units_only", false);
    config.put("rsync_extra_args", List.of("--bwlimit=1000", "-z", "--timeout=60"));
    return config;
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    Map<String, Object> valid = validConfig();
    return Map.of(
        "rsync_extra_args", with(valid, "rsync_extra_args", List.of("-e", "sh")),
        "remote", with(valid, "remote", with(remote(), "root", "relative/root")),
        "predistributor_id", with(valid, "predistributor_id", " "),
        "delete", with(valid, "delete", null));
  }
}
