package dev.depot.plugins.rpm;

import dev.depot.publish.tree.IndexedTreePublish.UnusableTreeException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a yum publish keeps beside its tree so that the next publish taking the tree over can bring
 * it up to date from the repository's changes alone: the packages in the order primary, filelists
 * and other list them (each with its element's length in each file and where its segment starts and
 * ends, see {@link SegmentedXml}), and a summary of the rest ({@link Summary}): the version
 * published, the package types, the metadata files' names and head lengths, the kickstart links.
 */
final class YumIndex {
  /** The index part holding the {@link Summary}. */
  static final String SUMMARY_PART = "yum-summary";

  /** Version 2 keeps each package's NEVRA hash (for the errata); version 1 trees are rebuilt. */
  private static final String MAGIC = "depot-yum-index/2";

  private YumIndex() {}

  /**
   * The summary of a published tree.
   *
   * @param version the repository version it shows
   * @param packageTypes the package types it lists, in order
   * @param packages how many packages its metadata lists
   * @param hrefs each package metadata file's path in the tree, by type (primary, ...)
   * @param headLengths each package metadata file's root element opening, in bytes
   * @param kickstartLinks the kickstart tree's links: path in the tree to target
   */
  record Summary(
      long version,
      List<String> packageTypes,
      long packages,
      Map<String, String> hrefs,
      Map<String, Integer> headLengths,
      Map<String, String> kickstartLinks) {

    void write(Path file) throws IOException {
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
        out.writeUTF(MAGIC);
        out.writeLong(version);
        out.writeLong(packages);
        writeList(out, packageTypes);
        writeMap(out, hrefs);
        out.writeInt(headLengths.size());
        for (Map.Entry<String, Integer> e : headLengths.entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue());
        }
        writeMap(out, kickstartLinks);
      }
    }

    /** Reads a summary a publish wrote; a missing or foreign file makes the tree unusable. */
    static Summary read(Path file) throws IOException {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        if (!MAGIC.equals(in.readUTF())) {
          throw new UnusableTreeException("the taken-over tree's index is of another format");
        }
        long version = in.readLong();
        long packages = in.readLong();
        List<String> types = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
          types.add(in.readUTF());
        }
        Map<String, String> hrefs = readMap(in);
        Map<String, Integer> heads = new LinkedHashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
          heads.put(in.readUTF(), in.readInt());
        }
        return new Summary(version, types, packages, hrefs, heads, readMap(in));
      } catch (EOFException | java.io.UTFDataFormatException e) {
        throw new UnusableTreeException("the taken-over tree's index summary is cut short");
      }
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
      out.writeInt(list.size());
      for (String s : list) {
        out.writeUTF(s);
      }
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
      out.writeInt(map.size());
      for (Map.Entry<String, String> e : map.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
      Map<String, String> map = new LinkedHashMap<>();
      for (int n = in.readInt(); n > 0; n--) {
        map.put(in.readUTF(), in.readUTF());
      }
      return map;
    }
  }

  /**
   * One package as the index lists it.
   *
   * @param id the unit's id
   * @param type its index in the summary's package types
   * @param nevra its NEVRA's hash ({@link PackageNevras#hash})
   * @param lengths its element's length in bytes in primary, filelists and other
   * @param first whether a segment starts with it
   * @param last whether a segment ends with it
   */
  record Entry(String id, int type, long nevra, int[] lengths, boolean first, boolean last) {}

  /** Writes the entries, in the metadata's order. */
  static final class Writer implements AutoCloseable {
    private final DataOutputStream out;

    Writer(Path file) throws IOException {
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void write(Entry entry) throws IOException {
      out.writeUTF(entry.id());
      out.writeByte(entry.type() | (entry.first() ? 0x40 : 0) | (entry.last() ? 0x80 : 0));
      out.writeLong(entry.nevra());
      for (int length : entry.lengths()) {
        out.writeInt(length);
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads the entries back, {@code count} of them (the summary's number of packages). */
  static final class Reader implements AutoCloseable {
    private final DataInputStream in;
    private final int files;
    private long left;

    Reader(Path file, long count, int files) throws IOException {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      this.left = count;
      this.files = files;
    }

    /** The next entry, or null after the last one. */
    Entry next() throws IOException {
      if (left == 0) {
        return null;
      }
      left--;
      try {
        String id = in.readUTF();
        int flags = in.readUnsignedByte();
        long nevra = in.readLong();
        int[] lengths = new int[files];
        for (int i = 0; i < files; i++) {
          lengths[i] = in.readInt();
        }
        return new Entry(
            id, flags & 0x3f, nevra, lengths, (flags & 0x40) != 0, (flags & 0x80) != 0);
      } catch (EOFException e) {
        throw new UnusableTreeException("the taken-over tree's index lists fewer packages");
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
