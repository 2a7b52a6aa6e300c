package dev.depot.plugins.file;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.download.DownloadSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Turns an {@code iso_importer} configuration (already validated) into download settings. */
final class FeedSettings {
  private FeedSettings() {}

  static DownloadSettings downloads(PluginCallConfiguration config) {
    DownloadSettings.Proxy proxy = null;
    String proxyHost = config.getString("proxy_host").orElse(null);
    if (proxyHost != null) {
      // Pulp took either a bare host or a URL in proxy_host; the port may ride in either place.
      URI asUrl = proxyHost.contains("://") ? URI.create(proxyHost) : null;
      String host = asUrl != null ? asUrl.getHost() : proxyHost.replaceAll("^\\[|]$", "");
      int defaultPort = asUrl != null && asUrl.getPort() > 0 ? asUrl.getPort() : 3128;
      proxy =
          new DownloadSettings.Proxy(
              host,
              config.getLong("proxy_port").map(Long::intValue).orElse(defaultPort),
              config.getString("proxy_username").orElse(null),
              config.getString("proxy_password").orElse(null));
    }
    return new DownloadSettings(
        config.getBoolean("ssl_validation", true),
        config.getString("ssl_ca_cert").orElse(null),
        config.getString("ssl_client_cert").orElse(null),
        config.getString("ssl_client_key").orElse(null),
        proxy,
        config.getString("basic_auth_username").orElse(null),
        config.getString("basic_auth_password").orElse(null),
        config.getLong("max_speed").orElse(0L),
        Duration.ofSeconds(60),
        3);
  }

  /**
   * The directory a {@code file://} feed's files must stay in (links out of it are refused), or
   * null for other feeds.
   */
  static Path fileFeedRoot(PluginCallConfiguration config) {
    return config
        .getString("feed")
        .map(FeedSettings::feedDirectory)
        .filter(uri -> "file".equalsIgnoreCase(uri.getScheme()))
        .map(Path::of)
        .orElse(null);
  }

  /** The feed as a directory URL (with its trailing slash), so names resolve inside it. */
  static URI feedDirectory(String feed) {
    return URI.create(feed.endsWith("/") ? feed : feed + "/");
  }

  /** The URL of a file listed in the manifest, its name percent-encoded segment by segment. */
  static URI fileUrl(URI feedDirectory, String name) {
    try {
      String encoded = new URI(null, null, name, null).getRawPath();
      return feedDirectory.resolve(encoded);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("file name cannot be put in a URL: " + name, e);
    }
  }
}
