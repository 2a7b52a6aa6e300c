package dev.depot.plugins.rpm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One of primary, filelists and other written as a gzip file of segments, so that the next publish
 * can copy the compressed bytes of what did not change instead of compressing everything again. The
 * file is one ordinary gzip member (what dnf, yum and gunzip read): a header, raw deflate data,
 * crc32 and size. The deflate data is a run of segments, each a few packages' elements compressed
 * on their own and ended by a sync flush (so each ends on a byte boundary, no block marked last),
 * with the element before it as preset dictionary: inflating the stream sees exactly those bytes
 * before the segment, so a segment's bytes stay valid wherever the same element precedes it. Only
 * the root element's closing tag ends the stream.
 *
 * <p>Beside the file, in the tree's index, go its uncompressed text (what the next publish reads
 * elements and dictionaries from, and hashes for repomd.xml's open-checksum) and the compressed
 * length of each segment. All the work happens on a thread of its own, at most {@link #QUEUED}
 * steps behind the caller, so the three files are written at once.
 */
final class SegmentedXml implements AutoCloseable {
  private static final int QUEUED = 8;

  /**
   * Segments go to the thread in batches of about this much text: handing each over alone cost more
   * in thread switches than compressing it (a warm publish of 20,000 packages took 1.1 s, not 0.9).
   */
  private static final int BATCH = 64 * 1024;

  private static final int BUFFER = 1 << 16;
  private static final int WINDOW = 32 * 1024;
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

  /** The files a previous publish wrote: the gzip file, its text and its segment lengths. */
  record Previous(Path gzip, Path text, Path segments) {}

  private final String type;
  private final Path dir;
  private final Path temp;
  private final ExecutorService worker;
  private final Semaphore queued = new Semaphore(QUEUED);
  private final List<Segment> batch = new java.util.ArrayList<>();
  private long batched;
  private volatile Throwable failure;

  // Touched by the worker thread only.
  private final MeasuredOutput gzip;
  private final OutputStream text;
  private final DataOutputStream segments;
  private final MessageDigest textDigest = sha256();
  private final CRC32 crc = new CRC32();
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final byte[] buffer = new byte[BUFFER];
  private long textSize;
  private Old old;

  /**
   * Starts the file {@code repodata/.<type>.xml.gz.tmp} in {@code dir} and its index parts.
   *
   * @param type what repomd.xml calls it, which is also its name's stem
   * @param text where its uncompressed text goes (an index part)
   * @param segments where its segments' compressed lengths go (an index part)
   * @param previous the files of the publish whose segments may be copied, or null
   */
  SegmentedXml(Path dir, String type, Path text, Path segments, Previous previous)
      throws IOException {
    this.type = type;
    this.dir = dir;
    this.temp = dir.resolve("." + type + ".xml.gz.tmp");
    this.gzip =
        new MeasuredOutput(new BufferedOutputStream(Files.newOutputStream(temp), BUFFER * 4));
    this.text = new BufferedOutputStream(Files.newOutputStream(text), BUFFER * 4);
    this.segments =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(segments), BUFFER));
    this.old = previous == null ? null : new Old(previous);
    this.worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name(type).factory());
  }

  /** Starts the file with its root element's opening, a segment of its own. */
  void head(byte[] head) throws IOException {
    submit(
        () -> {
          gzip.write(GZIP_HEADER);
          segments.writeInt(compress(List.of(head), null, false));
        });
  }

  /** Appends one segment: {@code elements} compressed with {@code dictionary} preset. */
  void segment(List<byte[]> elements, byte[] dictionary) throws IOException {
    batch.add(new Segment(elements, dictionary));
    for (byte[] element : elements) {
      batched += element.length;
    }
    if (batched >= BATCH) {
      submitBatch();
    }
  }

  /** Hands the segments gathered so far to the thread in one step. */
  private void submitBatch() throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    List<Segment> these = List.copyOf(batch);
    batch.clear();
    batched = 0;
    submit(
        () -> {
          for (Segment segment : these) {
            segments.writeInt(compress(segment.elements(), segment.dictionary(), false));
          }
        });
  }

  private record Segment(List<byte[]> elements, byte[] dictionary) {}

  /**
   * Appends {@code count} segments of the previous file as they are, from its segment {@code first}
   * (0 is the first after the head), and their text, {@code textLength} bytes from {@code
   * textOffset} in the previous text. Calls come in the previous file's order.
   */
  void copy(long first, long count, long textOffset, long textLength) throws IOException {
    submitBatch();
    submit(() -> old.copy(first, count, textOffset, textLength));
  }

  /**
   * Ends the file with the root element's closing (compressed after {@code dictionary}) and the
   * gzip trailer, names it {@code <sha256>-<type>.xml.gz} and answers what repomd.xml lists.
   */
  RepodataFile.Measured finish(byte[] tail, byte[] dictionary) throws IOException {
    submitBatch();
    submit(
        () -> {
          compress(List.of(tail), dictionary, true);
          writeLittleEndian((int) crc.getValue());
          writeLittleEndian((int) textSize); // the size modulo 2^32, as gzip's trailer has it
          gzip.close();
          text.close();
          segments.close();
        });
    awaitWorker();
    String sha256 = gzip.sha256();
    String name = sha256 + "-" + type + ".xml.gz";
    if (Files.exists(dir.resolve(name))) {
      Files.delete(temp); // the same bytes as the tree taken over has: keep that file
    } else {
      Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    String openSha256 = HexFormat.of().formatHex(textDigest.digest());
    return new RepodataFile.Measured(
        type, Repodata.DIR + "/" + name, sha256, openSha256, gzip.size(), textSize);
  }

  /**
   * Compresses {@code elements} into one segment, sync-flushed, or ending the stream when {@code
   * last}; answers its compressed length.
   */
  private int compress(List<byte[]> elements, byte[] dictionary, boolean last) throws IOException {
    deflater.reset();
    if (dictionary != null && dictionary.length > 0) {
      int from = Math.max(0, dictionary.length - WINDOW);
      deflater.setDictionary(dictionary, from, dictionary.length - from);
    }
    long before = gzip.size();
    for (byte[] element : elements) {
      writeText(element, element.length);
      deflater.setInput(element);
      while (!deflater.needsInput()) {
        gzip.write(buffer, 0, deflater.deflate(buffer, 0, BUFFER, Deflater.NO_FLUSH));
      }
    }
    if (last) {
      deflater.finish();
      while (!deflater.finished()) {
        gzip.write(buffer, 0, deflater.deflate(buffer));
      }
    } else {
      int n;
      do {
        n = deflater.deflate(buffer, 0, BUFFER, Deflater.SYNC_FLUSH);
        gzip.write(buffer, 0, n);
      } while (n == BUFFER);
    }
    return Math.toIntExact(gzip.size() - before);
  }

  private void writeLittleEndian(int value) throws IOException {
    for (int i = 0; i < 4; i++) {
      gzip.write((value >>> (8 * i)) & 0xff);
    }
  }

  private void writeText(byte[] bytes, int length) throws IOException {
    text.write(bytes, 0, length);
    textDigest.update(bytes, 0, length);
    crc.update(bytes, 0, length);
    textSize += length;
  }

  /** The previous file, read forward as its segments are copied. */
  private final class Old implements AutoCloseable {
    private final FileChannel gzipIn;
    private final FileChannel textIn;
    private final DataInputStream lengths;
    private long segment;
    private long offset;

    Old(Previous previous) throws IOException {
      gzipIn = FileChannel.open(previous.gzip());
      textIn = FileChannel.open(previous.text());
      lengths =
          new DataInputStream(
              new BufferedInputStream(Files.newInputStream(previous.segments()), BUFFER));
      offset = GZIP_HEADER.length + lengths.readInt(); // past the head segment
    }

    void copy(long first, long count, long textOffset, long textLength) throws IOException {
      if (first < segment) {
        throw new IOException(type + ": segment " + first + " copied after " + segment);
      }
      for (; segment < first; segment++) {
        offset += nextLength();
      }
      long length = 0;
      for (long i = 0; i < count; i++, segment++) {
        int segmentLength = nextLength();
        segments.writeInt(segmentLength);
        length += segmentLength;
      }
      transfer(gzipIn, offset, length, false);
      offset += length;
      transfer(textIn, textOffset, textLength, true);
    }

    private int nextLength() throws IOException {
      try {
        return lengths.readInt();
      } catch (EOFException e) {
        throw new IOException(type + ": the previous publish's segment list ends early", e);
      }
    }

    private void transfer(FileChannel from, long position, long length, boolean isText)
        throws IOException {
      ByteBuffer chunk = ByteBuffer.wrap(buffer);
      for (long done = 0; done < length; ) {
        chunk.clear().limit((int) Math.min(BUFFER, length - done));
        int n = from.read(chunk, position + done);
        if (n < 0) {
          throw new IOException(type + ": the previous publish's file ends early");
        }
        if (isText) {
          writeText(buffer, n);
        } else {
          gzip.write(buffer, 0, n);
        }
        done += n;
      }
    }

    @Override
    public void close() throws IOException {
      try (gzipIn;
          textIn;
          lengths) {
        // each closes
      }
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  private void submit(Step step) throws IOException {
    checkFailure();
    try {
      queued.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + type);
    }
    worker.execute(
        () -> {
          try {
            if (failure == null) {
              step.run();
            }
          } catch (IOException | RuntimeException e) {
            failure = e;
          } finally {
            queued.release();
          }
        });
  }

  private void awaitWorker() throws IOException {
    try {
      queued.acquire(QUEUED);
      queued.release(QUEUED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing " + type);
    }
    checkFailure();
  }

  private void checkFailure() throws IOException {
    Throwable f = failure;
    if (f instanceof IOException io) {
      throw new IOException("writing " + type + " failed: " + io.getMessage(), io);
    }
    if (f != null) {
      throw new IOException("writing " + type + " failed", f);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the thread and drops the unfinished file (a finished one was renamed already). */
  @Override
  public void close() throws IOException {
    worker.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (worker.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true; // the thread must be gone before its files close
      }
    }
    try (OutputStream g = gzip;
        OutputStream t = text;
        DataOutputStream s = segments;
        Old o = old) {
      deflater.end();
    } finally {
      Files.deleteIfExists(temp);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
