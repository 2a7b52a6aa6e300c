package dev.depot.plugins.rpm;

import dev.depot.publish.download.Downloader;
import dev.depot.publish.feed.FeedSettings;
import io.airlift.compress.bzip2.BZip2HadoopStreams;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The rules for files a yum feed names: a location must stay inside the feed (no absolute URL, no
 * {@code ..}, no absolute path), a metadata file must have the digest repomd.xml gives, and it is
 * read through the compression its first bytes say: gzip, xz, bzip2, zstd or none.
 */
final class MetadataFiles {
  private static final int BUFFER = 64 * 1024;

  private MetadataFiles() {}

  /**
   * The URL of {@code href} inside the feed directory.
   *
   * @throws IOException when the location would leave the feed
   */
  static URI inside(URI feedDir, String href) throws IOException {
    if (href.isEmpty()
        || href.startsWith("/")
        || href.contains("\\")
        || href.contains("://")
        || href.indexOf('\0') >= 0
        || href.indexOf(':') >= 0 && href.indexOf(':') < indexOfOr(href, '/')) {
      throw new IOException("location " + href + " is not a path inside the feed: refused");
    }
    for (String segment : href.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new IOException("location " + href + " leaves the feed's directory: refused");
      }
    }
    return FeedSettings.fileUrl(feedDir, href);
  }

  /**
   * The URL of a package location with an {@code xml:base}: taken only when the base is the feed
   * directory or a directory inside it (as {@code createrepo --baseurl} with the repository's own
   * URL writes), the location then checked as {@link #inside} checks it. A base elsewhere (another
   * host, a parent directory) is refused: Depot only fetches from its feed.
   *
   * @throws IOException naming the base when it leads outside the feed
   */
  static URI inside(URI feedDir, String xmlBase, String href) throws IOException {
    if (xmlBase == null) {
      return inside(feedDir, href);
    }
    String feedText = feedDir.normalize().toString();
    String sub;
    try {
      String base = FeedSettings.directoryOf(xmlBase.trim()).normalize().toString();
      sub = base.startsWith(feedText) ? new URI(base.substring(feedText.length())).getPath() : null;
    } catch (IllegalArgumentException | URISyntaxException e) {
      sub = null;
    }
    if (sub == null) {
      throw new IOException(
          "its location has an xml:base (" + xmlBase + ") outside the feed: refused");
    }
    return inside(feedDir, sub + href);
  }

  private static int indexOfOr(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s.length() : i;
  }

  /**
   * Checks a downloaded file against repomd's digest.
   *
   * @throws IOException naming both digests when they differ, or an algorithm Depot cannot check
   */
  static void verify(Path file, String href, String type, String expected) throws IOException {
    compare(href, type, expected, digestOf(file, href, type));
  }

  /**
   * The most bytes a metadata file repomd.xml lists may have: far above any real repository's (a
   * large distribution's filelists has some 100 MB), so that a hostile feed cannot fill the disk
   * with an endless one before its digest is checked.
   */
  static final long MAX_SIZE = 2L << 30;

  /**
   * Downloads the file a repomd.xml record names into {@code file}, checked against its digest. A
   * SHA-256 (what createrepo_c writes) is the one the download computed on the way; any other is
   * computed by reading the file again. {@link #MAX_SIZE} bounds the download as it arrives (the
   * record's size would not: a hostile feed claims what it likes, and the digest decides).
   *
   * @throws IOException when the location leaves the feed, the download fails or the digest differs
   */
  static void fetchVerified(
      Downloader downloader, URI feedDir, RemoteRepomd.Record record, Path file)
      throws IOException, InterruptedException {
    Downloader.Fetched fetched =
        downloader.fetch(
            inside(feedDir, record.href()), file, Downloader.Expected.atMost(MAX_SIZE), n -> {});
    if ("sha256".equalsIgnoreCase(record.checksumType())) {
      compare(record.href(), record.checksumType(), record.checksum(), fetched.sha256());
    } else {
      verify(file, record.href(), record.checksumType(), record.checksum());
    }
  }

  private static void compare(String href, String type, String expected, String actual)
      throws IOException {
    if (!actual.equalsIgnoreCase(expected)) {
      throw new IOException(
          href + " has " + type + " " + actual + " but repomd.xml says " + expected);
    }
  }

  static String digestOf(Path file, String href, String type) throws IOException {
    MessageDigest digest = digest(type, href);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest(String type, String href) throws IOException {
    String algorithm =
        switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
          case "sha256" -> "SHA-256";
          case "sha512" -> "SHA-512";
          case "sha384" -> "SHA-384";
          case "sha224" -> "SHA-224";
          case "sha", "sha1" -> "SHA-1";
          case "md5" -> "MD5";
          default -> null;
        };
    if (algorithm == null) {
      throw new IOException(href + ": repomd.xml gives an unknown checksum type '" + type + "'");
    }
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has " + algorithm, e);
    }
  }

  /**
   * The file's content, uncompressed as its first bytes say (gzip, xz, bzip2, zstd, else plain):
   * the bytes rather than the name, since some servers hand out {@code primary.xml.gz} uncompressed
   * (they decode it as a Content-Encoding) and some repositories name files without the suffix.
   *
   * @throws IOException for a compression Depot does not read (zchunk)
   */
  static InputStream open(Path file, String href) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    try {
      raw.mark(8);
      byte[] head = raw.readNBytes(6);
      raw.reset();
      return switch (Compression.of(head)) {
        case GZIP -> new GZIPInputStream(raw, BUFFER);
        case XZ -> new XZInputStream(raw);
        case BZIP2 -> new BZip2HadoopStreams().createInputStream(raw);
        case ZSTD -> new ZstdInputStream(raw);
        case ZCHUNK -> throw new IOException(href + ": zchunk metadata is not read by Depot yet");
        case NONE -> raw;
      };
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** The compressions yum metadata comes in, told apart by their magic numbers. */
  private enum Compression {
    GZIP(0x1f, 0x8b),
    XZ(0xfd, '7', 'z', 'X', 'Z', 0x00),
    BZIP2('B', 'Z', 'h'),
    ZSTD(0x28, 0xb5, 0x2f, 0xfd),
    ZCHUNK(0x00, 'Z', 'C', 'K', '1'),
    NONE();

    private final int[] magic;

    Compression(int... magic) {
      this.magic = magic;
    }

    static Compression of(byte[] head) {
      for (Compression c : values()) {
        if (c.magic.length > 0 && c.magic.length <= head.length && c.matches(head)) {
          return c;
        }
      }
      return NONE;
    }

    private boolean matches(byte[] head) {
      for (int i = 0; i < magic.length; i++) {
        if ((head[i] & 0xff) != magic[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
