package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import dev.depot.plugin.testkit.TestConfigConduit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoRsyncDistributorConfigTest {
  @TempDir Path dir;
  Path key;

  @BeforeEach
  void key() throws Exception {
    key = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
  }

  private Map<String, Object> remote() {
    Map<String, Object> remote = new HashMap<>();
    remote.put("host", "mirror.example.com");
    remote.put("auth_type", "publickey");
    remote.put("ssh_user", "pulp");
    remote.put("ssh_identity_file", key.toString());
    remote.put("root", "/srv/mirror");
    return remote;
  }

  private Map<String, Object> config(Map<String, Object> remote) {
    Map<String, Object> config = new HashMap<>();
    config.put("predistributor_id", "web");
    config.put("remote", remote);
    return config;
  }

  /**
   * Validates the config of distributor "push" on repository zoo, whose web distributor is "web"
   * and export distributor "media".
   */
  private static ValidationResult validate(Map<String, ?> config) {
    TestConfigConduit zoo =
        TestConfigConduit.empty()
            .withRepositoryDistributors(
                new ConfiguredDistributor("zoo", "web", Map.of(), "iso_distributor"),
                new ConfiguredDistributor("zoo", "media", Map.of(), "export_distributor"))
            .validating("push");
    return new IsoRsyncDistributor()
        .validateConfig(Repository.named("zoo"), PluginCallConfiguration.of(config), zoo);
  }

  private static ValidationResult.Invalid refused(Map<String, ?> config) {
    ValidationResult result = validate(config);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    return (ValidationResult.Invalid) result;
  }

  @Test
  void aPulpStyleConfigIsAccepted() {
    Map<String, Object> remote = remote();
    remote.put("remote_units_path", "pulp/content/units");
    remote.put("port", 2222);
    Map<String, Object> config = config(remote);
    config.put("delete", true);
    config.put("content_units_only", false);
    config.put("force_full", false);
    config.put("rsync_extra_args", List.of("--bwlimit=1000", "-z", "--timeout=60"));
    assertThat(validate(config)).isEqualTo(ValidationResult.valid());
  }

  @Test
  void aPredistributorTheRepositoryLacksIsRefusedByName() {
    Map<String, Object> config = config(remote());
    config.put("predistributor_id", "wbe");
    ValidationResult.Invalid invalid = refused(config);
    assertThat(invalid.fields()).containsExactly("predistributor_id");
    assertThat(invalid.message())
        .contains("predistributor_id wbe is not an iso_distributor of repository zoo")
        .contains("has no distributor wbe");
  }

  @Test
  void aPredistributorNamingTheRsyncDistributorItselfIsRefusedSayingSo() {
    Map<String, Object> config = config(remote());
    config.put("predistributor_id", "push");
    ValidationResult.Invalid invalid = refused(config);
    assertThat(invalid.fields()).containsExactly("predistributor_id");
    assertThat(invalid.message())
        .contains("predistributor_id push is not an iso_distributor of repository zoo")
        .contains("push is this rsync distributor itself; name the iso_distributor")
        .doesNotContain("has no distributor");
  }

  @Test
  void aPredistributorOfAnotherTypeIsRefusedNamingBothTypes() {
    Map<String, Object> config = config(remote());
    config.put("predistributor_id", "media");
    ValidationResult.Invalid invalid = refused(config);
    assertThat(invalid.fields()).containsExactly("predistributor_id");
    assertThat(invalid.message())
        .contains("predistributor_id media is not an iso_distributor of repository zoo")
        .contains("media is an export_distributor");
  }

  @Test
  void missingRemoteAndPredistributorAreRefusedByName() {
    ValidationResult.Invalid invalid = refused(Map.of());
    assertThat(invalid.fields()).contains("remote", "predistributor_id");
  }

  @Test
  void eachRemoteProblemIsNamedAndTheKeyPathIsNeverRepeated() {
    Map<String, Object> remote = remote();
    remote.put("ssh_identity_file", dir.resolve("missing").toString());
    remote.put("root", "relative/root");
    remote.put("remote_units_path", "/absolute");
    remote.put("auth_type", "password");
    remote.put("port", 70000);
    remote.put("colour", "blue");
    ValidationResult.Invalid invalid = refused(config(remote));
    assertThat(invalid.message())
        .contains("remote.ssh_identity_file", "remote.root", "remote_units_path")
        .contains("remote.auth_type", "remote.port", "remote.colour")
        .doesNotContain(dir.toString());
  }

  @Test
  void unknownKeysNullsAndDangerousArgumentsAreRefused() {
    Map<String, Object> config = config(remote());
    config.put("rsync_extra_args", List.of("-e", "sh -c 'touch /tmp/x'"));
    config.put("surprise", 1);
    config.put("delete", null);
    ValidationResult.Invalid invalid = refused(config);
    assertThat(invalid.fields()).contains("rsync_extra_args", "surprise", "delete");
    assertThat(invalid.message()).contains("option -e").doesNotContain("touch");

    Map<String, Object> options = config(remote());
    options.put("rsync_extra_args", List.of("--rsync-path=sh", "--log-file=/tmp/x"));
    assertThat(refused(options).message()).contains("--rsync-path", "--log-file");
    Map<String, Object> injected = remote();
    injected.put("host", "-oProxyCommand=touch");
    injected.put("ssh_user", "root;id");
    assertThat(refused(config(injected)).message()).contains("remote.host", "remote.ssh_user");
  }
}
