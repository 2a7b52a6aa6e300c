package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import dev.depot.plugin.testkit.TestConfigConduit;
import dev.depot.publish.tls.Pems;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The iso_distributor's own checks and payload. A relative_url another distributor serves at or
 * around is the platform's to refuse, for every type (PublishedLocationsApiTest, CliEndToEndTest).
 */
class IsoDistributorConfigTest {
  private static final ConfigConduit NO_OTHERS = TestConfigConduit.empty();

  @TempDir Path dir;

  private static ValidationResult validate(
      String repo, Map<String, ?> config, ConfigConduit conduit) {
    return new IsoDistributor()
        .validateConfig(Repository.named(repo), PluginCallConfiguration.of(config), conduit);
  }

  /** Asserts the config of repository {@code zoo} is refused naming exactly these keys. */
  private static String refused(Map<String, ?> config, ConfigConduit conduit, String... keys) {
    ValidationResult result = validate("zoo", config, conduit);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    ValidationResult.Invalid invalid = (ValidationResult.Invalid) result;
    assertThat(invalid.fields()).containsExactlyInAnyOrder(keys);
    for (String key : keys) {
      assertThat(invalid.message()).contains(key);
    }
    return invalid.message();
  }

  private static void accepted(Map<String, ?> config, ConfigConduit conduit) {
    assertThat(validate("zoo", config, conduit)).isEqualTo(ValidationResult.valid());
  }

  private static Map<String, Object> payload(Map<String, ?> config) {
    IsoDistributor distributor = new IsoDistributor();
    distributor.init(
        new Platform(
            Path.of("/srv/depot/published"),
            URI.create("http://depot.example:8080/"),
            URI.create("https://depot.example:8443/"),
            "-----BEGIN CERTIFICATE-----(the server's CA)"));
    return distributor.createConsumerPayload(
        Repository.named("zoo"), PluginCallConfiguration.of(config), Map.of());
  }

  @Test
  void acceptsAnEmptyConfig() {
    accepted(Map.of(), NO_OTHERS);
  }

  @Test
  void acceptsEveryKeyWithAGoodValue() throws Exception {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("serve_http", false);
    all.put("serve_https", "true");
    all.put("force_full", "TRUE");
    all.put("relative_url", "el9/x86_64/");
    all.put("ssl_auth_ca_cert", Pems.generate(dir).certificate());

    accepted(all, NO_OTHERS);
  }

  @Test
  void acceptsServingOverNeitherProtocolAsPulpDoes() {
    accepted(Map.of("serve_http", false, "serve_https", false), NO_OTHERS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve_http", "serve_https", "force_full"})
  void refusesFlagsThatAreNotBooleans(String key) {
    assertThat(refused(Map.of(key, "sometimes"), NO_OTHERS, key)).contains("true or false");
    refused(Map.of(key, 0), NO_OTHERS, key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a/../b", "..", "a//b", "a b", "a\\b", "a?b"})
  void refusesRelativeUrlsThatAreEmptyAbsoluteOrCouldEscape(String bad) {
    refused(Map.of("relative_url", bad), NO_OTHERS, "relative_url");
  }

  @Test
  void refusesARelativeUrlThatIsNotAString() {
    refused(Map.of("relative_url", List.of("a")), NO_OTHERS, "relative_url");
  }

  @Test
  void refusesAnSslAuthCaCertThatDoesNotParse() {
    refused(
        Map.of("ssl_auth_ca_cert", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
        NO_OTHERS,
        "ssl_auth_ca_cert");
    refused(Map.of("ssl_auth_ca_cert", 7), NO_OTHERS, "ssl_auth_ca_cert");
  }

  @Test
  void refusesServingAProtectedRepositoryOverPlainHttp() throws Exception {
    String ca = Pems.generate(dir).certificate();

    assertThat(refused(Map.of("ssl_auth_ca_cert", ca, "serve_http", true), NO_OTHERS, "serve_http"))
        .contains("over HTTPS only");
    accepted(Map.of("ssl_auth_ca_cert", ca, "serve_http", false), NO_OTHERS);
    accepted(Map.of("serve_http", true), NO_OTHERS);
  }

  @Test
  void refusesUnknownKeysNamingThem() {
    assertThat(refused(Map.of("http", true), NO_OTHERS, "http"))
        .contains("Unknown configuration key(s): http");
  }

  @Test
  void payloadServesHttpsOnlyByDefault() {
    assertThat(payload(Map.of()))
        .containsEntry("relative_path", "/pulp/isos/zoo/")
        .containsEntry("protocols", List.of("https"))
        .containsEntry("urls", Map.of("https", "https://depot.example:8443/pulp/isos/zoo/"))
        .containsEntry("ca_cert", "-----BEGIN CERTIFICATE-----(the server's CA)")
        .containsEntry("ssl_auth", false);
  }

  @Test
  void payloadFollowsTheConfig() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("serve_http", true);
    config.put("serve_https", "false");
    config.put("relative_url", "isos/zoo/");

    assertThat(payload(config))
        .containsEntry("relative_path", "/pulp/isos/isos/zoo/")
        .containsEntry("protocols", List.of("http"))
        .containsEntry("urls", Map.of("http", "http://depot.example:8080/pulp/isos/isos/zoo/"))
        .containsEntry("ca_cert", null)
        .containsEntry("ssl_auth", false);
    config.put("serve_http", false);
    config.put("serve_https", true);
    config.put("ssl_auth_ca_cert", Pems.generate(dir).certificate());
    assertThat(payload(config)).containsEntry("ssl_auth", true);
  }
}
