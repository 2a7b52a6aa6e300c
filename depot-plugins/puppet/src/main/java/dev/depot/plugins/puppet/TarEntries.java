package dev.depot.plugins.puppet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a tar stream entry by entry (ustar, with GNU long names and pax {@code path} and {@code
 * linkpath} records, as GNU tar and the Forge write them), without extracting anything: a caller
 * looks at each name and reads the bodies it wants. Memory is bounded by the largest body read.
 */
final class TarEntries {
  private static final int BLOCK = 512;
  private static final int LONG_NAME_LIMIT = 64 * 1024;

  /**
   * One entry: its path in the archive, its kind, its link target, its body's length and its
   * permission bits.
   */
  record Entry(String path, char type, String linkTarget, long size, int mode) {
    /** Whether its owner may execute it, which puppet keeps when it extracts a module. */
    boolean isOwnerExecutable() {
      return (mode & 0100) != 0;
    }

    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }

    boolean isLink() {
      return type == '1' || type == '2';
    }
  }

  private final InputStream in;
  private long remaining; // body bytes of the current entry not yet read, plus its padding
  private long bodyLeft;

  TarEntries(InputStream in) {
    this.in = in;
  }

  /** The next entry, or empty at the archive's end. */
  Optional<Entry> next() throws IOException {
    skipRest();
    String longName = null;
    String longLink = null;
    while (true) {
      byte[] header = readBlock();
      if (header == null || isZero(header)) {
        return Optional.empty();
      }
      checkChecksum(header);
      char type = (char) header[156];
      long size = size(header);
      begin(size);
      switch (type) {
        case 'L' -> longName = readSmallBody();
        case 'K' -> longLink = readSmallBody();
        case 'x' -> {
          // GNU tar takes a pax record's path and linkpath over the header's own fields.
          String records = readSmallBody();
          longName = paxValue(records, "path", longName);
          longLink = paxValue(records, "linkpath", longLink);
        }
        case 'g' -> skipRest();
        default -> {
          String name = longName != null ? longName : ustarName(header);
          String link = longLink != null ? longLink : text(header, 157, 100);
          return Optional.of(new Entry(name, type, link, size, (int) octal(header, 100, 8)));
        }
      }
    }
  }

  /** Reads the current entry's body, refusing one longer than {@code limit} bytes. */
  byte[] body(int limit) throws IOException {
    if (bodyLeft > limit) {
      throw new IOException(
          "entry too large to read (" + bodyLeft + " bytes, at most " + limit + ")");
    }
    byte[] body = in.readNBytes((int) bodyLeft);
    if (body.length != bodyLeft) {
      throw new EOFException("archive ends inside an entry");
    }
    remaining -= body.length;
    bodyLeft = 0;
    return body;
  }

  /** Streams the current entry's body to {@code out}, whatever its length. */
  void copyBody(java.io.OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (bodyLeft > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, bodyLeft));
      if (n < 0) {
        throw new EOFException("archive ends inside an entry");
      }
      out.write(buffer, 0, n);
      bodyLeft -= n;
      remaining -= n;
    }
  }

  private void begin(long size) {
    bodyLeft = size;
    remaining = (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private String readSmallBody() throws IOException {
    String text = new String(body(LONG_NAME_LIMIT), StandardCharsets.UTF_8);
    skipRest();
    int nul = text.indexOf('\0');
    return nul >= 0 ? text.substring(0, nul) : text;
  }

  private void skipRest() throws IOException {
    while (remaining > 0) {
      long skipped = in.skip(remaining);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("archive ends inside an entry");
        }
        skipped = 1;
      }
      remaining -= skipped;
    }
    bodyLeft = 0;
  }

  private byte[] readBlock() throws IOException {
    byte[] block = in.readNBytes(BLOCK);
    if (block.length == 0) {
      return null; // no end-of-archive blocks: tolerated, as tar does
    }
    if (block.length < BLOCK) {
      throw new EOFException("archive ends inside a header");
    }
    return block;
  }

  private static String paxValue(String records, String key, String current) {
    String found = current;
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith(key + "=", space + 1)) {
        found = record.substring(space + 1 + key.length() + 1);
      }
    }
    return found;
  }

  private static String ustarName(byte[] header) {
    String name = text(header, 0, 100);
    boolean ustar = text(header, 257, 5).equals("ustar");
    String prefix = ustar ? text(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static long size(byte[] header) throws IOException {
    if ((header[124] & 0x80) != 0) { // GNU base-256 for sizes over 8 GiB
      long size = 0;
      for (int i = 125; i < 136; i++) {
        size = (size << 8) | (header[i] & 0xff);
      }
      return size;
    }
    return octal(header, 124, 12);
  }

  private static void checkChecksum(byte[] header) throws IOException {
    long expected = octal(header, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
    }
    if (sum != expected) {
      throw new IOException("not a tar archive (bad header checksum)");
    }
  }

  private static long octal(byte[] header, int offset, int length) throws IOException {
    String text = text(header, offset, length).trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new IOException("not a tar archive (bad number in a header)");
    }
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
