package dev.depot.publish.iso;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional, bounds-checked reads from an image file. Every read the reader makes goes through
 * here, so no offset taken from the image can make it read outside the file.
 */
final class ImageChannel {
  private final FileChannel channel;
  private final long size;

  ImageChannel(FileChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
  }

  FileChannel channel() {
    return channel;
  }

  /** The image size in bytes, taken once when opened. */
  long size() {
    return size;
  }

  /**
   * Checks that {@code length} bytes from sector {@code sector} lie inside the image.
   *
   * @throws IOException naming {@code what} when they do not
   */
  void checkExtent(long sector, long length, String what) throws IOException {
    // A 32-bit sector times 2048 fits easily in a long, so this cannot overflow.
    long start = sector * IsoBytes.SECTOR;
    if (sector < 0 || length < 0 || start + length > size) {
      throw new IOException(
          what
              + " lies past the image end: sector "
              + sector
              + ", "
              + length
              + " bytes, but the image has "
              + size
              + " bytes (truncated or corrupt image?)");
    }
  }

  /** Fills {@code b[0..length)} from {@code position}, which must lie inside the image. */
  void read(long position, byte[] b, int length, String what) throws IOException {
    if (position < 0 || position + length > size) {
      throw new IOException(
          what + " lies past the image end at byte " + position + " (image has " + size + ")");
    }
    ByteBuffer buffer = ByteBuffer.wrap(b, 0, length);
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new EOFException("image shrank while reading " + what + " at byte " + at);
      }
      at += n;
    }
  }
}
