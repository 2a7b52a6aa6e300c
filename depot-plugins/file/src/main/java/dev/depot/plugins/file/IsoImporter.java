package dev.depot.plugins.file;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.tls.Pem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pulp's {@code iso_importer}: syncs a repository from a feed directory holding a {@code
 * PULP_MANIFEST}, and takes uploads of single files. Every setting is checked when it is
 * configured; see {@link IsoSync} for the sync itself.
 */
public final class IsoImporter implements Importer {
  private final Cancellation cancellation = new Cancellation();

  /** The importer type id, as in Pulp. */
  public static final String ID = "iso_importer";

  /** Parallel downloads when {@code num_threads} is not set, as in Pulp. */
  static final int DEFAULT_NUM_THREADS = 5;

  /** More parallel downloads than this only hurts the feed's server. */
  static final int MAX_NUM_THREADS = 100;

  /** Whether downloads are checked against the manifest's size and checksum by default. */
  static final boolean DEFAULT_VALIDATE = true;

  /** Whether units gone from the feed leave the repository by default. */
  static final boolean DEFAULT_REMOVE_MISSING_UNITS = false;

  // Letters, digits, dots and dashes: a DNS name or an IPv4 address.
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]*[A-Za-z0-9])?");

  static final Set<String> KEYS =
      Set.of(
          "feed",
          "num_threads",
          "max_speed",
          "validate",
          "remove_missing_units",
          "ssl_validation",
          "ssl_ca_cert",
          "ssl_client_cert",
          "ssl_client_key",
          "proxy_host",
          "proxy_port",
          "proxy_username",
          "proxy_password",
          "basic_auth_username",
          "basic_auth_password",
          "force_full");

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "ISO Importer", List.of(FileContentTypes.ISO));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    ConfigCheck check = new ConfigCheck(config);
    check.onlyKeys(KEYS);
    feed(check);
    check.number("num_threads", 1, MAX_NUM_THREADS);
    check.positiveNumber("max_speed"); // bytes per second
    for (String key : List.of("validate", "remove_missing_units", "ssl_validation", "force_full")) {
      check.bool(key);
    }
    String ca = check.string("ssl_ca_cert");
    if (ca != null && !Pem.isCertificates(ca)) {
      check.problem("ssl_ca_cert", "ssl_ca_cert must be PEM-encoded X.509 certificate(s)");
    }
    String cert = check.string("ssl_client_cert");
    if (cert != null && !Pem.isCertificates(cert)) {
      check.problem("ssl_client_cert", "ssl_client_cert must be a PEM-encoded X.509 certificate");
    }
    String key = check.string("ssl_client_key");
    if (key != null && !Pem.isPrivateKey(key)) {
      check.problem(
          "ssl_client_key",
          "ssl_client_key must be an unencrypted PEM-encoded RSA or EC private key");
    }
    check.requiresAlso("ssl_client_key", "ssl_client_cert");
    check.requiresAlso("ssl_client_cert", "ssl_client_key");
    proxy(check);
    check.string("basic_auth_username");
    check.string("basic_auth_password");
    check.requiresAlso("basic_auth_username", "basic_auth_password");
    check.requiresAlso("basic_auth_password", "basic_auth_username");
    return check.result();
  }

  private static void feed(ConfigCheck check) {
    String feed = check.string("feed");
    if (feed == null) {
      return;
    }
    URI uri;
    try {
      uri = new URI(feed);
    } catch (URISyntaxException e) {
      check.problem("feed", "feed is not a valid URL: " + e.getReason());
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https" -> {
        if (uri.getHost() == null) {
          check.problem("feed", "feed must name a host, e.g. https://example.com/repo/");
        }
      }
      case "file" -> {
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
          check.problem("feed", "a file:// feed must be an absolute path, e.g. file:///srv/repo/");
        }
      }
      default -> check.problem("feed", "feed must be an http://, https:// or file:// URL");
    }
    if (uri.getRawUserInfo() != null) {
      check.problem(
          "feed",
          "feed must not carry credentials; use basic_auth_username and basic_auth_password");
    }
  }

  private static void proxy(ConfigCheck check) {
    String host = check.string("proxy_host");
    if (host != null && !isProxyHost(host)) {
      check.problem(
          "proxy_host",
          "proxy_host must be a host name or an http:// or https:// URL without credentials"
              + " (use proxy_username and proxy_password)");
    }
    check.number("proxy_port", 1, 65535);
    check.requiresAlso("proxy_port", "proxy_host");
    check.string("proxy_username");
    check.string("proxy_password");
    check.requiresAlso("proxy_username", "proxy_password");
    check.requiresAlso("proxy_password", "proxy_username");
    check.requiresAlso("proxy_username", "proxy_host");
    check.requiresAlso("proxy_password", "proxy_host");
  }

  /** A bare host name or IP address, or an http(s) URL naming one (as Pulp's proxies took). */
  private static boolean isProxyHost(String host) {
    if (HOST_NAME.matcher(host).matches() || host.matches("\\[[0-9A-Fa-f:.]+]")) {
      return true;
    }
    try {
      URI uri = new URI(host);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && (uri.getRawPath() == null
              || uri.getRawPath().isEmpty()
              || uri.getRawPath().equals("/"))
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  @Override
  public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    IsoSync sync = new IsoSync(repo, conduit, config);
    return cancellation.run(sync::cancel, sync::run, () -> SyncReport.canceled("cancelled", null));
  }

  @Override
  public void cancelSyncRepo() {
    cancellation.cancel();
  }

  @Override
  public UploadReport uploadUnit(
      Repository repo,
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      Path file,
      UploadConduit conduit,
      PluginCallConfiguration config) {
    return IsoUpload.importFile(typeId, unitKey, file, conduit);
  }
}
