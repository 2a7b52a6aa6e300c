package dev.depot.publish.download;

import dev.depot.publish.download.Downloader.Expected;
import dev.depot.publish.download.Downloader.Fetched;
import dev.depot.publish.download.Downloader.Source;
import dev.depot.publish.files.AtomicMove;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Writes one stream into place: into a hidden temporary file beside the target while its size and
 * SHA-256 are checked, renamed over the target only when complete and verified. Owns cancellation:
 * streams being read are closed by {@link #cancel()}, which wakes their blocked readers.
 */
final class VerifiedStore {
  private static final int BUFFER = 64 * 1024;

  /** The least buffer a download of a known, small size gets: one read, then the end. */
  private static final int SMALL_BUFFER = 8 * 1024;

  private final Throttle throttle;
  private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  VerifiedStore(Throttle throttle) {
    this.throttle = throttle;
  }

  /** Stops every copy in flight and refuses new ones: they throw CancellationException. */
  void cancel() {
    cancelled = true;
    for (InputStream in : open) {
      try {
        in.close();
      } catch (IOException e) {
        // Closing is how the blocked reader is woken up; its own failure does not matter.
      }
    }
  }

  void checkCancelled() {
    if (cancelled) {
      throw new CancellationException("download cancelled");
    }
  }

  /** Stores the bytes of {@code source} at {@code target}; {@code uri} names it in errors. */
  Fetched store(URI uri, Source source, Path target, Expected expected, LongConsumer progress)
      throws DownloadFailure, InterruptedException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".part-" + UUID.randomUUID());
    boolean moved = false;
    try {
      // Mostly there already: asked first, as createDirectories learns that from an exception.
      if (!Files.isDirectory(target.getParent())) {
        Files.createDirectories(target.getParent());
      }
      Fetched fetched;
      try (InputStream in = source.open()) {
        open.add(in);
        try {
          fetched = copy(uri, in, temp, expected, progress);
        } finally {
          open.remove(in);
        }
      }
      verify(uri, fetched, expected);
      AtomicMove.replaceFile(temp, target, AtomicMove.Durability.CACHED);
      moved = true;
      return new Fetched(target, fetched.size(), fetched.sha256());
    } catch (DownloadFailure e) {
      throw e;
    } catch (ProxyFailure e) {
      checkCancelled();
      throw new DownloadFailure(uri, e.getMessage(), e.retryable(), e);
    } catch (IOException e) {
      checkCancelled();
      throw new DownloadFailure(uri, describe(uri, e), true, e);
    } finally {
      if (!moved) { // a missing file costs an exception inside the JDK: not for every download
        deleteQuietly(temp);
      }
    }
  }

  private Fetched copy(URI uri, InputStream in, Path temp, Expected expected, LongConsumer progress)
      throws IOException, InterruptedException {
    MessageDigest sha256 = sha256();
    long size = 0;
    byte[] buffer = new byte[bufferFor(expected.size())];
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
        if (expected.maxSize() >= 0 && size > expected.maxSize()) {
          throw new DownloadFailure.Mismatch(
              uri, "larger than the " + expected.maxSize() + " bytes such a file may have");
        }
      }
    }
    checkCancelled();
    return new Fetched(temp, size, HexFormat.of().formatHex(sha256.digest()));
  }

  /**
   * A buffer no larger than the file needs: a sync of many small files (Puppet modules of a few
   * hundred bytes) otherwise made 64 KB of garbage per file, and the collector's work with it.
   */
  private static int bufferFor(long expectedSize) {
    return expectedSize < 0
        ? BUFFER
        : (int) Math.min(BUFFER, Math.max(SMALL_BUFFER, expectedSize + 1));
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
}
