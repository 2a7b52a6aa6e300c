package dev.depot.publish.iso;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Field encoders for ECMA-119 structures. ISO 9660 stores most numbers twice ("both-byte order":
 * little-endian then big-endian) so that readers of either byte order can use them directly.
 */
final class IsoBytes {
  /** The logical sector and block size used throughout the image. */
  static final int SECTOR = 2048;

  private IsoBytes() {}

  static long sectors(long bytes) {
    return (bytes + SECTOR - 1) / SECTOR;
  }

  static void le16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  static void be16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  static void le32(byte[] b, int at, long v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  static void be32(byte[] b, int at, long v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * (3 - i)));
    }
  }

  /** A 16-bit number in both byte orders (4 bytes). */
  static void both16(byte[] b, int at, int v) {
    le16(b, at, v);
    be16(b, at + 2, v);
  }

  /** A 32-bit number in both byte orders (8 bytes). */
  static void both32(byte[] b, int at, long v) {
    le32(b, at, v);
    be32(b, at + 4, v);
  }

  /** Seven-byte directory record date (ECMA-119 9.1.5), always recorded in UTC. */
  static void recordDate(byte[] b, int at, Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    b[at] = (byte) (z.getYear() - 1900);
    b[at + 1] = (byte) z.getMonthValue();
    b[at + 2] = (byte) z.getDayOfMonth();
    b[at + 3] = (byte) z.getHour();
    b[at + 4] = (byte) z.getMinute();
    b[at + 5] = (byte) z.getSecond();
    b[at + 6] = 0;
  }

  /** Seventeen-byte volume descriptor date (ECMA-119 8.4.26.1); null records "not specified". */
  static void volumeDate(byte[] b, int at, Instant t) {
    String digits =
        t == null
            ? "0000000000000000"
            : String.format(
                "%1$tY%1$tm%1$td%1$tH%1$tM%1$tS%2$02d",
                t.atZone(ZoneOffset.UTC), t.atZone(ZoneOffset.UTC).getNano() / 10_000_000);
    ascii(b, at, 16, digits);
    b[at + 16] = 0;
  }

  /** An a- or d-character field, padded with spaces. */
  static void ascii(byte[] b, int at, int len, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < len; i++) {
      b[at + i] = i < bytes.length ? bytes[i] : (byte) ' ';
    }
  }

  /** A Joliet field: UCS-2 big-endian, padded with UCS-2 spaces. */
  static void ucs2(byte[] b, int at, int len, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_16BE);
    for (int i = 0; i < len; i += 2) {
      boolean have = i + 1 < bytes.length;
      b[at + i] = have ? bytes[i] : 0;
      if (i + 1 < len) {
        b[at + i + 1] = have ? bytes[i + 1] : (byte) ' ';
      }
    }
  }
}
