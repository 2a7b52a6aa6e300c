package dev.depot.publish.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Fetches files from {@code http://}, {@code https://} and {@code file://} URLs into place: each
 * download streams into a hidden temporary file beside its target while its size and SHA-256 are
 * checked, and only a complete, verified file is renamed into place. A failed, mismatched or
 * cancelled download leaves nothing behind. Thread-safe: one downloader serves all the parallel
 * downloads of a sync, sharing one connection pool and one speed cap.
 *
 * <p>HTTP goes through one client, kept-alive connections on the calling thread, straight to the
 * feed's server or through the configured proxy ({@code CONNECT} tunnels for {@code https://},
 * absolute-form requests for {@code http://}, Basic proxy credentials sent up front). When the
 * settings name a feed on the internet, no download connects to a private network's address,
 * whatever the feed's answers or redirects name (see {@link DownloadSettings#feed()}). Errors name
 * the URL and what failed, never a password.
 */
public final class Downloader implements AutoCloseable {
  private final DownloadSettings settings;
  private final FeedOpener feeds;
  private final VerifiedStore store;

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
    this(settings, fileRoot, InternalAddresses::isInternal);
  }

  /** The same, with what counts as a private network's address given (tests pick their own). */
  Downloader(DownloadSettings settings, Path fileRoot, Predicate<InetAddress> internal) {
    this.settings = settings;
    String basicAuth =
        settings.basicAuthUsername() == null
            ? null
            : HttpStatus.basic(settings.basicAuthUsername(), settings.basicAuthPassword());
    KeepAliveHttp http =
        new KeepAliveHttp(
            TlsContexts.forDownloads(settings),
            (int) settings.timeout().toMillis(),
            settings.proxy(),
            new FeedReach(settings.feed(), internal));
    this.feeds =
        new FeedOpener(
            http,
            basicAuth,
            settings.feed(),
            fileRoot == null ? null : fileRoot.toAbsolutePath().normalize());
    this.store = new VerifiedStore(new Throttle(settings.maxBytesPerSecond()));
  }

  /**
   * What the downloaded file must be.
   *
   * @param size the exact size in bytes, or -1 for any
   * @param sha256 the lower-case hex SHA-256, or null for any
   * @param maxSize the most bytes taken, or -1 for no bound: a document whose size no listing gives
   *     (a treeinfo, a page of an API) is refused as it grows past it, not after a hostile feed has
   *     filled the disk
   */
  public record Expected(long size, String sha256, long maxSize) {
    /** No expectation: whatever arrives is kept. */
    public static final Expected ANY = new Expected(-1, null);

    /** An exact size and digest (either may be unknown: -1, null), no other bound. */
    public Expected(long size, String sha256) {
      this(size, sha256, -1);
    }

    /** Whatever arrives, up to {@code maxSize} bytes. */
    public static Expected atMost(long maxSize) {
      return new Expected(-1, null, maxSize);
    }
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
      store.checkCancelled();
      try {
        return store.store(uri, () -> feeds.open(uri), target, expected, progress);
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
    store.cancel();
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
    store.checkCancelled();
    return store.store(label, source, target, expected, progress);
  }

  @Override
  public void close() {
    feeds.close();
  }
}
