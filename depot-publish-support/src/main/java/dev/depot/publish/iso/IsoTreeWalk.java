package dev.depot.publish.iso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks one directory hierarchy of an image depth-first. Each open directory holds one sector and a
 * cursor, so memory is bounded by the depth limit, never by the size of a directory. Everything
 * taken from the image is checked before use: record lengths, extents, names, depth, and that no
 * directory is entered twice (which is how a loop shows).
 */
final class IsoTreeWalk {
  /** Deeper trees are refused: real images are far shallower, and the stack stays small. */
  static final int MAX_DEPTH = 64;

  /** Which identifiers name the entries. */
  enum Naming {
    ROCK_RIDGE,
    JOLIET,
    PRIMARY
  }

  /** Receives the walk's files and decides which directories to enter. */
  interface Visitor {
    /** Whether to walk into the directory at {@code path}. */
    boolean enter(String path);

    /** Takes a regular file; returns false to end the walk early. */
    boolean file(IsoReader.File file) throws IOException;
  }

  private final ImageChannel image;
  private final Naming naming;
  private final int suspSkip;
  private final SystemUseReader systemUse;
  private final Set<Long> visited = new HashSet<>();
  private final Deque<Cursor> stack = new ArrayDeque<>();

  IsoTreeWalk(ImageChannel image, Naming naming, int suspSkip) {
    this.image = image;
    this.naming = naming;
    this.suspSkip = suspSkip;
    this.systemUse = new SystemUseReader(image);
  }

  /** Walks the tree whose root directory is at {@code extent}, {@code length} bytes long. */
  void walk(long extent, long length, Visitor visitor) throws IOException {
    push("", extent, length);
    while (!stack.isEmpty()) {
      Cursor dir = stack.peek();
      DirectoryRecord record = dir.next();
      if (record == null) {
        stack.pop();
        continue;
      }
      if (record.isSelfOrParent() || (record.flags() & DirectoryRecord.FLAG_ASSOCIATED) != 0) {
        continue;
      }
      SystemUseReader.Fields su =
          naming == Naming.ROCK_RIDGE ? systemUse.read(record, suspSkip, dir.where()) : null;
      if (su != null && su.relocated()) {
        continue; // a relocated directory: it is listed where its CL entry points from
      }
      String name = name(record, su, dir);
      String path = dir.path.isEmpty() ? name : dir.path + "/" + name;
      if (su != null && su.hasChildLink()) {
        if (visitor.enter(path)) {
          push(path, su.childLink(), selfLength(su.childLink(), path));
        }
      } else if (record.isDirectory()) {
        if (visitor.enter(path)) {
          push(path, record.extent(), record.size());
        }
      } else {
        if ((record.flags() & DirectoryRecord.FLAG_MULTI_EXTENT) != 0) {
          throw new IOException("multi-extent files (4 GiB or larger) are not supported: " + path);
        }
        if (record.size() > 0) {
          image.checkExtent(record.extent(), record.size(), "file " + path);
        }
        if (!visitor.file(new IsoReader.File(path, record.size(), record.extent()))) {
          return;
        }
      }
    }
  }

  private void push(String path, long extent, long length) throws IOException {
    String what = path.isEmpty() ? "the root directory" : "directory " + path;
    if (stack.size() >= MAX_DEPTH) {
      throw new IOException(what + " is nested deeper than " + MAX_DEPTH + " levels");
    }
    if (length < DirectoryRecord.MIN_LENGTH) {
      throw new IOException(what + " has a length of " + length + " bytes, too short for '.'");
    }
    image.checkExtent(extent, length, what);
    if (!visited.add(extent)) {
      throw new IOException(what + " loops back to sector " + extent + ", already walked");
    }
    stack.push(new Cursor(path, extent, length));
  }

  /** The data length a relocated directory's own "." record gives (Rock Ridge CL target). */
  private long selfLength(long extent, String path) throws IOException {
    image.checkExtent(extent, IsoBytes.SECTOR, "relocated directory " + path);
    Cursor probe = new Cursor(path, extent, IsoBytes.SECTOR);
    return probe.next().size();
  }

  private String name(DirectoryRecord record, SystemUseReader.Fields su, Cursor dir)
      throws IOException {
    byte[] id = record.id();
    String name;
    if (su != null && su.name() != null) {
      name = su.name();
    } else if (naming == Naming.JOLIET) {
      name = IsoNameRules.plain(new String(id, StandardCharsets.UTF_16BE), record);
    } else {
      name = IsoNameRules.plain(new String(id, StandardCharsets.ISO_8859_1), record);
    }
    IsoNameRules.check(name, dir.where());
    return name;
  }

  /** A position in one directory's extent, with the sector it is in. */
  private final class Cursor {
    final String path;
    final long extent;
    final long length;
    final byte[] sector = new byte[IsoBytes.SECTOR];
    long loaded = -1;
    long offset;
    boolean seenSelf;

    Cursor(String path, long extent, long length) {
      this.path = path;
      this.extent = extent;
      this.length = length;
    }

    String where() {
      return (path.isEmpty() ? "the root directory" : "directory " + path)
          + " (sector "
          + extent
          + ")";
    }

    /** The next record, or null at the end; the first must be the directory's own ".". */
    DirectoryRecord next() throws IOException {
      while (offset < length) {
        long index = offset / IsoBytes.SECTOR;
        int at = (int) (offset % IsoBytes.SECTOR);
        if (loaded != index) {
          int bytes = (int) Math.min(IsoBytes.SECTOR, length - index * IsoBytes.SECTOR);
          Arrays.fill(sector, (byte) 0);
          image.read((extent + index) * IsoBytes.SECTOR, sector, bytes, where());
          loaded = index;
        }
        int len = sector[at] & 0xFF;
        if (len == 0) {
          // Records never cross sectors; a zero length byte pads to the next one (ECMA-119
          // 6.8.1.1).
          offset = (index + 1) * IsoBytes.SECTOR;
          continue;
        }
        if (len < DirectoryRecord.MIN_LENGTH || at + len > IsoBytes.SECTOR) {
          throw new IOException(
              "corrupt directory record of "
                  + len
                  + " bytes at offset "
                  + offset
                  + " in "
                  + where());
        }
        DirectoryRecord record = DirectoryRecord.parse(sector, at, where());
        offset += len;
        if (!seenSelf && !record.isSelf()) {
          throw new IOException(where() + " does not begin with its '.' record");
        }
        seenSelf = true;
        return record;
      }
      if (!seenSelf) {
        throw new IOException(where() + " does not begin with its '.' record");
      }
      return null;
    }
  }
}
