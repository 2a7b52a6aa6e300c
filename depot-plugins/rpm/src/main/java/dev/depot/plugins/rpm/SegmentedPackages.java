package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import dev.depot.publish.tree.IndexedTreePublish.UnusableTreeException;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Primary, filelists and other of a publish, written as {@link SegmentedXml} files with the {@link
 * YumIndex} that lets the next publish reuse them. A full publish {@link #add}s every package; a
 * publish that took over a tree {@link #merge}s the changes since into what that tree listed: a
 * segment whose packages and preceding package are the same as before is copied as compressed
 * bytes, the others are compressed again from the elements (those of packages that stayed read from
 * the previous text, not the database). So a publish after a small change compresses a few segments
 * and copies the rest.
 *
 * <p>Packages are listed in the order of the package types, each in unit id order: the order the
 * database streams them in and the changes come in.
 */
final class SegmentedPackages implements Repodata.PackageFiles {
  /** What repomd.xml calls the files, in the order their lengths are kept. */
  static final List<String> FILES = List.of("primary", "filelists", "other");

  private static final String[] ROOTS = {"metadata", "filelists", "otherdata"};
  private static final String[] NAMESPACES = {
    Repodata.PRIMARY_NS, Repodata.FILELISTS_NS, Repodata.OTHER_NS
  };

  /**
   * A segment starts at about one package in eight (by a hash of its id, so it stays put). Each
   * segment is a deflate block of its own: measured on 20,000 packages, segments of 8 packages make
   * the files 0-2% larger than one continuous stream (of 4: 7-9%), and a change of 1% of the
   * packages compresses some 8% of them again.
   */
  private static final int SEGMENT_MASK = 7;

  private final TreePublisher.Build build;
  private final List<String> packageTypes;
  private final long declared;
  private final byte[][] heads = new byte[FILES.size()][];
  private final SegmentedXml[] files = new SegmentedXml[FILES.size()];
  private final YumIndex.Writer index;
  private final TakenOverListing previous;
  private final List<ListedPackage> segment = new ArrayList<>();
  private final PackageNevras listed = new PackageNevras();
  private ListedPackage before; // the package before the open segment; null for the head
  private Copy pending;
  private long count;
  private List<RepodataFile.Measured> measured;

  /**
   * Starts the files for {@code packages} packages in {@code build}'s repodata, reusing what the
   * tree it took over holds when {@code summary} (that tree's) is given.
   */
  SegmentedPackages(
      TreePublisher.Build build, List<String> packageTypes, long packages, YumIndex.Summary summary)
      throws IOException {
    this.build = build;
    this.packageTypes = packageTypes;
    this.declared = packages;
    Path repodata = Repodata.directory(build.dir());
    this.previous = summary == null ? null : new TakenOverListing(build, summary);
    try {
      for (int f = 0; f < files.length; f++) {
        String type = FILES.get(f);
        heads[f] = head(f, packages);
        files[f] =
            new SegmentedXml(
                repodata,
                type,
                build.indexPart(type + ".xml"),
                build.indexPart(type + ".segments"),
                previous == null ? null : previous.files(type));
        files[f].head(heads[f]);
      }
      this.index = new YumIndex.Writer(build.indexFile());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private static byte[] head(int file, long packages) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
            + ROOTS[file]
            + " "
            + NAMESPACES[file]
            + " packages=\""
            + packages
            + "\">\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Adds a package whose file is at {@code location} in the tree (a full publish). */
  @Override
  public void add(Unit unit, String location) throws IOException {
    append(ListedPackage.of(unit, packageTypes.indexOf(unit.typeId()), location));
  }

  /** What a merge tells its caller about each package it adds or drops. */
  interface Changes {
    void added(Unit unit, String location) throws IOException;

    void removed(Unit unit, String location) throws IOException;
  }

  /**
   * Lists the packages of {@code type} the tree taken over listed, less {@code removed}, plus
   * {@code added} (both in unit id order): what a publish that took over a tree calls for each
   * package type in turn, in their order.
   *
   * @throws UnusableTreeException when the changes do not fit what the tree listed
   */
  void merge(
      String type, Iterator<Unit> added, Iterator<Unit> removed, Changes changes, Runnable each)
      throws IOException {
    int typeIndex = packageTypes.indexOf(type);
    Unit add = added.hasNext() ? added.next() : null;
    Unit remove = removed.hasNext() ? removed.next() : null;
    while (true) {
      ListedPackage kept = previous.peek(typeIndex);
      if (kept == null && add == null) {
        break;
      }
      if (kept != null && (add == null || kept.id.compareTo(add.id()) < 0)) {
        previous.next();
        if (remove != null && remove.id().compareTo(kept.id) < 0) {
          throw new UnusableTreeException("the taken-over tree does not list " + remove.id());
        }
        if (remove != null && remove.id().equals(kept.id)) {
          changes.removed(remove, YumPublish.location(remove));
          remove = removed.hasNext() ? removed.next() : null;
          continue;
        }
        append(kept);
      } else {
        if (kept != null && kept.id.equals(add.id())) {
          throw new UnusableTreeException("the taken-over tree lists " + add.id() + " already");
        }
        String location = YumPublish.location(add);
        changes.added(add, location);
        append(ListedPackage.of(add, typeIndex, location));
        add = added.hasNext() ? added.next() : null;
      }
      each.run();
    }
    if (remove != null) {
      throw new UnusableTreeException("the taken-over tree does not list " + remove.id());
    }
  }

  private void append(ListedPackage item) throws IOException {
    if (!segment.isEmpty() && startsSegment(item.id)) {
      closeSegment();
    }
    segment.add(item);
    listed.add(item.nevra);
    count++;
  }

  private static boolean startsSegment(String id) {
    return ((id.hashCode() * 0x9E3779B9) >>> 16 & SEGMENT_MASK) == 0;
  }

  private void closeSegment() throws IOException {
    ListedPackage first = segment.getFirst();
    if (reusable()) {
      if (pending != null && pending.follows(first.segment)) {
        pending.extend(segment);
      } else {
        flushCopy();
        pending = new Copy(first, segment);
      }
    } else {
      flushCopy();
      for (int f = 0; f < files.length; f++) {
        // the element before first: it comes before them in the previous text too
        byte[] dictionary = before == null ? heads[f] : text(before, f);
        List<byte[]> elements = new ArrayList<>(segment.size());
        for (ListedPackage item : segment) {
          elements.add(text(item, f));
        }
        files[f].segment(elements, dictionary);
      }
    }
    for (int i = 0; i < segment.size(); i++) {
      ListedPackage item = segment.get(i);
      index.write(
          new YumIndex.Entry(
              item.id, item.type, item.nevra, item.lengths, i == 0, i == segment.size() - 1));
    }
    before = segment.getLast();
    segment.clear();
  }

  /**
   * Whether the open segment is one the tree taken over has, after the same package: the same
   * packages, consecutive there, starting and ending a segment there.
   */
  private boolean reusable() {
    if (before == null || before.position < 0) {
      return false;
    }
    long position = before.position;
    for (ListedPackage item : segment) {
      if (item.position != ++position) {
        return false;
      }
    }
    return segment.getFirst().wasFirst && segment.getLast().wasLast;
  }

  private void flushCopy() throws IOException {
    if (pending != null) {
      for (int f = 0; f < files.length; f++) {
        files[f].copy(pending.segment, pending.segments, pending.offsets[f], pending.lengths[f]);
      }
      pending = null;
    }
  }

  private byte[] text(ListedPackage item, int file) throws IOException {
    if (item.texts[file] == null) {
      item.texts[file] = previous.text(file, item.offsets[file], item.lengths[file]);
    }
    return item.texts[file];
  }

  @Override
  public PackageNevras listed() {
    return listed;
  }

  /** The packages listed so far. */
  long count() {
    return count;
  }

  /** Ends the files and the index's list of packages; answers what repomd.xml lists. */
  @Override
  public List<RepodataFile.Measured> finish() throws IOException {
    if (!segment.isEmpty()) {
      closeSegment();
    }
    flushCopy();
    if (count != declared) {
      throw new IOException("listed " + count + " packages, " + declared + " declared first");
    }
    measured = new ArrayList<>();
    for (int f = 0; f < files.length; f++) {
      byte[] tail = ("</" + ROOTS[f] + ">\n").getBytes(StandardCharsets.UTF_8);
      measured.add(files[f].finish(tail, before == null ? heads[f] : text(before, f)));
    }
    index.close();
    return measured;
  }

  /** Writes the index's summary, once the rest of the tree is known. */
  void summarize(long version, Map<String, String> kickstart) throws IOException {
    Map<String, String> hrefs = new LinkedHashMap<>();
    Map<String, Integer> headLengths = new LinkedHashMap<>();
    for (int f = 0; f < files.length; f++) {
      hrefs.put(FILES.get(f), measured.get(f).href());
      headLengths.put(FILES.get(f), heads[f].length);
    }
    new YumIndex.Summary(version, packageTypes, count, hrefs, headLengths, kickstart)
        .write(build.indexPart(YumIndex.SUMMARY_PART));
  }

  @Override
  public void close() throws IOException {
    try (YumIndex.Writer i = index;
        TakenOverListing p = previous;
        SegmentedXml primary = files[0];
        SegmentedXml filelists = files[1];
        SegmentedXml other = files[2]) {
      // each closes, even when another fails
    }
  }

  /** Segments of the previous files to copy as they are, with their text. */
  private static final class Copy {
    final long segment;
    long segments;
    final long[] offsets;
    final long[] lengths;

    Copy(ListedPackage first, List<ListedPackage> items) {
      this.segment = first.segment;
      this.offsets = first.offsets.clone();
      this.lengths = new long[first.offsets.length];
      extend(items);
    }

    boolean follows(long next) {
      return segment + segments == next;
    }

    void extend(List<ListedPackage> items) {
      segments++;
      for (ListedPackage item : items) {
        for (int f = 0; f < lengths.length; f++) {
          lengths[f] += item.lengths[f];
        }
      }
    }
  }
}
