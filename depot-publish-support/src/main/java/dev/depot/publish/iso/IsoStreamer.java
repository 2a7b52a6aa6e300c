package dev.depot.publish.iso;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Writes a laid-out image front to back. Metadata is generated per directory and batched in one
 * small buffer; file data goes from each source to the output with {@link FileChannel#transferTo}
 * in bounded chunks, so neither memory nor the time between cancellation checks grows with file
 * size.
 */
final class IsoStreamer {
  private static final int CHUNK = 8 << 20;
  private static final byte[] ZEROS = new byte[IsoBytes.SECTOR];

  private final IsoLayout layout;
  private final IsoVolume volume;
  private final Instant time;
  private final WritableByteChannel out;
  private final BooleanSupplier cancelled;
  private final IsoProgress progress;
  private final ByteBuffer buffer = ByteBuffer.allocate(256 << 10);
  private ByteBuffer data;
  private long position;

  IsoStreamer(
      IsoLayout layout,
      IsoVolume volume,
      WritableByteChannel out,
      BooleanSupplier cancelled,
      IsoProgress progress) {
    this.layout = layout;
    this.volume = volume;
    this.time = volume.time();
    this.out = out;
    this.cancelled = cancelled;
    this.progress = progress;
  }

  void run() throws IOException {
    try {
      metadata();
      for (IsoNode file : layout.files) {
        checkCancelled();
        expect(file.extent, file.path());
        copy(file);
      }
      flush();
      expect(layout.totalSectors, "end of image");
      progress.update(position, layout.totalBytes());
    } catch (ClosedByInterruptException e) {
      CancellationException c = new CancellationException("ISO image writing interrupted");
      c.initCause(e);
      throw c;
    }
  }

  private void metadata() throws IOException {
    checkCancelled();
    for (int i = 0; i < 16; i++) {
      put(ZEROS); // system area: nothing to boot
    }
    put(VolumeDescriptors.primary(layout, volume));
    put(VolumeDescriptors.joliet(layout, volume));
    put(VolumeDescriptors.terminator());
    padded(DirectoryRecords.pathTable(layout.primaryDirs, false, false));
    padded(DirectoryRecords.pathTable(layout.primaryDirs, false, true));
    padded(DirectoryRecords.pathTable(layout.jolietDirs, true, false));
    padded(DirectoryRecords.pathTable(layout.jolietDirs, true, true));
    for (IsoNode dir : layout.primaryDirs) {
      expect(dir.extent, dir.path());
      put(DirectoryRecords.pack(DirectoryRecords.primary(dir, time)));
    }
    expect(layout.continuationStart, "continuation areas");
    byte[] sector = new byte[IsoBytes.SECTOR];
    long current = layout.continuationStart;
    boolean any = false;
    for (IsoNode node : layout.continued()) {
      if (node.ceSector != current) {
        put(sector);
        sector = new byte[IsoBytes.SECTOR];
        current = node.ceSector;
      }
      System.arraycopy(node.continuation, 0, sector, node.ceOffset, node.continuation.length);
      any = true;
    }
    if (any) {
      put(sector);
    }
    for (IsoNode dir : layout.jolietDirs) {
      expect(dir.jolietExtent, dir.path());
      put(DirectoryRecords.pack(DirectoryRecords.joliet(dir, time)));
    }
    flush();
    progress.update(position, layout.totalBytes());
  }

  private void copy(IsoNode file) throws IOException {
    flush(); // data bypasses the buffer
    try (FileChannel in = FileChannel.open(file.source, StandardOpenOption.READ)) {
      if (in.size() != file.size) {
        throw new IOException(
            "source of " + file.path() + " changed size since it was added: " + file.source);
      }
      if (out instanceof FileChannel) {
        transfer(file, in);
      } else {
        pass(file, in);
      }
    }
    int tail = (int) (file.size % IsoBytes.SECTOR);
    if (tail != 0) {
      put(ZEROS, IsoBytes.SECTOR - tail);
      flush();
    }
  }

  /** Into a file: the kernel copies, the bytes never enter the JVM. */
  private void transfer(IsoNode file, FileChannel in) throws IOException {
    long done = 0;
    while (done < file.size) {
      checkCancelled();
      long chunkEnd = Math.min(file.size, done + CHUNK);
      while (done < chunkEnd) {
        long n = in.transferTo(done, chunkEnd - done, out);
        if (n <= 0) {
          throw shrank(file);
        }
        done += n;
        position += n;
      }
      progress.update(position, layout.totalBytes());
    }
  }

  /**
   * Into any other channel (one that also hashes, say): through a megabyte buffer, since {@link
   * FileChannel#transferTo} would hand such a channel a few kilobytes at a time.
   */
  private void pass(IsoNode file, FileChannel in) throws IOException {
    if (data == null) {
      data = ByteBuffer.allocateDirect(1 << 20);
    }
    long done = 0;
    long reported = 0;
    while (done < file.size) {
      checkCancelled();
      data.clear().limit((int) Math.min(data.capacity(), file.size - done));
      int n = in.read(data, done);
      if (n <= 0) {
        throw shrank(file);
      }
      data.flip();
      while (data.hasRemaining()) {
        out.write(data);
      }
      done += n;
      position += n;
      if (done - reported >= CHUNK || done == file.size) {
        reported = done;
        progress.update(position, layout.totalBytes());
      }
    }
  }

  private static IOException shrank(IsoNode file) {
    return new IOException("source of " + file.path() + " shrank while being copied");
  }

  private void checkCancelled() {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("ISO image writing cancelled");
    }
  }

  /** Guards the layout contract: every extent starts exactly where the layout put it. */
  private void expect(long sector, String what) {
    long at = position + buffer.position();
    if (at != sector * IsoBytes.SECTOR) {
      throw new IllegalStateException(
          "layout mismatch at " + what + ": sector " + sector + " but writing at byte " + at);
    }
  }

  private void padded(byte[] bytes) throws IOException {
    put(bytes);
    int tail = bytes.length % IsoBytes.SECTOR;
    if (tail != 0) {
      put(ZEROS, IsoBytes.SECTOR - tail);
    }
  }

  private void put(byte[] bytes) throws IOException {
    put(bytes, bytes.length);
  }

  private void put(byte[] bytes, int length) throws IOException {
    int at = 0;
    while (at < length) {
      if (!buffer.hasRemaining()) {
        flush();
      }
      int n = Math.min(buffer.remaining(), length - at);
      buffer.put(bytes, at, n);
      at += n;
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      position += out.write(buffer);
    }
    buffer.clear();
  }
}
