package dev.depot.plugins.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a file of lines as bytes, for the publish that keeps most lines of its last index and
 * manifest: runs of lines that stay are copied to the new file as large slices of the read buffer,
 * and only a line that changes is looked at field by field. Line ends are found eight bytes at a
 * time, so a run costs about what copying its bytes costs, not a call per line.
 *
 * <p>A line's key is its bytes up to the first tab (a unit id: ASCII, compared as {@link
 * String#compareTo} would). Every line must end with a line break: a file cut short is refused.
 */
final class LineCursor implements Closeable {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final FileChannel in;
  private final Path file;
  private byte[] buffer = new byte[1 << 20];
  private int start;
  private int limit;
  private boolean eof;

  /** Where lines being copied are written, or null; they start at {@code run}. */
  private OutputStream copyTo;

  private int run;

  /** Opens {@code file} at its first line. */
  LineCursor(Path file) throws IOException {
    this.file = file;
    this.in = FileChannel.open(file, StandardOpenOption.READ);
  }

  /** Whether every line has been read. */
  boolean atEnd() throws IOException {
    if (start < limit) {
      return false;
    }
    fill();
    return start == limit;
  }

  /** The current line's key compared with {@code key}, as {@link String#compareTo} would. */
  int compareKey(String key) throws IOException {
    int end = lineEnd();
    int i = start;
    for (int k = 0; k < key.length(); k++, i++) {
      if (i == end || buffer[i] == '\t') {
        return -1; // the line's key is a prefix of key
      }
      int d = (buffer[i] & 0xff) - key.charAt(k);
      if (d != 0) {
        return d;
      }
    }
    return i == end || buffer[i] == '\t' ? 0 : 1;
  }

  /** Moves past the current line. */
  void skip() throws IOException {
    start = lineEnd() + 1;
  }

  /**
   * Copies lines to {@code out} while their key sorts before {@code key} (all remaining lines if
   * null), and stops at the first that does not.
   *
   * @return the number of lines copied
   */
  long copyBefore(String key, OutputStream out) throws IOException {
    startCopy(out);
    long lines = 0;
    while (!atEnd() && (key == null || compareKey(key) < 0)) {
      start = lineEnd() + 1;
      lines++;
    }
    endCopy();
    return lines;
  }

  /** Copies the next {@code count} lines to {@code out}; fewer left is an error. */
  void copyLines(long count, OutputStream out) throws IOException {
    startCopy(out);
    for (long copied = 0; copied < count; copied++) {
      start = lineEnd() + 1;
    }
    endCopy();
  }

  private void startCopy(OutputStream out) {
    copyTo = out;
    run = start;
  }

  private void endCopy() throws IOException {
    copyTo.write(buffer, run, start - run);
    copyTo = null;
  }

  /** The index of the current line's line break, reading on as needed. */
  private int lineEnd() throws IOException {
    int from = start;
    while (true) {
      int found = indexOfNewline(from, limit);
      if (found >= 0) {
        return found;
      }
      if (eof) {
        throw new NoLine(
            start == limit
                ? file + ": no line left to read"
                : file + " ends inside a line: it was cut short");
      }
      int scanned = limit - start;
      fill();
      from = start + scanned;
    }
  }

  /**
   * Writes the lines being copied so far, moves the unread bytes to the buffer's front (growing it
   * for a line longer than the buffer) and reads more after them.
   */
  private void fill() throws IOException {
    if (copyTo != null && start > run) {
      copyTo.write(buffer, run, start - run);
    }
    int unread = limit - start;
    if (unread == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    System.arraycopy(buffer, start, buffer, 0, unread);
    start = 0;
    run = 0;
    limit = unread;
    while (!eof && limit == unread) {
      int read = in.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit));
      if (read < 0) {
        eof = true;
      } else {
        limit += read;
      }
    }
  }

  /** The first line break in {@code [from, to)}, or -1: eight bytes per step, then the tail. */
  private int indexOfNewline(int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) WORDS.get(buffer, i) ^ NEWLINES;
      long zeroes = (word - ONES) & ~word & HIGHS;
      if (zeroes != 0) {
        // The lowest flagged byte is always a real match; only bytes above one may be false.
        return i + (Long.numberOfTrailingZeros(zeroes) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** A line was asked for where the file has none, or only part of one. */
  static final class NoLine extends IOException {
    private static final long serialVersionUID = 1L;

    NoLine(String message) {
      super(message);
    }
  }
}
