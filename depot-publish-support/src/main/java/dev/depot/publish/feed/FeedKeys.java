package dev.depot.publish.feed;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The importer keys every remote-fed content type shares, as Pulp's {@code importer_constants}
 * lists them: where the feed is, how to reach it (TLS, proxy, basic authentication), how fast and
 * how parallel to download, whether to verify downloads and whether units gone from the feed leave
 * the repository. A type declares the keys of its own; every other key is refused, naming it.
 *
 * <p>In an importer:
 *
 * <pre>{@code
 * static final FeedKeys KEYS = FeedKeys.standard().withExtraKeys("skip_types");
 *
 * public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
 *   ConfigCheck check = new ConfigCheck(config);
 *   KEYS.check(check);
 *   // ... check skip_types ...
 *   return check.result();
 * }
 *
 * public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
 *   FeedSettings feed = KEYS.settings(config);
 *   try (Downloader downloader = new Downloader(feed.downloads(), feed.fileFeedRoot())) { ... }
 * }
 * }</pre>
 *
 * <p>Messages name keys, never values: values may be passwords or private keys.
 */
public final class FeedKeys {
  /** The feed's URL: {@code http://}, {@code https://} or {@code file://}. */
  public static final String FEED = "feed";

  /** How many files download at once. */
  public static final String NUM_THREADS = "num_threads";

  /**
   * {@link #NUM_THREADS} under the name Pulp's {@code importer_constants} give it ({@code
   * KEY_MAX_DOWNLOADS}), so configurations written for Pulp's importers are taken as they are.
   */
  public static final String MAX_DOWNLOADS = "max_downloads";

  /**
   * Pulp's lazy-download switch: {@code immediate} (the default, and the only policy Depot has: a
   * sync downloads every file) is taken, so configurations Katello writes are; so is {@code
   * background} (Pulp downloads every file in a task after the sync: Depot has them when the sync
   * ends, the same content sooner); {@code on_demand} is refused saying so.
   */
  public static final String DOWNLOAD_POLICY = "download_policy";

  /** A cap on the download speed in bytes per second, all downloads together. */
  public static final String MAX_SPEED = "max_speed";

  /** Whether downloads are checked against the feed's sizes and digests. */
  public static final String VALIDATE = "validate";

  /** Extra CA certificates (PEM) to trust the feed's server with. */
  public static final String SSL_CA_CERT = "ssl_ca_cert";

  /** A client certificate (PEM) to present to the feed's server. */
  public static final String SSL_CLIENT_CERT = "ssl_client_cert";

  /** The client certificate's private key (PEM). */
  public static final String SSL_CLIENT_KEY = "ssl_client_key";

  /** Whether the feed server's certificate and host name are checked. */
  public static final String SSL_VALIDATION = "ssl_validation";

  /** The proxy's host name, or an {@code http(s)://} URL naming it. */
  public static final String PROXY_HOST = "proxy_host";

  /** The proxy's port; 3128 when neither this nor the proxy URL names one. */
  public static final String PROXY_PORT = "proxy_port";

  /** The user name the proxy asks for. */
  public static final String PROXY_USERNAME = "proxy_username";

  /** The proxy user's password. */
  public static final String PROXY_PASSWORD = "proxy_password";

  /** The user name for HTTP basic authentication on the feed. */
  public static final String BASIC_AUTH_USERNAME = "basic_auth_username";

  /** Its password. */
  public static final String BASIC_AUTH_PASSWORD = "basic_auth_password";

  /** Whether units the feed no longer lists leave the repository, under Pulp's common name. */
  public static final String REMOVE_MISSING = "remove_missing";

  /** The platform-recognised key that asks for a full sync, skipping any shortcut. */
  public static final String FORCE_FULL = "force_full";

  /** Parallel downloads when {@code num_threads} is not set, as in Pulp. */
  public static final int DEFAULT_NUM_THREADS = 5;

  /** More parallel downloads than this only hurts the feed's server. */
  public static final int MAX_NUM_THREADS = 100;

  /** Whether downloads are verified when {@code validate} is not set. */
  public static final boolean DEFAULT_VALIDATE = true;

  /** Whether units gone from the feed leave the repository when the key is not set. */
  public static final boolean DEFAULT_REMOVE_MISSING = false;

