package dev.depot.plugins.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link PublishIndex} read as bytes, one line at a time, for the publish that keeps most of its
 * lines: a kept line is compared by its unit id and copied to the new index, and its manifest line
 * cut out of it, without decoding or parsing it. Unit ids are ASCII, and the tab and comma that
 * separate fields never occur inside a UTF-8 sequence, so byte offsets are safe.
 */
final class RawIndex implements Closeable {
  private static final byte[] VERSION = "#version\t".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[512];
  private int length;
  private int idEnd;
  private boolean atEnd;

  RawIndex(Path file) throws IOException {
    in = Files.newInputStream(file);
    advance();
    if (!atEnd && startsWith(VERSION)) {
      advance();
    }
  }

  /** Whether every line has been read. */
  boolean atEnd() {
    return atEnd;
  }

  /** The current line's unit id compared with {@code id}, as {@link String#compareTo} would. */
  int compareId(String id) {
    int n = Math.min(idEnd, id.length());
    for (int i = 0; i < n; i++) {
      int d = (line[i] & 0xff) - id.charAt(i);
      if (d != 0) {
        return d;
      }
    }
    return idEnd - id.length();
  }

  /** The current line, parsed: what unlinking its unit needs. */
  PublishIndex.Entry entry() {
    return PublishIndex.Entry.parse(new String(line, 0, length, StandardCharsets.UTF_8));
  }

  /** Copies the current line to the new index. */
  void copyLine(OutputStream index) throws IOException {
    index.write(line, 0, length);
    index.write('\n');
  }

  /** Writes the current unit's manifest line: the entry's name, checksum and size. */
  void copyManifestLine(OutputStream manifest) throws IOException {
    int nameStart = idEnd + 1;
    int nameEnd = next('\t', nameStart);
    int checksumStart = next('\t', nameEnd + 1) + 1;
    int checksumEnd = next('\t', checksumStart);
    manifest.write(line, nameStart, nameEnd - nameStart);
    manifest.write(',');
    manifest.write(line, checksumStart, checksumEnd - checksumStart);
    manifest.write(',');
    manifest.write(line, checksumEnd + 1, length - checksumEnd - 1);
    manifest.write('\n');
  }

  /** Moves to the next line. */
  void advance() throws IOException {
    length = 0;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          atEnd = length == 0;
          break;
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position - start);
      if (position < limit) {
        position++; // the line break
        break;
      }
    }
    idEnd = atEnd ? 0 : next('\t', 0);
    if (!atEnd && idEnd >= length) {
      throw new IllegalStateException("corrupt publish index line: " + entry());
    }
  }

  private void append(int from, int count) {
    if (length + count > line.length) {
      line = java.util.Arrays.copyOf(line, Math.max(2 * line.length, length + count));
    }
    System.arraycopy(buffer, from, line, length, count);
    length += count;
  }

  private int next(char c, int from) {
    int i = from;
    while (i < length && line[i] != c) {
      i++;
    }
    return i;
  }

  private boolean startsWith(byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    return java.util.Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
