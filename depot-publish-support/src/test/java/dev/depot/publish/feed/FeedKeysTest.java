package dev.depot.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.download.DownloadSettings;
import dev.depot.publish.tls.Pems;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedKeysTest {
  private static final String SECRET = "hunter2-s3cret";

  @TempDir static Path dir;
  static Pems pems;

  @BeforeAll
  static void makeCertificates() throws Exception {
    pems = Pems.generate(dir);
  }

  private static ValidationResult.Invalid refused(FeedKeys keys, Map<String, ?> config) {
    ValidationResult result = keys.validate(PluginCallConfiguration.of(config));
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    return (ValidationResult.Invalid) result;
  }

  @Test
  void everySharedKeyWithAGoodValueIsAccepted() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("feed", "https://example.com/repo/");
    all.put("num_threads", 8);
    all.put("max_speed", 1_000_000);
    all.put("validate", false);
    all.put("remove_missing", true);
    all.put("ssl_validation", true);
    all.put("ssl_ca_cert", pems.certificate());
    all.put("ssl_client_cert", pems.certificate());
    all.put("ssl_client_key", pems.privateKey());
    all.put("proxy_host", "proxy.example.com");
    all.put("proxy_port", 3128);
    all.put("proxy_username", "pu");
    all.put("proxy_password", SECRET);
    all.put("basic_auth_username", "u");
    all.put("basic_auth_password", SECRET);
    all.put("force_full", "false");

    assertThat(FeedKeys.standard().validate(PluginCallConfiguration.of(all)))
        .isEqualTo(ValidationResult.valid());
  }

  @Test
  void aTypesExtraKeysAreKnownAndEveryOtherKeyIsRefusedNamingIt() {
    FeedKeys keys = FeedKeys.standard().withExtraKeys("skip_types");

    assertThat(keys.validate(PluginCallConfiguration.of(Map.of("skip_types", "drpm"))))
        .isEqualTo(ValidationResult.valid());
    ValidationResult.Invalid invalid = refused(keys, Map.of("colour", "red", "skip_types", "x"));
    assertThat(invalid.fields()).containsExactly("colour");
    assertThat(invalid.message())
        .contains("Unknown configuration key(s): colour")
        .contains("skip_types");
    assertThat(refused(FeedKeys.standard(), Map.of("skip_types", "drpm")).fields())
        .containsExactly("skip_types");
  }

  @Test
  void theMirrorSwitchGoesByTheTypesNameForIt() {
    FeedKeys iso = FeedKeys.standard().removeMissingAs("remove_missing_units");

    assertThat(iso.keys()).contains("remove_missing_units").doesNotContain("remove_missing");
    assertThat(refused(iso, Map.of("remove_missing", true)).fields())
        .containsExactly("remove_missing");
    assertThat(refused(iso, Map.of("remove_missing_units", "perhaps")).message())
        .contains("remove_missing_units");
    assertThat(
            iso.settings(PluginCallConfiguration.of(Map.of("remove_missing_units", "true")))
                .removeMissing())
        .isTrue();
  }

  @Test
  void eachBadValueIsRefusedNamingItsKeyAndNeverQuotingASecret() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("feed", "ftp://example.com/");
    bad.put("num_threads", 0);
    bad.put("max_speed", -1);
    bad.put("validate", "yes");
    bad.put("ssl_client_key", "-----BEGIN PRIVATE KEY-----\n" + SECRET + "\n");
    bad.put("proxy_password", SECRET);
    bad.put("basic_auth_password", 123456789);

    ValidationResult.Invalid invalid = refused(FeedKeys.standard(), bad);

    assertThat(invalid.fields())
        .containsExactlyInAnyOrder(
            "feed",
            "num_threads",
            "max_speed",
            "validate",
            "ssl_client_key",
            "proxy_password",
            "basic_auth_password");
    assertThat(invalid.message())
        .contains("proxy_password requires proxy_host")
        .contains("basic_auth_password must be a string")
        .doesNotContain(SECRET)
        .doesNotContain("123456789");
  }

  @Test
  void aTypeAddsItsOwnProblemsToTheSameCheck() {
    FeedKeys keys = FeedKeys.standard().withExtraKeys("skip_types");
    ConfigCheck check =
        new ConfigCheck(PluginCallConfiguration.of(Map.of("num_threads", 500, "skip_types", 3)));

    keys.check(check);
    check.string("skip_types");

    ValidationResult.Invalid invalid = (ValidationResult.Invalid) check.result();
    assertThat(invalid.fields()).containsExactlyInAnyOrder("num_threads", "skip_types");
  }

  @Test
  void theSettingsGiveTheDownloadSettingsWithPulpsDefaults() {
    FeedSettings none = FeedKeys.standard().settings(PluginCallConfiguration.of(Map.of()));

    assertThat(none.numThreads()).isEqualTo(5);
    assertThat(none.validate()).isTrue();
    assertThat(none.removeMissing()).isFalse();
    assertThat(none.feedDirectory()).isEmpty();
    assertThat(none.downloads().validateTls()).isTrue();
    assertThat(none.downloads().proxy()).isNull();
    assertThat(none.downloads().maxBytesPerSecond()).isZero();
  }

  @Test
  void theSettingsCarryTheProxyCredentialsAndLimitsTheConfigNames() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("feed", "https://example.com/repo");
    config.put("num_threads", "12");
    config.put("max_speed", 2048);
    config.put("ssl_validation", false);
    config.put("proxy_host", "http://proxy.example.com:8080");
    config.put("proxy_username", "pu");
    config.put("proxy_password", SECRET);
    config.put("basic_auth_username", "u");
    config.put("basic_auth_password", SECRET);

    FeedSettings feed = FeedKeys.standard().settings(PluginCallConfiguration.of(config));
    DownloadSettings downloads = feed.downloads();

    assertThat(feed.numThreads()).isEqualTo(12);
    assertThat(feed.requireFeedDirectory()).isEqualTo(URI.create("https://example.com/repo/"));
    assertThat(feed.fileFeedRoot()).isNull();
    assertThat(downloads.validateTls()).isFalse();
    assertThat(downloads.maxBytesPerSecond()).isEqualTo(2048);
    assertThat(downloads.proxy())
        .isEqualTo(new DownloadSettings.Proxy("proxy.example.com", 8080, "pu", SECRET));
    assertThat(downloads.basicAuthUsername()).isEqualTo("u");
    assertThat(downloads.basicAuthPassword()).isEqualTo(SECRET);
    assertThat(feed.toString()).doesNotContain(SECRET);
  }

  @Test
  void aBareProxyHostGetsSquidsPortAndAFileFeedIsTheDirectoryFilesStayIn() {
    FeedSettings feed =
        FeedKeys.standard()
            .settings(
                PluginCallConfiguration.of(
                    Map.of("feed", "file:///srv/feed", "proxy_host", "[::1]")));

    assertThat(feed.downloads().proxy().host()).isEqualTo("::1");
    assertThat(feed.downloads().proxy().port()).isEqualTo(3128);
    assertThat(feed.fileFeedRoot()).isEqualTo(Path.of("/srv/feed"));
    URI url = FeedSettings.fileUrl(feed.requireFeedDirectory(), "dir/a b#1.iso");
    assertThat(url.getRawPath()).isEqualTo("/srv/feed/dir/a%20b%231.iso");
    assertThat(Path.of(url)).isEqualTo(Path.of("/srv/feed/dir/a b#1.iso"));
  }
}
