package dev.depot.publish.iso;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Places everything in the image before a byte is written, so the writer can stream front to back:
 * system area and volume descriptors (sectors 0-18), the four path tables, primary directories,
 * Rock Ridge continuation areas, Joliet directories, then file data. Both trees point at the same
 * data extents.
 */
final class IsoLayout {
  /** Sixteen sectors of system area, then the primary, Joliet and terminator descriptors. */
  static final int FIRST_FREE_SECTOR = 16 + 3;

  final IsoNode root;
  final List<IsoNode> primaryDirs = new ArrayList<>();
  final List<IsoNode> jolietDirs = new ArrayList<>();
  final List<IsoNode> files = new ArrayList<>();
  final int primaryPathTableBytes;
  final int jolietPathTableBytes;
  final long primaryPathTableL;
  final long primaryPathTableM;
  final long jolietPathTableL;
  final long jolietPathTableM;
  final long continuationStart;
  final long dataStart;
  final long totalSectors;

  IsoLayout(IsoNode root, Instant time) {
    this.root = root;
    name(root);
    RockRidge.planRoot(root);
    walk(root, true, primaryDirs);
    walk(root, false, jolietDirs);
    if (primaryDirs.size() > 0xFFFF) {
      throw new IllegalArgumentException(
          "too many directories for an ISO 9660 path table: " + primaryDirs.size());
    }
    primaryPathTableBytes = DirectoryRecords.pathTable(primaryDirs, false, false).length;
    jolietPathTableBytes = DirectoryRecords.pathTable(jolietDirs, true, false).length;

    long sector = FIRST_FREE_SECTOR;
    primaryPathTableL = sector;
    sector += IsoBytes.sectors(primaryPathTableBytes);
    primaryPathTableM = sector;
    sector += IsoBytes.sectors(primaryPathTableBytes);
    jolietPathTableL = sector;
    sector += IsoBytes.sectors(jolietPathTableBytes);
    jolietPathTableM = sector;
    sector += IsoBytes.sectors(jolietPathTableBytes);

    // Record lengths do not depend on where things land, so sizes can be taken before extents.
    for (IsoNode dir : primaryDirs) {
      dir.primaryBytes = DirectoryRecords.packedSize(DirectoryRecords.primary(dir, time));
      dir.extent = sector;
      sector += dir.primaryBytes / IsoBytes.SECTOR;
    }

    continuationStart = sector;
    int offset = 0;
    for (IsoNode node : continued()) {
      if (offset + node.continuation.length > IsoBytes.SECTOR) {
        sector++; // a continuation area stays within one sector
        offset = 0;
      }
      node.ceSector = sector;
      node.ceOffset = offset;
      offset += node.continuation.length;
    }
    sector += offset > 0 ? 1 : 0;

    for (IsoNode dir : jolietDirs) {
      dir.jolietBytes = DirectoryRecords.packedSize(DirectoryRecords.joliet(dir, time));
      dir.jolietExtent = sector;
      sector += dir.jolietBytes / IsoBytes.SECTOR;
    }

    dataStart = sector;
    for (IsoNode file : files) {
      // Empty files own no sector; pointing them at the data start keeps every extent in range.
      file.extent = sector;
      sector += IsoBytes.sectors(file.size);
    }
    if (sector > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("image too large for ISO 9660: " + sector + " sectors");
    }
    totalSectors = sector;
  }

  /** Nodes whose record carries a CE entry, in the order their areas are laid out. */
  List<IsoNode> continued() {
    List<IsoNode> out = new ArrayList<>();
    out.add(root);
    for (IsoNode dir : primaryDirs) {
      for (IsoNode child : dir.primaryOrder) {
        if (child.continuation != null) {
          out.add(child);
        }
      }
    }
    return out;
  }

  long totalBytes() {
    return totalSectors * IsoBytes.SECTOR;
  }

  private void name(IsoNode dir) {
    IsoNames.assign(dir);
    dir.primaryOrder = new ArrayList<>(dir.children.values());
    dir.primaryOrder.sort(IsoNames.PRIMARY_ORDER);
    dir.jolietOrder = new ArrayList<>(dir.children.values());
    dir.jolietOrder.sort(IsoNames.JOLIET_ORDER);
    for (IsoNode child : dir.primaryOrder) {
      RockRidge.planName(child, DirectoryRecords.room(child.primaryId.length()));
      if (child.isDirectory()) {
        name(child);
      } else {
        files.add(child);
      }
    }
  }

  /** Path table order: by level, then by parent's number, then by identifier (ECMA-119 9.4). */
  private static void walk(IsoNode root, boolean primary, List<IsoNode> out) {
    ArrayDeque<IsoNode> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      IsoNode dir = queue.poll();
      out.add(dir);
      if (primary) {
        dir.primaryNumber = out.size();
      } else {
        dir.jolietNumber = out.size();
      }
      for (IsoNode child : primary ? dir.primaryOrder : dir.jolietOrder) {
        if (child.isDirectory()) {
          queue.add(child);
        }
      }
    }
  }
}
