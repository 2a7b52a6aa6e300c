package dev.depot.publish.feed;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.download.DownloadSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a validated importer configuration says about its feed, defaults filled in; made by {@link
 * FeedKeys#settings}. {@link #toString()} leaves out the download settings: they hold passwords and
 * private keys.
 *
 * @param feed the feed's URL as configured, or null when none is set
 * @param numThreads how many files download at once
 * @param validate whether downloads are checked against the feed's sizes and digests
 * @param removeMissing whether units the feed no longer lists leave the repository
 * @param forceFull whether the sync must skip every shortcut
 * @param downloads how the downloader reaches the feed; names the feed, so that a feed on the
 *     internet cannot lead a download to a private network's address
 */
public record FeedSettings(
    String feed,
    int numThreads,
    boolean validate,
    boolean removeMissing,
    boolean forceFull,
    DownloadSettings downloads) {
  /** Pulp's proxies listened on Squid's port when the configuration named none. */
  static final int DEFAULT_PROXY_PORT = 3128;

  static FeedSettings of(PluginCallConfiguration config, String removeMissingKey) {
    return new FeedSettings(
        config.getString(FeedKeys.FEED).orElse(null),
        config
            .getLong(FeedKeys.NUM_THREADS)
            .or(() -> config.getLong(FeedKeys.MAX_DOWNLOADS))
            .map(Long::intValue)
            .orElse(FeedKeys.DEFAULT_NUM_THREADS),
        config.getBoolean(FeedKeys.VALIDATE, FeedKeys.DEFAULT_VALIDATE),
        config
            .getBoolean(FeedKeys.REMOVE_MISSING)
            .or(() -> config.getBoolean(removeMissingKey))
            .orElse(FeedKeys.DEFAULT_REMOVE_MISSING),
        config.getBoolean(FeedKeys.FORCE_FULL, false),
        downloads(config));
  }

  private static DownloadSettings downloads(PluginCallConfiguration config) {
    DownloadSettings.Proxy proxy = null;
    String proxyHost = config.getString(FeedKeys.PROXY_HOST).orElse(null);
    if (proxyHost != null) {
      // Pulp took either a bare host or a URL in proxy_host; the port may ride in either place.
      URI asUrl = proxyHost.contains("://") ? URI.create(proxyHost) : null;
      String host = asUrl != null ? asUrl.getHost() : proxyHost.replaceAll("^\\[|]$", "");
      int defaultPort = asUrl != null && asUrl.getPort() > 0 ? asUrl.getPort() : DEFAULT_PROXY_PORT;
      proxy =
          new DownloadSettings.Proxy(
              host,
              config.getLong(FeedKeys.PROXY_PORT).map(Long::intValue).orElse(defaultPort),
              config.getString(FeedKeys.PROXY_USERNAME).orElse(null),
              config.getString(FeedKeys.PROXY_PASSWORD).orElse(null));
    }
    return new DownloadSettings(
        config.getBoolean(FeedKeys.SSL_VALIDATION, true),
        config.getString(FeedKeys.SSL_CA_CERT).orElse(null),
        config.getString(FeedKeys.SSL_CLIENT_CERT).orElse(null),
        config.getString(FeedKeys.SSL_CLIENT_KEY).orElse(null),
        proxy,
        config.getString(FeedKeys.BASIC_AUTH_USERNAME).orElse(null),
        config.getString(FeedKeys.BASIC_AUTH_PASSWORD).orElse(null),
        config.getLong(FeedKeys.MAX_SPEED).orElse(0L),
        Duration.ofSeconds(60),
        3,
        config.getString(FeedKeys.FEED).map(FeedSettings::feedUri).orElse(null));
  }

  /**
   * The feed as the downloader's rule on private addresses sees it; a feed that is no URL (the
   * configuration's checks refuse one) counts as a host on the internet.
   */
  private static URI feedUri(String feed) {
    try {
      return new URI(feed);
    } catch (URISyntaxException e) {
      return URI.create("https://feed.invalid/");
    }
  }

  /** The feed as a directory URL (with its trailing slash), so names resolve inside it. */
  public Optional<URI> feedDirectory() {
    return Optional.ofNullable(feed).map(FeedSettings::directoryOf);
  }

  /**
   * The feed as a directory URL, for a sync that cannot run without one.
   *
   * @throws IllegalStateException telling the user to set a feed, when none is set
   */
  public URI requireFeedDirectory() {
    return feedDirectory()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the importer has no feed to sync from; set one (feed=URL) first"));
  }

  /**
   * The directory a {@code file://} feed's files must stay in (links out of it are refused), or
   * null for other feeds; what {@code Downloader} takes as its file root.
   */
  public Path fileFeedRoot() {
    return feedDirectory()
        .filter(uri -> "file".equalsIgnoreCase(uri.getScheme()))
        .map(Path::of)
        .orElse(null);
  }

  /** A feed URL as a directory URL (with its trailing slash), so names resolve inside it. */
  public static URI directoryOf(String feed) {
    return URI.create(feed.endsWith("/") ? feed : feed + "/");
  }

  /**
   * The URL of a file the feed lists, its name percent-encoded segment by segment, always inside
   * the feed directory.
   *
   * @throws IllegalArgumentException naming the file when its name would lead out of the directory
   *     ({@code ..}, an absolute path) or cannot be put in a URL
   */
  public static URI fileUrl(URI feedDirectory, String name) {
    URI url;
    try {
      // "./" first: a name whose first segment holds a colon ("x:/etc/passwd", "a:b.iso") is a
      // path in the feed, not a URL of scheme "x" (which resolved to the host's /etc/passwd).
      url = feedDirectory.resolve(new URI(null, null, "./" + name, null).getRawPath());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("file name cannot be put in a URL: " + name, e);
    }
    URI dir = feedDirectory.normalize();
    String dirPath = dir.getRawPath() == null ? "" : dir.getRawPath();
    if (!Objects.equals(url.getScheme(), dir.getScheme())
        || !Objects.equals(url.getRawAuthority(), dir.getRawAuthority())
        || name.startsWith("/")
        || url.getRawPath() == null
        || !url.getRawPath().startsWith(dirPath)
        || url.getRawPath().length() == dirPath.length()) {
      throw new IllegalArgumentException("file name leads out of the feed directory: " + name);
    }
    return url;
  }

  /** The settings without the download settings, which hold secrets. */
  @Override
  public String toString() {
    return "FeedSettings[feed="
        + feed
        + ", numThreads="
        + numThreads
        + ", validate="
        + validate
        + ", removeMissing="
        + removeMissing
        + ", forceFull="
        + forceFull
        + "]";
  }
}
