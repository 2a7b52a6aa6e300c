package dev.depot.server.config;

import java.time.Duration;
import java.util.Locale;

/**
 * How much a client may send, and how long an unfinished upload may hold disk. Every cap answers
 * with Pulp's error body instead of letting one client grow the server's memory or fill its disk.
 *
 * @param maxRequestBody bytes of a JSON request body (413 beyond)
 * @param maxUploadChunk bytes of one upload chunk (413 beyond)
 * @param minFreeSpace bytes an upload chunk must leave free on the uploads file system (507 when it
 *     would not)
 * @param uploadExpiry an upload request nobody has written to for this long is deleted
 */
public record InputLimits(
    long maxRequestBody, long maxUploadChunk, long minFreeSpace, Duration uploadExpiry) {
  /**
   * The defaults: 4 MiB of JSON holds the largest legitimate body (a CA bundle in a config, a
   * criteria listing thousands of ids); 256 MiB chunks are far above the 1 MiB clients send; 64 MiB
   * kept free so the database and logs can still write; a day for an upload left unfinished.
   */
  public static final InputLimits DEFAULT =
      new InputLimits(4L << 20, 256L << 20, 64L << 20, Duration.ofHours(24));

  /** Checks the bounds. */
  public InputLimits {
    if (maxRequestBody < 1 || maxUploadChunk < 1 || minFreeSpace < 0) {
      throw new IllegalArgumentException("size limits must be positive");
    }
    if (uploadExpiry == null || uploadExpiry.isNegative() || uploadExpiry.isZero()) {
      throw new IllegalArgumentException("upload-expiry must be a positive duration");
    }
  }

  /**
   * A size as people write it: bytes, or a number with {@code k}, {@code m} or {@code g} (powers of
   * 1024).
   *
   * @throws IllegalArgumentException naming the setting when the text is not a size
   */
  public static long parseSize(String setting, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    int shift =
        switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
    try {
      long number = Long.parseLong(digits.trim());
      if (number < 0 || number > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return number << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          setting + " must be a size such as 4194304, 512k, 4m or 1g, not '" + text + "'", e);
    }
  }

  /**
   * A duration as people write it: a number with {@code s}, {@code m}, {@code h} or {@code d}.
   *
   * @throws IllegalArgumentException naming the setting when the text is not a duration
   */
  public static Duration parseDuration(String setting, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      long number = Long.parseLong(value.substring(0, value.length() - 1).trim());
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(number);
        case 'm' -> Duration.ofMinutes(number);
        case 'h' -> Duration.ofHours(number);
        case 'd' -> Duration.ofDays(number);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          setting + " must be a duration such as 90s, 30m, 24h or 7d, not '" + text + "'", e);
    }
  }
}
