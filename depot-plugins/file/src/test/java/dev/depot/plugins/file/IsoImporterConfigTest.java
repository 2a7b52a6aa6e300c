package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoImporterConfigTest {
  @TempDir static Path dir;
  static Pems pems;

  @BeforeAll
  static void makeCertificates() throws Exception {
    pems = Pems.generate(dir);
  }

  private static ValidationResult validate(Map<String, Object> config) {
    return new IsoImporter()
        .validateConfig(Repository.named("zoo"), PluginCallConfiguration.of(config));
  }

  private static ValidationResult.Invalid invalid(Map<String, Object> config) {
    ValidationResult result = validate(config);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    return (ValidationResult.Invalid) result;
  }

  @Test
  void acceptsATypicalConfig() {
    Map<String, Object> typical = new java.util.LinkedHashMap<>();
    typical.put("feed", "https://example.com/isos/");
    typical.put("num_threads", 8);
    typical.put("validate", "true");
    typical.put("remove_missing_units", false);
    typical.put("ssl_ca_cert", pems.certificate());
    typical.put("ssl_client_cert", pems.certificate());
    typical.put("ssl_client_key", pems.privateKey());
    typical.put("proxy_host", "proxy.example.com");
    typical.put("proxy_port", 3128);
    typical.put("basic_auth_username", "u");
    typical.put("basic_auth_password", "p");

    assertThat(validate(typical)).isEqualTo(ValidationResult.valid());
    assertThat(validate(Map.of())).isEqualTo(ValidationResult.valid());
    assertThat(validate(Map.of("feed", "file:///srv/isos/"))).isEqualTo(ValidationResult.valid());
  }

  @Test
  void refusesFeedsItCannotUse() {
    assertThat(invalid(Map.of("feed", "ftp://example.com/x/")).fields()).containsExactly("feed");
    assertThat(invalid(Map.of("feed", "https:///nohost")).message()).contains("host");
    assertThat(invalid(Map.of("feed", "file:relative")).message()).contains("absolute");
    ValidationResult.Invalid withPassword =
        invalid(Map.of("feed", "https://user:hunter2@example.com/x/"));
    assertThat(withPassword.message()).contains("basic_auth_username").doesNotContain("hunter2");
  }

  @Test
  void refusesBadValuesNamingEachKey() {
    ValidationResult.Invalid result =
        invalid(
            Map.of(
                "num_threads", 0,
                "validate", "maybe",
                "proxy_port", 70000,
                "max_speed", "fast",
                "colour", "red"));

    assertThat(result.fields())
        .containsExactlyInAnyOrder("num_threads", "validate", "proxy_port", "max_speed", "colour");
    assertThat(result.message()).contains("Unknown configuration key(s): colour");
  }

  @Test
  void refusesPemThatDoesNotParseWithoutEchoingIt() {
    String fakeKey =
        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----";
    ValidationResult.Invalid result =
        invalid(
            Map.of(
                "ssl_ca_cert",
                "not a certificate",
                "ssl_client_cert",
                pems.certificate(),
                "ssl_client_key",
                fakeKey));

    assertThat(result.fields()).containsExactlyInAnyOrder("ssl_ca_cert", "ssl_client_key");
    assertThat(result.message()).doesNotContain("c2VjcmV0");
  }

  @Test
  void refusesHalfGivenCredentials() {
    assertThat(invalid(Map.of("basic_auth_username", "u")).fields())
        .containsExactly("basic_auth_username");
    assertThat(invalid(Map.of("proxy_password", "secret")).message())
        .contains("proxy_password requires proxy_username")
        .doesNotContain("secret;");
    assertThat(invalid(Map.of("ssl_client_key", pems.privateKey())).message())
        .contains("ssl_client_key requires ssl_client_cert");
  }
}
