package dev.depot.publish.iso;

import java.io.IOException;

/**
 * One directory record (ECMA-119 9.1) as read from an image, checked enough that the walker can
 * trust its lengths: the identifier and the System Use area lie inside the record.
 */
record DirectoryRecord(byte[] bytes, long extent, long size, int flags) {
  static final int FLAG_HIDDEN = 0x01;
  static final int FLAG_DIRECTORY = 0x02;
  static final int FLAG_ASSOCIATED = 0x04;
  static final int FLAG_MULTI_EXTENT = 0x80;

  /** Smallest record: the 33 fixed bytes and a one-byte identifier. */
  static final int MIN_LENGTH = 34;

  /**
   * Parses the record starting at {@code at} in {@code sector}; the caller has checked that its
   * length byte is at least {@link #MIN_LENGTH} and that it ends inside the sector.
   */
  static DirectoryRecord parse(byte[] sector, int at, String where) throws IOException {
    int length = sector[at] & 0xFF;
    byte[] b = new byte[length];
    System.arraycopy(sector, at, b, 0, length);
    int idLength = b[32] & 0xFF;
    if (idLength == 0 || 33 + idLength > length) {
      throw new IOException(
          "corrupt directory record in " + where + ": identifier of " + idLength + " bytes");
    }
    long extent = both32(b, 2, where, "extent");
    long size = both32(b, 10, where, "data length");
    if (b[26] != 0 || b[27] != 0) {
      throw new IOException("interleaved files are not supported, found in " + where);
    }
    return new DirectoryRecord(b, extent, size, b[25] & 0xFF);
  }

  /**
   * Reads a both-byte-order 32-bit number; the two copies must agree, which catches most random
   * corruption of the fields we rely on.
   */
  private static long both32(byte[] b, int at, String where, String field) throws IOException {
    long le = 0;
    long be = 0;
    for (int i = 0; i < 4; i++) {
      le |= (long) (b[at + i] & 0xFF) << (8 * i);
      be |= (long) (b[at + 4 + i] & 0xFF) << (8 * (3 - i));
    }
    if (le != be) {
      throw new IOException(
          "corrupt directory record in " + where + ": " + field + " differs in its two copies");
    }
    return le;
  }

  int idLength() {
    return bytes[32] & 0xFF;
  }

  /** The raw identifier bytes. */
  byte[] id() {
    byte[] id = new byte[idLength()];
    System.arraycopy(bytes, 33, id, 0, id.length);
    return id;
  }

  /** The "." (0x00) or ".." (0x01) record of a directory. */
  boolean isSelfOrParent() {
    return idLength() == 1 && (bytes[33] == 0 || bytes[33] == 1);
  }

  boolean isSelf() {
    return idLength() == 1 && bytes[33] == 0;
  }

  boolean isDirectory() {
    return (flags & FLAG_DIRECTORY) != 0;
  }

  /** Where the System Use area starts: after the identifier and its padding byte (9.1.12). */
  int systemUseStart() {
    int idLength = idLength();
    return 33 + idLength + (idLength % 2 == 0 ? 1 : 0);
  }
}
