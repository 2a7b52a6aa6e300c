package dev.depot.publish.download;

import dev.depot.publish.tree.OutsideRootException;
import dev.depot.publish.tree.RootedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;

/**
 * Fetches files from {@code http://}, {@code https://} and {@code file://} URLs into place: each
 * download streams into a hidden temporary file beside its target while its size and SHA-256 are
 * checked, and only a complete, verified file is renamed into place. A failed, mismatched or
 * cancelled download leaves nothing behind. Thread-safe: one downloader serves all the parallel
 * downloads of a sync, sharing one connection pool and one speed cap. Direct connections use {@link
 * KeepAliveHttp}; through a proxy, the JDK's HTTP client.
 */
public final class Downloader implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  static {
    allowBasicProxyAuthInTunnels();
  }

  /**
   * Lets the JDK's HTTP client answer a proxy's Basic challenge to a {@code CONNECT} (an {@code
   * https://} feed through a proxy), which it refuses by default; without this an importer's {@code
   * proxy_username}/{@code proxy_password} would never reach the proxy for https feeds. The JDK
   * reads the setting once, when its HTTP client is first used anywhere in the JVM, so a server
   * calls this first thing in {@code main}; a later call has no effect.
   */
  public static void allowBasicProxyAuthInTunnels() {
    if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
      System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    }
  }

  /** Statuses whose {@code Location} is followed. */
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private static final int MAX_REDIRECTS = 5;

  private final DownloadSettings settings;
  private final Path fileRoot;
  private final KeepAliveHttp direct;
  private final HttpClient viaProxy;
  private final String basicAuth;
  private final Throttle throttle;
  private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  /**
   * A downloader with its own connections; a {@code file://} URL may not lead out of its own
   * directory.
   */
  public Downloader(DownloadSettings settings) {
    this(settings, null);
  }

  /**
   * A downloader with its own connections whose {@code file://} URLs must stay inside a feed
   * directory: a file there that is a link to elsewhere (say, the server's TLS key) is refused,
   * naming the file, whatever its checksum. Links between the feed's own files are followed.
   *
   * @param fileRoot the feed directory, or null to confine each file to its own directory
   */
  public Downloader(DownloadSettings settings, Path fileRoot) {
    this.settings = settings;
    this.fileRoot = fileRoot == null ? null : fileRoot.toAbsolutePath().normalize();
    this.throttle = new Throttle(settings.maxBytesPerSecond());
    this.basicAuth =
        settings.basicAuthUsername() == null
            ? null
            : basic(settings.basicAuthUsername(), settings.basicAuthPassword());
    SSLContext tls = TlsContexts.forDownloads(settings);
    this.direct = new KeepAliveHttp(tls, (int) settings.timeout().toMillis());
    DownloadSettings.Proxy proxy = settings.proxy();
    if (proxy == null) {
      this.viaProxy = null;
      return;
    }
    // Through a proxy, the JDK client: it speaks CONNECT tunnels and answers proxy challenges.
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            // Feeds are plain file servers; asking every connection to upgrade to h2c only costs.
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(tls)
            .proxy(ProxySelector.of(new InetSocketAddress(proxy.host(), proxy.port())));
    if (proxy.username() != null) {
      builder.authenticator(proxyAuthenticator(proxy));
    }
    this.viaProxy = builder.build();
  }

  private static Authenticator proxyAuthenticator(DownloadSettings.Proxy proxy) {
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return getRequestorType() == RequestorType.PROXY
            ? new PasswordAuthentication(proxy.username(), proxy.password().toCharArray())
            : null;
      }
    };
  }

  /**
   * What the downloaded file must be.
   *
   * @param size the exact size in bytes, or -1 for any
   * @param sha256 the lower-case hex SHA-256, or null for any
   */
  public record Expected(long size, String sha256) {
    /** No expectation: whatever arrives is kept. */
    public static final Expected ANY = new Expected(-1, null);
  }

  /**
   * A downloaded file.
   *
   * @param path where it now is
   * @param size its size in bytes
   * @param sha256 its SHA-256, lower-case hex
   */
  public record Fetched(Path path, long size, String sha256) {}

  /**
   * Downloads one URL to {@code target}, retrying transient failures.
   *
   * @param progress told the number of bytes of every chunk as it arrives (may be told more than
   *     the file's size when a retry starts over)
   * @throws DownloadFailure when the file cannot be fetched or is not what was expected
   * @throws CancellationException when {@link #cancel()} was called
   */
  public Fetched fetch(URI uri, Path target, Expected expected, LongConsumer progress)
      throws DownloadFailure, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      checkCancelled();
      try {
        return fetchOnce(uri, target, expected, progress);
      } catch (DownloadFailure e) {
        if (!e.isTransient() || attempt >= settings.attempts()) {
          throw e;
        }
        Thread.sleep(250L << attempt); // 0.5 s, 1 s, 2 s, ...: let a restarting server come back
      }
    }
  }

  /** Downloads a small text document (a manifest) to {@code target} and returns nothing else. */
  public Fetched fetch(URI uri, Path target) throws DownloadFailure, InterruptedException {
    return fetch(uri, target, Expected.ANY, bytes -> {});
  }

  /** Stops every download in flight and refuses new ones: they throw CancellationException. */
  public void cancel() {
    cancelled = true;
    for (InputStream in : open) {
      try {
        in.close();
      } catch (IOException e) {
        // Closing is how the blocked reader is woken up; its own failure does not matter.
      }
    }
  }

  private void checkCancelled() {
    if (cancelled) {
      throw new CancellationException("download cancelled");
    }
  }

  /** Opens the bytes of something that is not a URL (a file inside an ISO image, say). */
  @FunctionalInterface
  public interface Source {
    /** Opens a fresh stream of the bytes. */
    InputStream open() throws IOException;
  }

  /**
   * Stores the bytes of {@code source} at {@code target} with the same checks and guarantees as a
   * download: verified against {@code expected}, written beside the target and renamed into place
   * only when complete, cancellable, counted in the speed cap and progress. {@code label} names the
   * source in errors.
   */
  public Fetched store(
      URI label, Source source, Path target, Expected expected, LongConsumer progress)
      throws DownloadFailure, InterruptedException {
    checkCancelled();
    return storeOnce(label, source, target, expected, progress);
  }

  private Fetched fetchOnce(URI uri, Path target, Expected expected, LongConsumer progress)
      throws DownloadFailure, InterruptedException {
    return storeOnce(uri, () -> open(uri), target, expected, progress);
  }

  private Fetched storeOnce(
      URI uri, Source source, Path target, Expected expected, LongConsumer progress)
      throws DownloadFailure, InterruptedException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".part-" + UUID.randomUUID());
    boolean moved = false;
    try {
      Files.createDirectories(target.getParent());
      Fetched fetched;
      try (InputStream in = openSource(source)) {
        open.add(in);
        try {
          fetched = copy(uri, in, temp, expected, progress);
        } finally {
          open.remove(in);
        }
      }
      verify(uri, fetched, expected);
      move(temp, target);
      moved = true;
      return new Fetched(target, fetched.size(), fetched.sha256());
    } catch (DownloadFailure e) {
      throw e;
    } catch (IOException e) {
      checkCancelled();
      if (settings.proxy() != null && String.valueOf(e.getMessage()).startsWith("Tunnel failed")) {
        // The JDK's words when the proxy answers CONNECT with anything but 200 (tinyproxy says
        // 401 to wrong credentials): not worth retrying, and the user needs to know who refused.
        throw new DownloadFailure(uri, proxyRefused(e.getMessage()), false, e);
      }
      throw new DownloadFailure(uri, describe(uri, e), true, e);
    } finally {
      if (!moved) { // a missing file costs an exception inside the JDK: not for every download
        deleteQuietly(temp);
      }
    }
  }

  private static InputStream openSource(Source source) throws IOException, InterruptedException {
    try {
      return source.open();
    } catch (UncheckedInterrupt e) {
      throw e.interrupted;
    }
  }

  /** Carries an interrupt out of {@link Source#open}, which may only throw IOException. */
  private static final class UncheckedInterrupt extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient InterruptedException interrupted;

    UncheckedInterrupt(InterruptedException interrupted) {
      super(interrupted);
      this.interrupted = interrupted;
    }
  }

  private InputStream open(URI uri) throws IOException {
    try {
      return openUrl(uri);
    } catch (InterruptedException e) {
      throw new UncheckedInterrupt(e);
    }
  }

  private InputStream openUrl(URI uri) throws IOException, InterruptedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return openFile(uri);
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new DownloadFailure(uri, "unsupported URL scheme " + scheme, false, null);
    }
    return settings.proxy() == null ? openDirect(uri) : openViaProxy(uri, scheme);
  }

  private InputStream openFile(URI uri) throws IOException {
    Path file = Path.of(uri).toAbsolutePath().normalize();
    Path root = fileRoot != null ? fileRoot : file.getParent();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new DownloadFailure(uri, "not inside the feed directory " + root, false, null);
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

  private InputStream openDirect(URI uri) throws IOException {
    URI current = uri;
    for (int redirects = 0; ; redirects++) {
      Map<String, String> headers =
          basicAuth != null && sameOrigin(current, uri)
              ? Map.of("Authorization", basicAuth)
              : Map.of(); // credentials go to the feed's server only, not where it redirects
      KeepAliveHttp.Response response = direct.get(current, headers);
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

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private InputStream openViaProxy(URI uri, String scheme)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET();
    if (basicAuth != null) {
      request.header("Authorization", basicAuth);
    }
    DownloadSettings.Proxy proxy = settings.proxy();
    if (proxy.username() != null && scheme.equals("http")) {
      // Plain-HTTP requests through a proxy carry the credentials up front: no 407 round trip.
      request.header("Proxy-Authorization", basic(proxy.username(), proxy.password()));
    }
    HttpResponse<InputStream> response =
        viaProxy.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    if (response.body() != null) { // a proxy refusing a tunnel leaves no body to close
      response.body().close();
    }
    if (status == 407) {
      throw new DownloadFailure(uri, proxyRefused("HTTP 407"), false, null);
    }
    throw answered(uri, status);
  }

  /** A status other than 200 that ends a download; a busy or failing server is worth retrying. */
  private static DownloadFailure answered(URI uri, int status) {
    String phrase = REASONS.get(status);
    return new DownloadFailure(
        uri,
        status,
        "the server answered HTTP " + status + (phrase == null ? "" : " " + phrase),
        status >= 500 || status == 429,
        null);
  }

  /** Reason phrases of the statuses a feed answers with; HTTP/2 sends none, so they are ours. */
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(407, "Proxy Authentication Required"),
          Map.entry(408, "Request Timeout"),
          Map.entry(410, "Gone"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private String proxyRefused(String answer) {
    DownloadSettings.Proxy proxy = settings.proxy();
    return "the proxy "
        + (proxy == null ? "" : proxy.host() + ":" + proxy.port() + " ")
        + "refused the request ("
        + answer
        + "): check proxy_username and proxy_password";
  }

  private static String basic(String user, String password) {
    String pair = user + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private Fetched copy(URI uri, InputStream in, Path temp, Expected expected, LongConsumer progress)
      throws IOException, InterruptedException {
    MessageDigest sha256 = sha256();
    long size = 0;
    byte[] buffer = new byte[BUFFER];
    try (OutputStream out = Files.newOutputStream(temp)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        checkCancelled();
        throttle.take(n);
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
        size += n;
        progress.accept(n);
        if (expected.size() >= 0 && size > expected.size()) {
          throw new DownloadFailure.Mismatch(
              uri, "larger than the expected " + expected.size() + " bytes");
        }
      }
    }
    checkCancelled();
    return new Fetched(temp, size, HexFormat.of().formatHex(sha256.digest()));
  }

  private static void verify(URI uri, Fetched fetched, Expected expected) throws DownloadFailure {
    if (expected.size() >= 0 && fetched.size() != expected.size()) {
      throw new DownloadFailure.Mismatch(
          uri, "size " + fetched.size() + " bytes, expected " + expected.size());
    }
    if (expected.sha256() != null && !expected.sha256().equalsIgnoreCase(fetched.sha256())) {
      throw new DownloadFailure.Mismatch(
          uri, "SHA-256 " + fetched.sha256() + ", expected " + expected.sha256());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on exotic file systems; still never a partial file.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** Says what failed in the words a user searches for, not only the JDK's exception name. */
  static String describe(URI uri, IOException e) {
    String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    if (e instanceof UnknownHostException) {
      return "unknown host " + uri.getHost() + " (the name does not resolve)";
    }
    if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
      return "connection refused by " + where + " (nothing listens there)";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host " + where;
    }
    if (e instanceof SocketTimeoutException) {
      return "timed out waiting for " + where + " (" + e.getMessage() + ")";
    }
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A stray temporary file is harmless: its name never matches a unit's.
    }
  }

  @Override
  public void close() {
    direct.close();
    if (viaProxy != null) {
      viaProxy.close();
    }
  }
}
