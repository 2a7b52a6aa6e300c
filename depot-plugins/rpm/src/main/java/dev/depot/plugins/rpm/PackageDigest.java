package dev.depot.plugins.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The package digests a feed's primary.xml may give, under the names a unit key stores them by, as
 * Pulp's yum importer keeps them: {@code sha256} (what uploads are keyed by), and {@code sha1}
 * ({@code sha} in older repositories), {@code sha224}, {@code sha384} and {@code sha512}. A package
 * synced from a repository that gives another SHA is keyed by that digest, so a resync from the
 * same feed finds it again without downloading it. MD5 and unknown names are not taken: they cannot
 * prove a package unaltered.
 */
final class PackageDigest {
  /** Key name to JDK algorithm, for every digest taken. */
  private static final Map<String, String> ALGORITHMS =
      Map.of(
          "sha1", "SHA-1",
          "sha224", "SHA-224",
          "sha256", "SHA-256",
          "sha384", "SHA-384",
          "sha512", "SHA-512");

  private PackageDigest() {}

  /** The key's name for primary's {@code type}: lower case, {@code sha} read as {@code sha1}. */
  static String keyType(String type) {
    String lower = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    return lower.equals("sha") ? "sha1" : lower;
  }

  /** Whether a package listed with that digest can be synced. */
  static boolean taken(String keyType) {
    return ALGORITHMS.containsKey(keyType);
  }

  /** The names taken, for messages. */
  static String names() {
    return "sha1, sha224, sha256, sha384, sha512";
  }

  /** The file's digest of that (taken) type, lower-case hex. */
  static String of(Path file, String keyType) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(ALGORITHMS.get(keyType));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has " + keyType, e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
