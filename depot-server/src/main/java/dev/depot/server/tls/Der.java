package dev.depot.server.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few DER encodings a certificate needs, and just enough of a reader to pick elements out of
 * keys. The JDK signs and parses certificates but has no public API to build one, so we write the
 * bytes ourselves rather than take on BouncyCastle or {@code sun.security.x509}.
 */
final class Der {
  static final byte[] NULL = {0x05, 0x00};

  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private Der() {}

  /** A tag, its length in definite form, then the value. */
  static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... elements) {
    return tlv(0x30, concat(elements));
  }

  static byte[] sequence(List<byte[]> elements) {
    return sequence(elements.toArray(byte[][]::new));
  }

  /** A SET OF; DER wants the elements sorted, which matters only when there are several. */
  static byte[] set(byte[]... elements) {
    byte[][] sorted = elements.clone();
    Arrays.sort(sorted, Arrays::compareUnsigned);
    return tlv(0x31, concat(sorted));
  }

  static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray()); // two's complement, already minimal
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
  }

  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(out, Long.parseLong(arcs[i]));
    }
    return tlv(0x06, out.toByteArray());
  }

  private static void writeBase128(ByteArrayOutputStream out, long value) {
    int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int i = groups - 1; i >= 0; i--) {
      int group = (int) (value >>> (7 * i)) & 0x7F;
      out.write(i == 0 ? group : group | 0x80);
    }
  }

  static byte[] utf8String(String value) {
    return tlv(0x0C, value.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on; whole seconds. */
  static byte[] time(Instant instant) {
    ZonedDateTime utc = instant.atZone(ZoneOffset.UTC).withNano(0);
    boolean utcTime = utc.getYear() >= 1950 && utc.getYear() < 2050;
    String text = (utcTime ? UTC_TIME : GENERALIZED_TIME).format(utc);
    return tlv(utcTime ? 0x17 : 0x18, text.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] bitString(byte[] bytes) {
    byte[] value = new byte[bytes.length + 1]; // leading 0: no unused bits
    System.arraycopy(bytes, 0, value, 1, bytes.length);
    return tlv(0x03, value);
  }

  /**
   * A named bit list such as KeyUsage, bit 0 being the most significant. DER drops trailing zero
   * bits, so the length and the unused-bit count follow from the highest bit set.
   */
  static byte[] namedBits(int... bits) {
    int highest = Arrays.stream(bits).max().orElseThrow();
    byte[] value = new byte[highest / 8 + 2];
    value[0] = (byte) (7 - highest % 8);
    for (int bit : bits) {
      value[1 + bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return tlv(0x03, value);
  }

  static byte[] octetString(byte[] bytes) {
    return tlv(0x04, bytes);
  }

  /** {@code [n] EXPLICIT}: a constructed context tag around one whole element. */
  static byte[] explicit(int n, byte[] element) {
    return tlv(0xA0 | n, element);
  }

  /** {@code [n] IMPLICIT} over a primitive type: the context tag replaces the type's own. */
  static byte[] implicit(int n, byte[] value) {
    return tlv(0x80 | n, value);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** The elements inside a constructed element (SEQUENCE, SET, explicit tag), each whole. */
  static List<byte[]> children(byte[] element) {
    List<byte[]> children = new ArrayList<>();
    int[] outer = header(element, 0);
    int offset = outer[0];
    while (offset < outer[0] + outer[1]) {
      int[] inner = header(element, offset);
      int end = inner[0] + inner[1];
      children.add(Arrays.copyOfRange(element, offset, end));
      offset = end;
    }
    return children;
  }

  /** The value of an element, without its tag and length. */
  static byte[] value(byte[] element) {
    int[] header = header(element, 0);
    return Arrays.copyOfRange(element, header[0], header[0] + header[1]);
  }

  static int tag(byte[] element) {
    return element[0] & 0xFF;
  }

  /** The offset where the value at {@code start} begins, and its length. */
  private static int[] header(byte[] der, int start) {
    try {
      int offset = start + 1;
      int length = der[offset++] & 0xFF;
      if (length >= 0x80) {
        int bytes = length & 0x7F;
        if (bytes == 0 || bytes > 3) {
          throw new IllegalArgumentException("unsupported DER length at " + start);
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[offset++] & 0xFF);
        }
      }
      if (offset + length > der.length) {
        throw new IllegalArgumentException("DER element overruns its data at " + start);
      }
      return new int[] {offset, length};
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated DER at " + start, e);
    }
  }
}
