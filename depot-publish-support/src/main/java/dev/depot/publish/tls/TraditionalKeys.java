package dev.depot.publish.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Rewraps the traditional OpenSSL key forms (PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE
 * KEY}) as PKCS#8, which is all the JDK reads. Only the DER needed for that is spoken here; a
 * malformed input gives null, never an exception, so that the JDK's parse has the last word.
 */
final class TraditionalKeys {
  private static final byte SEQUENCE = 0x30;
  private static final byte INTEGER = 0x02;
  private static final byte OCTET_STRING = 0x04;
  private static final byte OID = 0x06;
  private static final byte EC_PARAMETERS_TAG = (byte) 0xA0;
  private static final byte[] RSA_ALGORITHM = {
    // OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL
    0x06,
    0x09,
    0x2A,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xF7,
    0x0D,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final byte[] EC_PUBLIC_KEY_OID = {
    // OID 1.2.840.10045.2.1 (id-ecPublicKey)
    0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01
  };
  private static final byte[] VERSION_ZERO = {INTEGER, 0x01, 0x00};

  private TraditionalKeys() {}

  /** PKCS#1 RSAPrivateKey to PKCS#8, or null when it is not one DER sequence. */
  static byte[] rsaAsPkcs8(byte[] pkcs1) {
    if (!isOneSequence(pkcs1)) {
      return null;
    }
    return element(
        SEQUENCE, VERSION_ZERO, element(SEQUENCE, RSA_ALGORITHM), element(OCTET_STRING, pkcs1));
  }

  /**
   * SEC1 ECPrivateKey to PKCS#8, or null when it is malformed. PKCS#8 names the curve in the
   * algorithm identifier, so it is taken from the key's own {@code [0]} parameters.
   */
  static byte[] ecAsPkcs8(byte[] sec1) {
    if (!isOneSequence(sec1)) {
      return null;
    }
    // ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] curve OID, [1] public key }
    int at = header(sec1, 0)[1];
    for (int skipped = 0; skipped < 2; skipped++) { // version, then the private key itself
      int[] element = header(sec1, at);
      if (element == null) {
        return null;
      }
      at = element[2];
    }
    if (at >= sec1.length || sec1[at] != EC_PARAMETERS_TAG) {
      return null;
    }
    int[] parameters = header(sec1, at);
    if (parameters == null || parameters[1] >= parameters[2] || sec1[parameters[1]] != OID) {
      return null;
    }
    byte[] curve = Arrays.copyOfRange(sec1, parameters[1], parameters[2]);
    return element(
        SEQUENCE,
        VERSION_ZERO,
        element(SEQUENCE, EC_PUBLIC_KEY_OID, curve),
        element(OCTET_STRING, sec1));
  }

  private static boolean isOneSequence(byte[] der) {
    if (der.length == 0 || der[0] != SEQUENCE) {
      return false;
    }
    int[] outer = header(der, 0);
    return outer != null && outer[2] == der.length;
  }

  /**
   * Reads the DER element header at {@code at}: {tag offset, content start, content end}, or null
   * when the length is malformed or runs past the data.
   */
  private static int[] header(byte[] der, int at) {
    if (at + 1 >= der.length) {
      return null;
    }
    int first = der[at + 1] & 0xFF;
    int start = at + 2;
    long length = first;
    if (first > 0x80) {
      int octets = first - 0x80;
      if (octets > 4 || start + octets > der.length) {
        return null;
      }
      length = 0;
      for (int i = 0; i < octets; i++) {
        length = (length << 8) | (der[start + i] & 0xFF);
      }
      start += octets;
    } else if (first == 0x80) {
      return null; // indefinite length is BER, never DER
    }
    long end = start + length;
    return end > der.length ? null : new int[] {at, start, (int) end};
  }

  private static byte[] element(byte tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    int length = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
