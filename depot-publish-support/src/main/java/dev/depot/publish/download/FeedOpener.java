package dev.depot.publish.download;

import dev.depot.publish.files.LocalPaths;
import dev.depot.publish.tree.OutsideRootException;
import dev.depot.publish.tree.RootedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the bytes behind a feed URL: a {@code file://} inside the feed directory, or an {@code
 * http(s)://} answer followed through redirects, with the feed's Basic credentials sent to the
 * feed's own server only.
 */
final class FeedOpener implements AutoCloseable {
  /** Statuses whose {@code Location} is followed. */
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private static final int MAX_REDIRECTS = 5;

  private final KeepAliveHttp http;
  private final String basicAuth;
  private final URI feed; // whose server the credentials are for; null: each request's own
  private final Path fileRoot;

  /**
   * @param basicAuth the {@code Authorization} value for the feed's server, or null
   * @param feed the feed's URL, or null: the credentials go to its server only, not to other
   *     servers a listing names (a Forge's {@code file_uri}, a next page); without a feed, to the
   *     server each download starts at
   * @param fileRoot the feed directory {@code file://} URLs must stay in, or null for each file's
   *     own directory
   */
  FeedOpener(KeepAliveHttp http, String basicAuth, URI feed, Path fileRoot) {
    this.http = http;
    this.basicAuth = basicAuth;
    this.feed = feed;
    this.fileRoot = fileRoot;
  }

  /** The bytes at {@code uri}; the caller closes the stream. */
  InputStream open(URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return openFile(uri);
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new DownloadFailure(uri, "unsupported URL scheme " + scheme, false, null);
    }
    return openHttp(uri);
  }

  private InputStream openFile(URI uri) throws IOException {
    Path file = Path.of(uri).toAbsolutePath().normalize();
    Path root = fileRoot != null ? fileRoot : file.getParent();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new DownloadFailure(uri, "not inside the feed directory " + root, false, null);
    }
    // Checked again at each read: a link may have been changed since the config was validated.
    Optional<String> refused = LocalPaths.refusedForReading(root);
    if (refused.isPresent()) {
      throw new DownloadFailure(uri, "the feed directory " + refused.get(), false, null);
    }
    try {
      return RootedFiles.open(root, root.relativize(file).toString());
    } catch (NoSuchFileException e) {
      throw new DownloadFailure(uri, "no such file", false, e);
    } catch (OutsideRootException e) {
      throw new DownloadFailure(
          uri, "a symbolic link that leads out of the feed directory; refused", false, e);
    }
  }

  private InputStream openHttp(URI uri) throws IOException {
    URI current = uri;
    for (int redirects = 0; ; redirects++) {
      Map<String, String> headers =
          basicAuth != null && sameOrigin(current, credentialsOrigin(uri))
              ? Map.of("Authorization", basicAuth)
              : Map.of(); // credentials go to the feed's server only, not where it redirects
      KeepAliveHttp.Response response;
      try {
        response = http.get(current, headers);
      } catch (FeedReach.Refused e) {
        String where = current.equals(uri) ? "" : " (redirected to " + current + ")";
        throw new DownloadFailure(uri, "refused" + where + ": " + e.getMessage(), false, e);
      }
      int status = response.status();
      if (status == 200) {
        return response.body();
      }
      response.body().close();
      String location = response.headers().get("location");
      if (!REDIRECTS.contains(status) || location == null) {
        throw answered(uri, status);
      }
      URI next = redirect(uri, current, location);
      if (redirects >= MAX_REDIRECTS) {
        throw new DownloadFailure(uri, "more than " + MAX_REDIRECTS + " redirects", false, null);
      }
      current = next;
    }
  }

  /** Where a redirect leads, if it is followed: http(s) only, and never from https to http. */
  private static URI redirect(URI uri, URI from, String location) throws DownloadFailure {
    URI next;
    try {
      next = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new DownloadFailure(uri, "redirected to a malformed URL", false, e);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    boolean downgrade = from.getScheme().equalsIgnoreCase("https") && scheme.equals("http");
    if (!(scheme.equals("http") || scheme.equals("https")) || downgrade || next.getHost() == null) {
      throw new DownloadFailure(
          uri, "redirected to " + next + ", which is not followed", false, null);
    }
    return next;
  }

  /** The server the credentials belong to: the feed's when it is an http(s) URL. */
  private URI credentialsOrigin(URI uri) {
    boolean httpFeed =
        feed != null
            && feed.getHost() != null
            && ("http".equalsIgnoreCase(feed.getScheme())
                || "https".equalsIgnoreCase(feed.getScheme()));
    return httpFeed ? feed : uri;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** A status other than 200 that ends a download; a busy or failing server is worth retrying. */
  private static DownloadFailure answered(URI uri, int status) {
    return new DownloadFailure(
        uri,
        status,
        "the server answered " + HttpStatus.describe(status),
        HttpStatus.isTransient(status),
        null);
  }

  @Override
  public void close() {
    http.close();
  }
}
