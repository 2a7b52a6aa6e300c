package dev.depot.plugins.rpm;

import dev.depot.publish.tree.IndexedTreePublish.UnusableTreeException;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tree taken over: its index read forward, its texts read where needed. */
final class TakenOverListing implements AutoCloseable {
  private final TreePublisher.Build build;
  private final YumIndex.Summary summary;
  private final YumIndex.Reader entries;
  private final FileChannel[] texts = new FileChannel[SegmentedPackages.FILES.size()];
  private final long[] offsets = new long[SegmentedPackages.FILES.size()];
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

  byte[] text(int file, long offset, int length) throws IOException {
    ByteBuffer text = ByteBuffer.allocate(length);
    while (text.hasRemaining()) {
      if (texts[file].read(text, offset + text.position()) < 0) {
        throw new UnusableTreeException("the taken-over tree's text ends early");
      }
    }
    return text.array();
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
