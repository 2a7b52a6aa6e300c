package dev.depot.publish.iso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A file's bytes read straight from the image with positional reads: never more than the file's
 * size, never outside the image, and never moving a shared position, so several streams of one
 * reader may be read at once.
 */
final class ExtentInputStream extends InputStream {
  private final ImageChannel image;
  private final long end;
  private final String path;
  private long position;
  private long mark;

  ExtentInputStream(ImageChannel image, long start, long size, String path) {
    this.image = image;
    this.position = start;
    this.mark = start;
    this.end = start + size;
    this.path = path;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (position >= end) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int want = (int) Math.min(len, end - position);
    int n = image.channel().read(ByteBuffer.wrap(b, off, want), position);
    if (n < 0) {
      throw new IOException("image ended inside " + path + " at byte " + position);
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readlimit) {
    mark = position;
  }

  @Override
  public synchronized void reset() {
    position = mark;
  }
}
