package dev.depot.plugins.rpm;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The key a package was signed with, read from its signature header's OpenPGP signature (the header
 * signature rpm 4.x writes, else the older header-and-payload one): the issuer key id of a version
 * 3 or 4 signature packet, as {@code rpm -qi} shows it after "Key ID". Nothing here checks the
 * signature itself: that is dnf's job, with the key the distributor hands out.
 */
final class SignatureKeys {
  /** Signature header tags holding OpenPGP signatures, best first (rpmtag.h). */
  private static final int[] TAGS = {268, 267, 1005, 1002}; // RSA/DSA header, GPG, PGP

  private static final int ISSUER = 16;
  private static final int ISSUER_FINGERPRINT = 33;

  private SignatureKeys() {}

  /**
   * The long (16 hex digits) key id of the package's signature; empty for an unsigned one, and for
   * a signature Depot cannot read (an OpenPGP version it does not know): the package is not refused
   * for it, only taken as unsigned by {@link SignaturePolicy}.
   */
  static Optional<String> keyId(RpmHeader signature) throws InvalidRpmException {
    for (int tag : TAGS) {
      Optional<byte[]> packet = signature.binary(tag);
      if (packet.isPresent()) {
        try {
          return Optional.of(keyIdOf(packet.get()));
        } catch (InvalidRpmException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** Pulp's {@code signing_key}: the short id, the last 8 hex digits of the long one. */
  static String shortId(String longId) {
    return longId.substring(longId.length() - 8);
  }

  static String keyIdOf(byte[] packet) throws InvalidRpmException {
    try {
      int[] body = body(packet);
      int at = body[0];
      int version = packet[at] & 0xff;
      if (version == 3) {
        return hex(packet, at + 7, 8);
      }
      if (version != 4) {
        throw new InvalidRpmException("its signature is an OpenPGP version " + version + " packet");
      }
      int hashed = u16(packet, at + 4);
      String found = subpacketKeyId(packet, at + 6, at + 6 + hashed);
      if (found == null) {
        int unhashedAt = at + 6 + hashed;
        found = subpacketKeyId(packet, unhashedAt + 2, unhashedAt + 2 + u16(packet, unhashedAt));
      }
      if (found == null) {
        throw new InvalidRpmException("its signature names no issuer key");
      }
      return found;
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new InvalidRpmException("its signature packet is truncated");
    }
  }

  /** Where the packet's body starts, after its tag and length; the tag must be a signature's. */
  private static int[] body(byte[] p) throws InvalidRpmException {
    int b = p[0] & 0xff;
    if ((b & 0x80) == 0) {
      throw new InvalidRpmException("its signature is not an OpenPGP packet");
    }
    int tag;
    int at;
    if ((b & 0x40) != 0) { // new format
      tag = b & 0x3f;
      int l1 = p[1] & 0xff;
      at = l1 < 192 ? 2 : l1 < 224 ? 3 : 6;
    } else {
      tag = (b >> 2) & 0x0f;
      at =
          switch (b & 3) {
            case 0 -> 2;
            case 1 -> 3;
            case 2 -> 5;
            default -> 1;
          };
    }
    if (tag != 2) {
      throw new InvalidRpmException("its signature is an OpenPGP packet of tag " + tag);
    }
    return new int[] {at};
  }

  private static String subpacketKeyId(byte[] p, int from, int to) {
    int at = from;
    while (at < to) {
      int o1 = p[at] & 0xff;
      int length;
      if (o1 < 192) {
        length = o1;
        at += 1;
      } else if (o1 < 255) {
        length = ((o1 - 192) << 8) + (p[at + 1] & 0xff) + 192;
        at += 2;
      } else {
        length = (int) u32(p, at + 1);
        at += 5;
      }
      int type = p[at] & 0x7f;
      if (type == ISSUER && length == 9) {
        return hex(p, at + 1, 8);
      }
      if (type == ISSUER_FINGERPRINT && length >= 10) {
        return hex(p, at + length - 8, 8); // a fingerprint's last 8 bytes are the key id
      }
      at += length;
    }
    return null;
  }

  private static int u16(byte[] p, int at) {
    return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
  }

  private static long u32(byte[] p, int at) {
    return ((long) u16(p, at) << 16) | u16(p, at + 2);
  }

  private static String hex(byte[] p, int at, int length) {
    if (at + length > p.length) {
      throw new ArrayIndexOutOfBoundsException(at + length);
    }
    return HexFormat.of().formatHex(p, at, at + length);
  }
}
