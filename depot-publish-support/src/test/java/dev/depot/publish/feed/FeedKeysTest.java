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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
  void maxDownloadsIsPulpsNameForNumThreads() {
    FeedKeys keys = FeedKeys.standard();

    assertThat(keys.validate(PluginCallConfiguration.of(Map.of("max_downloads", 3))))
        .isEqualTo(ValidationResult.valid());
    assertThat(keys.settings(PluginCallConfiguration.of(Map.of("max_downloads", 3))).numThreads())
        .isEqualTo(3);
    assertThat(keys.settings(PluginCallConfiguration.of(Map.of())).numThreads())
        .isEqualTo(FeedKeys.DEFAULT_NUM_THREADS);
    assertThat(refused(keys, Map.of("max_downloads", 0)).fields()).containsExactly("max_downloads");
    ValidationResult.Invalid both = refused(keys, Map.of("max_downloads", 3, "num_threads", 4));
    assertThat(both.fields()).containsExactly("max_downloads");
    assertThat(both.message()).contains("not both");
  }

  @Test
  void downloadPolicyIsTakenAsImmediateOrBackgroundButNotOnDemand() {
    FeedKeys keys = FeedKeys.standard();

    for (String eager : new String[] {"immediate", "background"}) {
      assertThat(keys.validate(PluginCallConfiguration.of(Map.of("download_policy", eager))))
          .isEqualTo(ValidationResult.valid());
    }
    for (String lazy : new String[] {"on_demand", "lazy"}) {
      ValidationResult.Invalid invalid = refused(keys, Map.of("download_policy", lazy));
      assertThat(invalid.fields()).containsExactly("download_policy");
      assertThat(invalid.message()).contains("may be immediate", "not " + lazy);
    }
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
  void theMirrorSwitchGoesByTheTypesNameForItAndByPulpsRemoveMissing() {
    FeedKeys iso = FeedKeys.standard().removeMissingAs("remove_missing_units");

    assertThat(iso.keys()).contains("remove_missing_units", "remove_missing");
    assertThat(refused(iso, Map.of("remove_missing_units", "perhaps")).message())
        .contains("remove_missing_units");
    assertThat(
            iso.settings(PluginCallConfiguration.of(Map.of("remove_missing_units", "true")))
                .removeMissing())
        .isTrue();
    // what Pulp's iso_importer reads, so what pulp-admin's --remove-missing sends
    assertThat(iso.validate(PluginCallConfiguration.of(Map.of("remove_missing", true))))
        .isEqualTo(ValidationResult.valid());
    assertThat(
            iso.settings(PluginCallConfiguration.of(Map.of("remove_missing", true)))
                .removeMissing())
        .isTrue();
    assertThat(refused(iso, Map.of("remove_missing", "perhaps")).fields())
        .containsExactly("remove_missing");
    ValidationResult.Invalid both =
        refused(iso, Map.of("remove_missing", true, "remove_missing_units", false));
    assertThat(both.fields()).containsExactly("remove_missing_units");
    assertThat(both.message()).contains("not both");
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
    assertThat(none.downloads().feed()).isNull();
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
    // the downloader's rule on private addresses judges by the feed's host
    assertThat(downloads.feed()).isEqualTo(URI.create("https://example.com/repo"));
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

  private static ValidationResult validate(PluginCallConfiguration config) {
    return FeedKeys.standard().validate(config);
  }

  /** Asserts the config is refused naming exactly these keys, and returns the message. */
  private static String refused(Map<String, ?> config, String... keys) {
    ValidationResult result = validate(PluginCallConfiguration.of(config));
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    ValidationResult.Invalid invalid = (ValidationResult.Invalid) result;
    assertThat(invalid.fields()).containsExactlyInAnyOrder(keys);
    for (String key : keys) {
      assertThat(invalid.message()).contains(key);
    }
    return invalid.message();
  }

  private static void accepted(Map<String, ?> config) {
    assertThat(validate(PluginCallConfiguration.of(config))).isEqualTo(ValidationResult.valid());
  }

  @Test
  void acceptsAnEmptyConfig() {
    accepted(Map.of());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.com/isos/",
        "https://example.com:8443/isos",
        "HTTPS://EXAMPLE.COM/",
        "file:///srv/isos/",
        "file:/srv/isos"
      })
  void acceptsHttpHttpsAndFileFeeds(String feed) {
    accepted(Map.of("feed", feed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/isos/", "rsync://example.com/isos", "/srv/isos"})
  void refusesFeedsWithAnotherScheme(String feed) {
    assertThat(refused(Map.of("feed", feed), "feed")).contains("http://, https:// or file://");
  }

  @Test
  void refusesAnHttpFeedWithoutAHost() {
    assertThat(refused(Map.of("feed", "https:///isos/"), "feed")).contains("host");
  }

  @Test
  void refusesAFileFeedWithoutAnAbsolutePath() {
    assertThat(refused(Map.of("feed", "file:relative/isos"), "feed")).contains("absolute");
  }

  @Test
  void refusesAFeedThatDoesNotParse() {
    assertThat(refused(Map.of("feed", "https://exa mple.com/"), "feed"))
        .contains("not a valid URL");
  }

  @Test
  void refusesAFeedThatIsNotAString() {
    refused(Map.of("feed", 42), "feed");
  }

  @Test
  void refusesCredentialsInTheFeedWithoutEchoingThePassword() {
    String message = refused(Map.of("feed", "https://user:" + SECRET + "@example.com/"), "feed");

    assertThat(message)
        .contains("basic_auth_username")
        .contains("basic_auth_password")
        .doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 100})
  void acceptsNumThreadsFromOneToAHundred(int threads) {
    accepted(Map.of("num_threads", threads));
    accepted(Map.of("num_threads", Integer.toString(threads)));
  }

  @Test
  void refusesNumThreadsOutsideOneToAHundredOrNotWhole() {
    for (Object bad : new Object[] {0, -3, 101, "many", 2.5, true}) {
      refused(Map.of("num_threads", bad), "num_threads");
    }
  }

  @Test
  void acceptsAPositiveMaxSpeedWholeOrDecimal() {
    accepted(Map.of("max_speed", 1024));
    accepted(Map.of("max_speed", 1.5));
    accepted(Map.of("max_speed", "2048.5"));
  }

  @Test
  void refusesAMaxSpeedThatIsNotAPositiveNumber() {
    for (Object bad : new Object[] {0, -1, "fast", "", Double.NaN, false}) {
      assertThat(refused(Map.of("max_speed", bad), "max_speed")).contains("greater than 0");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "remove_missing", "ssl_validation", "force_full"})
  void acceptsBooleansAsJsonOrText(String key) {
    accepted(Map.of(key, true));
    accepted(Map.of(key, "false"));
    accepted(Map.of(key, "True"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "remove_missing", "ssl_validation", "force_full"})
  void refusesBooleansThatAreNeitherTrueNorFalse(String key) {
    assertThat(refused(Map.of(key, "yes"), key)).contains("true or false");
    refused(Map.of(key, 1), key);
  }

  @Test
  void refusesCaCertificateThatDoesNotParse() {
    refused(Map.of("ssl_ca_cert", "not a certificate"), "ssl_ca_cert");
    refused(Map.of("ssl_ca_cert", Pems.pem("CERTIFICATE", new byte[] {1, 2, 3})), "ssl_ca_cert");
  }

  @Test
  void refusesClientCertificateThatDoesNotParse() {
    refused(
        Map.of("ssl_client_cert", "garbage", "ssl_client_key", pems.privateKey()),
        "ssl_client_cert");
  }

  @Test
  void refusesAClientKeyThatDoesNotParseWithoutEchoingIt() {
    String fakeKey = Pems.pem("PRIVATE KEY", (SECRET + SECRET).getBytes());
    String message =
        refused(
            Map.of("ssl_client_cert", pems.certificate(), "ssl_client_key", fakeKey),
            "ssl_client_key");

    assertThat(message).doesNotContain(fakeKey.lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void refusesAClientKeyGivenWithoutItsCertificate() {
    String message = refused(Map.of("ssl_client_key", pems.privateKey()), "ssl_client_key");

    assertThat(message).contains("ssl_client_key requires ssl_client_cert");
    assertThat(message).doesNotContain(pems.privateKey().lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void refusesAClientCertificateGivenWithoutItsKey() {
    assertThat(refused(Map.of("ssl_client_cert", pems.certificate()), "ssl_client_cert"))
        .contains("ssl_client_cert requires ssl_client_key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "proxy.example.com",
        "proxy",
        "10.0.0.1",
        "[::1]",
        "http://proxy.example.com",
        "https://proxy.example.com:3128/"
      })
  void acceptsAProxyHostAsANameOrAnHttpUrl(String host) {
    accepted(Map.of("proxy_host", host, "proxy_port", 3128));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://proxy.example.com",
        "proxy example",
        "-proxy",
        "http://proxy.example.com/some/path",
        "http://"
      })
  void refusesAProxyHostThatIsNeitherANameNorAnHttpUrl(String host) {
    refused(Map.of("proxy_host", host), "proxy_host");
  }

  @Test
  void refusesProxyCredentialsInTheProxyUrlWithoutEchoingThem() {
    String message =
        refused(Map.of("proxy_host", "http://pu:" + SECRET + "@proxy.example.com"), "proxy_host");

    assertThat(message).contains("proxy_password").doesNotContain(SECRET);
  }

  @Test
  void refusesAProxyPortOutsideOneTo65535() {
    accepted(Map.of("proxy_host", "p", "proxy_port", 1));
    accepted(Map.of("proxy_host", "p", "proxy_port", "65535"));
    for (Object bad : new Object[] {0, 65536, -80, "http"}) {
      refused(Map.of("proxy_host", "p", "proxy_port", bad), "proxy_port");
    }
  }

  @Test
  void refusesAProxyPortWithoutAProxyHost() {
    assertThat(refused(Map.of("proxy_port", 3128), "proxy_port"))
        .contains("proxy_port requires proxy_host");
  }

  @Test
  void refusesAProxyUsernameWithoutItsPassword() {
    assertThat(refused(Map.of("proxy_host", "p", "proxy_username", "pu"), "proxy_username"))
        .contains("proxy_username requires proxy_password");
  }

  @Test
  void refusesAProxyPasswordWithoutItsUsernameOrHostWithoutEchoingIt() {
    String message = refused(Map.of("proxy_password", SECRET), "proxy_password");

    assertThat(message)
        .contains("proxy_password requires proxy_username")
        .contains("proxy_password requires proxy_host")
        .doesNotContain(SECRET);
  }

  @Test
  void refusesProxyCredentialsWithoutAProxyHost() {
    refused(
        Map.of("proxy_username", "pu", "proxy_password", SECRET),
        "proxy_username",
        "proxy_password");
  }

  @Test
  void refusesBasicAuthGivenByHalves() {
    assertThat(refused(Map.of("basic_auth_username", "u"), "basic_auth_username"))
        .contains("basic_auth_username requires basic_auth_password");
    assertThat(refused(Map.of("basic_auth_password", SECRET), "basic_auth_password"))
        .contains("basic_auth_password requires basic_auth_username")
        .doesNotContain(SECRET);
  }

  @Test
  void refusesCredentialsThatAreNotStrings() {
    String message =
        refused(
            Map.of("basic_auth_username", "u", "basic_auth_password", 123456789),
            "basic_auth_password");

    assertThat(message).contains("must be a string").doesNotContain("123456789");
  }

  @Test
  void readsKeysThroughThePluginDefaultLayer() {
    PluginCallConfiguration completedByDefaults =
        new PluginCallConfiguration(
            Map.of("basic_auth_password", SECRET), Map.of("basic_auth_username", "u"), Map.of());
    PluginCallConfiguration badDefault =
        new PluginCallConfiguration(Map.of("num_threads", 500), Map.of(), Map.of());

    assertThat(validate(completedByDefaults)).isEqualTo(ValidationResult.valid());
    assertThat(validate(badDefault)).isInstanceOf(ValidationResult.Invalid.class);
  }

  @Test
  void aNullValueCountsAsUnset() {
    Map<String, Object> cleared = new LinkedHashMap<>();
    cleared.put("feed", null);
    cleared.put("proxy_port", null);

    accepted(cleared);
  }

  @Test
  void aFileFeedInsideOrHoldingTheDataDirectoryIsRefused() throws Exception {
    Path data = java.nio.file.Files.createDirectories(dir.resolve("feeds-test/depot-data"));
    dev.depot.publish.files.LocalPaths.registerPrivate(data);

    for (Path feed : List.of(data, data.resolve("tls"), data.getParent())) {
      ValidationResult.Invalid invalid =
          refused(FeedKeys.standard(), Map.of("feed", feed.toUri().toString()));
      assertThat(invalid.fields()).as(feed.toString()).containsExactly("feed");
    }
    assertThat(
            FeedKeys.standard()
                .validate(
                    PluginCallConfiguration.of(
                        Map.of("feed", dir.resolve("elsewhere").toUri().toString()))))
        .isEqualTo(ValidationResult.valid());
  }
}
