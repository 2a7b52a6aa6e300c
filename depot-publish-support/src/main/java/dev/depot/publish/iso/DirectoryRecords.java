package dev.depot.publish.iso;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Encodes directory records (ECMA-119 9.1), directory extents and path tables (9.4). */
final class DirectoryRecords {
  private static final byte[] SELF = {0};
  private static final byte[] PARENT = {1};

  private DirectoryRecords() {}

  /** Room left for System Use in a record whose identifier is {@code idLength} bytes long. */
  static int room(int idLength) {
    return RockRidge.MAX_RECORD - 33 - idLength - (idLength % 2 == 0 ? 1 : 0);
  }

  static byte[] primaryId(IsoNode node) {
    return node.primaryId.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] jolietId(IsoNode node) {
    return node.jolietId.getBytes(StandardCharsets.UTF_16BE);
  }

  /** The records of a primary directory with their Rock Ridge fields, in ECMA-119 order. */
  static List<byte[]> primary(IsoNode dir, Instant time) {
    List<byte[]> records = new ArrayList<>(dir.primaryOrder.size() + 2);
    IsoNode up = dir.parent == null ? dir : dir.parent;
    records.add(
        record(SELF, dir.extent, dir.primaryBytes, true, time, RockRidge.forSelf(dir, time)));
    records.add(
        record(PARENT, up.extent, up.primaryBytes, true, time, RockRidge.forParent(dir, time)));
    for (IsoNode child : dir.primaryOrder) {
      long length = child.isDirectory() ? child.primaryBytes : child.size;
      byte[] su = RockRidge.forName(child, time);
      records.add(record(primaryId(child), child.extent, length, child.isDirectory(), time, su));
    }
    return records;
  }

  /** The records of a Joliet directory; files point at the same data extents as the primary. */
  static List<byte[]> joliet(IsoNode dir, Instant time) {
    List<byte[]> records = new ArrayList<>(dir.jolietOrder.size() + 2);
    IsoNode up = dir.parent == null ? dir : dir.parent;
    byte[] none = new byte[0];
    records.add(record(SELF, dir.jolietExtent, dir.jolietBytes, true, time, none));
    records.add(record(PARENT, up.jolietExtent, up.jolietBytes, true, time, none));
    for (IsoNode child : dir.jolietOrder) {
      boolean sub = child.isDirectory();
      long extent = sub ? child.jolietExtent : child.extent;
      long length = sub ? child.jolietBytes : child.size;
      records.add(record(jolietId(child), extent, length, sub, time, none));
    }
    return records;
  }

  /** The root record embedded in a volume descriptor: 34 bytes, no System Use. */
  static byte[] root(long extent, int bytes, Instant time) {
    return record(SELF, extent, bytes, true, time, new byte[0]);
  }

  static byte[] record(
      byte[] id, long extent, long length, boolean dir, Instant time, byte[] systemUse) {
    int pad = id.length % 2 == 0 ? 1 : 0;
    int len = 33 + id.length + pad + systemUse.length;
    len += len % 2;
    byte[] b = new byte[len];
    b[0] = (byte) len;
    IsoBytes.both32(b, 2, extent);
    IsoBytes.both32(b, 10, length);
    IsoBytes.recordDate(b, 18, time);
    b[25] = (byte) (dir ? 0x02 : 0);
    IsoBytes.both16(b, 28, 1); // volume sequence number
    b[32] = (byte) id.length;
    System.arraycopy(id, 0, b, 33, id.length);
    System.arraycopy(systemUse, 0, b, 33 + id.length + pad, systemUse.length);
    return b;
  }

  /** Bytes a directory takes: records never cross a sector boundary (ECMA-119 6.8.1.1). */
  static int packedSize(List<byte[]> records) {
    int sectors = 1;
    int used = 0;
    for (byte[] r : records) {
      if (used + r.length > IsoBytes.SECTOR) {
        sectors++;
        used = 0;
      }
      used += r.length;
    }
    return sectors * IsoBytes.SECTOR;
  }

  /** The directory extent itself, zero-filled to whole sectors. */
  static byte[] pack(List<byte[]> records) {
    byte[] out = new byte[packedSize(records)];
    int sectorStart = 0;
    int at = 0;
    for (byte[] r : records) {
      if (at - sectorStart + r.length > IsoBytes.SECTOR) {
        sectorStart += IsoBytes.SECTOR;
        at = sectorStart;
      }
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    return out;
  }

  /** A path table (ECMA-119 9.4) of {@code dirs}, which are in path table order. */
  static byte[] pathTable(List<IsoNode> dirs, boolean joliet, boolean bigEndian) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (IsoNode dir : dirs) {
      byte[] id = dir.parent == null ? SELF : joliet ? jolietId(dir) : primaryId(dir);
      byte[] b = new byte[8 + id.length + id.length % 2];
      b[0] = (byte) id.length;
      long extent = joliet ? dir.jolietExtent : dir.extent;
      IsoNode up = dir.parent == null ? dir : dir.parent;
      int parentNumber = joliet ? up.jolietNumber : up.primaryNumber;
      if (bigEndian) {
        IsoBytes.be32(b, 2, extent);
        IsoBytes.be16(b, 6, parentNumber);
      } else {
        IsoBytes.le32(b, 2, extent);
        IsoBytes.le16(b, 6, parentNumber);
      }
      System.arraycopy(id, 0, b, 8, id.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }
}
