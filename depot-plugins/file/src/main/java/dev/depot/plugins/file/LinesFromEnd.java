package dev.depot.plugins.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's lines from its last one back, a block at a time, never before a limit: what finds
 * where a taken-over manifest and index stop being kept when their changes gather at the end, at
 * the cost of the lines after that point instead of the lines before it. Every line ends with a
 * line break, the last one too.
 */
final class LinesFromEnd implements Closeable {
  private static final int BLOCK = 1 << 16;

  private final FileChannel file;
  private final long limit;
  private final long size;
  private final byte[] window = new byte[BLOCK];
  private long windowStart;
  private long windowEnd;
  private long lineStart;
  private long lineEnd;

  /**
   * Opens the file, before its last line.
   *
   * @param limit the offset no line read may start before
   */
  LinesFromEnd(Path path, long limit) throws IOException {
    this.file = FileChannel.open(path, StandardOpenOption.READ);
    this.limit = limit;
    this.size = file.size();
    this.lineStart = size;
    this.windowStart = size;
    this.windowEnd = size;
  }

  /** Where the lines read so far start: the file's size before the first {@link #previous}. */
  long start() {
    return lineStart;
  }

  /**
   * Moves to the line before those read so far.
   *
   * @return false, without moving, when that line would start before the limit, or there is none
   */
  boolean previous() throws IOException {
    if (lineStart <= limit || lineStart == 0) {
      return false;
    }
    long end = lineStart - 1;
    long at = end - 1;
    while (at >= 0 && at >= limit - 1 && byteAt(at) != '\n') {
      at--;
    }
    long start = at + 1;
    if (start < limit) {
      return false;
    }
    lineEnd = end;
    lineStart = start;
    return true;
  }

  /** The line {@link #previous} moved to, without its line break. */
  String line() throws IOException {
    int length = Math.toIntExact(lineEnd - lineStart);
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = byteAt(lineStart + i);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** One byte; the window moves back over the file a block at a time. */
  private byte byteAt(long offset) throws IOException {
    if (offset < windowStart || offset >= windowEnd) {
      if (offset >= windowEnd) {
        // Forward, within a line longer than what is in the window.
        windowStart = offset;
        windowEnd = Math.min(size, offset + BLOCK);
      } else {
        windowEnd = offset + 1;
        windowStart = Math.max(0, windowEnd - BLOCK);
      }
      ByteBuffer buffer = ByteBuffer.wrap(window, 0, Math.toIntExact(windowEnd - windowStart));
      while (buffer.hasRemaining()) {
        if (file.read(buffer, windowStart + buffer.position()) < 0) {
          throw new IOException("the file shrank while it was read");
        }
      }
    }
    return window[Math.toIntExact(offset - windowStart)];
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
