package dev.depot.plugin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A file's expected (or computed) digest: the algorithm, as the JDK's {@link MessageDigest} names
 * it ({@code SHA-256}, {@code SHA-1}, {@code MD5}, ...), and the digest in hexadecimal.
 *
 * <p>Feeds name algorithms their own way ({@code sha256}, {@code sha}); {@link #of} accepts those
 * spellings so a plugin can pass what its metadata says.
 *
 * @param algorithm the JDK name of the algorithm
 * @param hex the digest in lower-case hexadecimal
 */
public record FileDigest(String algorithm, String hex) {
  /** Checks that the JDK knows the algorithm and that the digest is hexadecimal. */
  public FileDigest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    algorithm = jdkName(algorithm);
    newDigest(algorithm); // refuses an unknown algorithm now, not in the middle of a copy
    hex = hex.trim().toLowerCase(Locale.ROOT);
    if (hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not a hexadecimal digest: " + hex);
    }
  }

  /** A digest under a feed's name for its algorithm ({@code sha256}, {@code SHA-256}, ...). */
  public static FileDigest of(String algorithm, String hex) {
    return new FileDigest(algorithm, hex);
  }

  /** A SHA-256 digest. */
  public static FileDigest sha256(String hex) {
    return new FileDigest("SHA-256", hex);
  }

  /** A fresh {@link MessageDigest} for this digest's algorithm. */
  public MessageDigest newDigest() {
    return newDigest(algorithm);
  }

  /** The digest {@code digest} computed, under this digest's algorithm. */
  public FileDigest computed(MessageDigest digest) {
    return new FileDigest(algorithm, HexFormat.of().formatHex(digest.digest()));
  }

  /** As feeds and messages write it: {@code sha256:ab12...}. */
  @Override
  public String toString() {
    return algorithm.replace("-", "").toLowerCase(Locale.ROOT) + ":" + hex;
  }

  private static String jdkName(String name) {
    String plain = name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    return switch (plain) {
      case "SHA", "SHA1" -> "SHA-1";
      case "SHA224", "SHA256", "SHA384", "SHA512" -> "SHA-" + plain.substring(3);
      default -> name.trim();
    };
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unknown digest algorithm: " + algorithm, e);
    }
  }
}