  private static final List<String> SHARED =
      List.of(
          FEED,
          NUM_THREADS,
          MAX_DOWNLOADS,
          DOWNLOAD_POLICY,
          MAX_SPEED,
          VALIDATE,
          SSL_CA_CERT,
          SSL_CLIENT_CERT,
          SSL_CLIENT_KEY,
          SSL_VALIDATION,
          PROXY_HOST,
          PROXY_PORT,
          PROXY_USERNAME,
          PROXY_PASSWORD,
          BASIC_AUTH_USERNAME,
          BASIC_AUTH_PASSWORD,
          FORCE_FULL);

  private final String removeMissingKey;
  private final Set<String> extraKeys;

  private FeedKeys(String removeMissingKey, Set<String> extraKeys) {
    this.removeMissingKey = removeMissingKey;
    this.extraKeys = Set.copyOf(extraKeys);
  }

  /** The shared keys alone, {@code remove_missing} under Pulp's common name. */
  public static FeedKeys standard() {
    return new FeedKeys(REMOVE_MISSING, Set.of());
  }

  /**
   * The same keys with the mirror switch also taken under the type's own name. {@code
   * remove_missing} stays known, as every Pulp importer (its {@code iso_importer} too, whose
   * validator is merely named {@code _validate_remove_missing_units}) reads that key: clients
   * written for Pulp send it. Giving both names is refused.
   */
  public FeedKeys removeMissingAs(String key) {
    Objects.requireNonNull(key, "key");
    return new FeedKeys(key, extraKeys);
  }

  /**
   * The same keys plus the type's own. Their values are the type's to check, after {@link #check};
   * this only stops them being refused as unknown.
   */
  public FeedKeys withExtraKeys(String... keys) {
    Set<String> all = new TreeSet<>(extraKeys);
    all.addAll(Arrays.asList(keys));
    return new FeedKeys(removeMissingKey, all);
  }

  /** Every key an importer with these keys takes. */
  public Set<String> keys() {
    Set<String> all = new TreeSet<>(SHARED);
    all.add(REMOVE_MISSING);
    all.add(removeMissingKey);
    all.addAll(extraKeys);
    return all;
  }

  /** The name the mirror switch goes by for this type. */
  public String removeMissingKey() {
    return removeMissingKey;
  }

  /**
   * Adds to {@code check} every problem of the shared keys: unknown keys, then each bad value,
   * naming its key. The type then checks its extra keys and answers {@code check.result()}.
   */
  public void check(ConfigCheck check) {
    check.onlyKeys(keys());
    FeedChecks.feed(check);
    check.number(NUM_THREADS, 1, MAX_NUM_THREADS);
    check.number(MAX_DOWNLOADS, 1, MAX_NUM_THREADS);
    if (check.has(NUM_THREADS) && check.has(MAX_DOWNLOADS)) {
      check.problem(
          MAX_DOWNLOADS,
          MAX_DOWNLOADS + " is Pulp's name for " + NUM_THREADS + ": give one of them, not both");
    }
    String policy = check.string(DOWNLOAD_POLICY);
    if (policy != null && !policy.equals("immediate") && !policy.equals("background")) {
      check.problem(
          DOWNLOAD_POLICY,
          DOWNLOAD_POLICY
              + " may be immediate (or background, which Depot does as immediate), not "
              + policy
              + ": Depot downloads every file at sync (Pulp's on_demand is not built)");
    }
    check.positiveNumber(MAX_SPEED); // bytes per second
    for (String key : List.of(VALIDATE, REMOVE_MISSING, SSL_VALIDATION, FORCE_FULL)) {
      check.bool(key);
    }
    if (!removeMissingKey.equals(REMOVE_MISSING)) {
      check.bool(removeMissingKey);
      if (check.has(removeMissingKey) && check.has(REMOVE_MISSING)) {
        check.problem(
            removeMissingKey,
            removeMissingKey + " is another name for " + REMOVE_MISSING + ": give one, not both");
      }
    }
    FeedChecks.tls(check);
    FeedChecks.proxy(check);
    check.string(BASIC_AUTH_USERNAME);
    check.string(BASIC_AUTH_PASSWORD);
    check.requiresAlso(BASIC_AUTH_USERNAME, BASIC_AUTH_PASSWORD);
    check.requiresAlso(BASIC_AUTH_PASSWORD, BASIC_AUTH_USERNAME);
  }

  /** The whole validation of an importer whose extra keys (if any) take any value. */
  public ValidationResult validate(PluginCallConfiguration config) {
    ConfigCheck check = new ConfigCheck(config);
    check(check);
    return check.result();
  }

  /** The settings a validated configuration gives, defaults filled in. */
  public FeedSettings settings(PluginCallConfiguration config) {
    return FeedSettings.of(config, removeMissingKey);
  }
}
