package dev.depot.publish.iso;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Packs files into as many images as needed, in input order, never splitting a file: each image
 * takes files until the next would push it past the limit. Sizes are an upper bound computed from
 * the ISO layout (system area, descriptors, path tables, directory records, continuation areas,
 * data in 2048-byte sectors), so an image built from a group is never larger than the limit.
 */
public final class IsoPlanner {
  private IsoPlanner() {}

  /**
   * Splits entries into groups, one per image. Groups are produced lazily, so only one image's
   * entries are held at a time.
   *
   * @param maxImageBytes the largest image allowed, e.g. 4380 MB for a single-layer DVD
   * @return groups of entries in input order; iterating throws {@link TooLargeForImage} naming a
   *     file that would not fit in an image on its own, or {@link IllegalArgumentException} one
   *     whose path or size an image cannot hold
   */
  public static Iterator<List<IsoEntry>> split(Iterator<IsoEntry> entries, long maxImageBytes) {
    long empty = new IsoSizeBound().bytes();
    if (maxImageBytes < empty) {
      throw new IllegalArgumentException(
          "an image needs at least " + empty + " bytes; limit is " + maxImageBytes);
    }
    return new Iterator<>() {
      private IsoEntry pending;

      @Override
      public boolean hasNext() {
        return pending != null || entries.hasNext();
      }

      @Override
      public List<IsoEntry> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<IsoEntry> group = new ArrayList<>();
        IsoSizeBound bound = new IsoSizeBound();
        while (pending != null || entries.hasNext()) {
          IsoEntry entry = pending != null ? pending : entries.next();
          pending = null;
          bound.add(entry);
          if (bound.bytes() <= maxImageBytes) {
            group.add(entry);
          } else if (group.isEmpty()) {
            // The bound holds this entry alone: what an image of it would take.
            throw new TooLargeForImage(entry.path(), entry.size(), maxImageBytes, bound.bytes());
          } else {
            pending = entry; // opens the next image
            break;
          }
        }
        return group;
      }
    };
  }

  /** An upper bound on the size of the image these entries make, as {@link #split} uses it. */
  public static long sizeBound(Iterable<IsoEntry> entries) {
    IsoSizeBound bound = new IsoSizeBound();
    for (IsoEntry entry : entries) {
      bound.add(entry);
    }
    return bound.bytes();
  }
}
