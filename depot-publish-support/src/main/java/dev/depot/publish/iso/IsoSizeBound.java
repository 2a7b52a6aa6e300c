package dev.depot.publish.iso;

import java.util.HashMap;
import java.util.Map;

/**
 * An upper bound on the size of an image, kept up to date in constant time per entry so that
 * planning thousands of files stays linear. It follows {@link IsoLayout} region by region but
 * counts every record at its largest possible size, because the exact names (and so record lengths)
 * are only settled once a directory is complete. The overestimate is small: at most a sector per 8
 * entries of primary directory and per 12 of Joliet.
 */
final class IsoSizeBound {
  /** Primary records are at most 254 bytes and never cross a sector: 8 fit in any sector. */
  private static final int PRIMARY_PER_SECTOR = IsoBytes.SECTOR / RockRidge.MAX_RECORD;

  /** Joliet records: 33 bytes, 128 of name, one of padding. */
  private static final int JOLIET_PER_SECTOR = IsoBytes.SECTOR / (33 + 2 * IsoNames.JOLIET_MAX + 1);

  private static final int CONTINUATIONS_PER_SECTOR = IsoBytes.SECTOR / RockRidge.MAX_CONTINUATION;
  private static final int PRIMARY_PATH_RECORD = 8 + 31 + 1;
  private static final int JOLIET_PATH_RECORD = 8 + 2 * IsoNames.JOLIET_MAX;

  /** Records per directory (including "." and ".."), keyed by directory path ("" is the root). */
  private final Map<String, Integer> records = new HashMap<>();

  private long entries;
  private long primaryDirSectors;
  private long jolietDirSectors;
  private long dataSectors;

  IsoSizeBound() {
    directory("");
  }

  /** Counts an entry in; the path and size are checked as the builder checks them. */
  void add(IsoEntry entry) {
    String[] names = IsoPaths.segments(entry.path());
    IsoPaths.checkSize(entry.path(), entry.size());
    String dir = "";
    for (int i = 0; i < names.length - 1; i++) {
      String child = dir.isEmpty() ? names[i] : dir + "/" + names[i];
      if (!records.containsKey(child)) {
        record(dir);
        directory(child);
      }
      dir = child;
    }
    record(dir);
    dataSectors += IsoBytes.sectors(entry.size());
  }

  /** The bound in bytes for everything added so far. */
  long bytes() {
    long dirs = records.size();
    long pathTables =
        2 * IsoBytes.sectors(dirs * PRIMARY_PATH_RECORD)
            + 2 * IsoBytes.sectors(dirs * JOLIET_PATH_RECORD);
    // One continuation area per entry at most, plus the root's ER.
    long continuations = ceil(entries + 1, CONTINUATIONS_PER_SECTOR);
    long sectors =
        IsoLayout.FIRST_FREE_SECTOR
            + pathTables
            + primaryDirSectors
            + continuations
            + jolietDirSectors
            + dataSectors;
    return sectors * IsoBytes.SECTOR;
  }

  private void directory(String path) {
    records.put(path, 2);
    primaryDirSectors++;
    jolietDirSectors++;
  }

  private void record(String dir) {
    int before = records.get(dir);
    int after = before + 1;
    records.put(dir, after);
    entries++;
    primaryDirSectors += ceil(after, PRIMARY_PER_SECTOR) - ceil(before, PRIMARY_PER_SECTOR);
    jolietDirSectors += ceil(after, JOLIET_PER_SECTOR) - ceil(before, JOLIET_PER_SECTOR);
  }

  private static long ceil(long n, int per) {
    return (n + per - 1) / per;
  }
}
