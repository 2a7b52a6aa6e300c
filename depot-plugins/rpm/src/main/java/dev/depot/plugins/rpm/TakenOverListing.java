package dev.depot.plugins.rpm;

import dev.depot.publish.tree.IndexedTreePublish.UnusableTreeException;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The tree taken over: its index read forward, its texts read where needed. */
final class TakenOverListing implements AutoCloseable {
  private final TreePublisher.Build build;
  private final YumIndex.Summary summary;
  private final YumIndex.Reader entries;
  private final FileChannel[] texts = new FileChannel[SegmentedPackages.FILES.size()];
  private final long[] offsets = new long[SegmentedPackages.FILES.size()];

  /** Bytes of previous text read at once: a few packages' elements, in each file. */
  private static final int WINDOW = 32 * 1024;

  private final byte[][] windows = new byte[SegmentedPackages.FILES.size()][];
  private final long[] windowStarts = new long[SegmentedPackages.FILES.size()];
  private final int[] windowLengths = new int[SegmentedPackages.FILES.size()];
  private long position = -1;
  private long segment = -1;
  private ListedPackage peeked;

  TakenOverListing(TreePublisher.Build build, YumIndex.Summary summary) throws IOException {
    this.build = build;
    this.summary = summary;
    try {
      for (int f = 0; f < texts.length; f++) {
        String type = SegmentedPackages.FILES.get(f);
        Path text = part(type + ".xml");
        texts[f] = FileChannel.open(text);
        offsets[f] = summary.headLengths().getOrDefault(type, -1);
        if (offsets[f] < 0) {
          throw new UnusableTreeException("the taken-over tree's index lacks " + type);
        }
      }
      entries = new YumIndex.Reader(build.previousIndex().orElseThrow(), summary.packages(), 3);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Path part(String name) throws UnusableTreeException {
    return build
        .previousIndexPart(name)
        .orElseThrow(() -> new UnusableTreeException("the taken-over tree's index lacks " + name));
  }

  SegmentedXml.Previous files(String type) throws IOException {
    String href = summary.hrefs().get(type);
    Path gzip = href == null ? null : build.dir().resolve(href);
    if (gzip == null || !Files.isRegularFile(gzip)) {
      throw new UnusableTreeException("the taken-over tree lacks its " + type + " file");
    }
    return new SegmentedXml.Previous(gzip, part(type + ".xml"), part(type + ".segments"));
  }

  /** The next package the tree listed if it is of type {@code type}; null otherwise. */
  ListedPackage peek(int type) throws IOException {
    if (peeked == null) {
      YumIndex.Entry entry = entries.next();
      if (entry == null) {
        return null;
      }
      position++;
      if (entry.first()) {
        segment++;
      }
      peeked =
          new ListedPackage(
              entry.id(),
              entry.type(),
              entry.nevra(),
              entry.lengths(),
              new byte[SegmentedPackages.FILES.size()][],
              position,
              entry.first(),
              entry.last(),
              segment,
              offsets.clone());
      for (int f = 0; f < offsets.length; f++) {
        offsets[f] += entry.lengths()[f];
      }
    }
    return peeked.type == type ? peeked : null;
  }

  void next() {
    peeked = null;
  }

  /**
   * The {@code length} bytes at {@code offset} in the previous text of {@code file}. A publish asks
   * for the elements of a segment it compresses again in order, the one before them first, so each
   * read fills a window of {@link #WINDOW} bytes that serves the next asks: one read per segment
   * instead of one per element (9 per segment and file were a tenth of a small re-publish).
   */
  byte[] text(int file, long offset, int length) throws IOException {
    long start = windowStarts[file];
    if (offset < start || offset + length > start + windowLengths[file]) {
      start = fill(file, offset, length);
    }
    int from = (int) (offset - start);
    return Arrays.copyOfRange(windows[file], from, from + length);
  }

  private long fill(int file, long offset, int length) throws IOException {
    if (windows[file] == null || windows[file].length < length) {
      windows[file] = new byte[Math.max(WINDOW, length)];
    }
    ByteBuffer window = ByteBuffer.wrap(windows[file]);
    while (window.position() < length) {
      if (texts[file].read(window, offset + window.position()) < 0) {
        throw new UnusableTreeException("the taken-over tree's text ends early");
      }
    }
    windowStarts[file] = offset;
    windowLengths[file] = window.position();
    return offset;
  }

  @Override
  public void close() throws IOException {
    try (YumIndex.Reader e = entries;
        FileChannel p = texts[0];
        FileChannel f = texts[1];
        FileChannel o = texts[2]) {
      // each closes
    }
  }
}
