package dev.depot.publish.iso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the SUSP entries (IEEE P1281) of a directory record's System Use area and the continuation
 * areas its {@code CE} entries name, picking out what the reader needs from Rock Ridge (IEEE
 * P1282): the real name ({@code NM}), and the directory relocation markers {@code CL} and {@code
 * RE}. Unknown entries are skipped by their length, as SUSP intends.
 */
final class SystemUseReader {
  /** Continuation chains longer than this are a loop or an attack, not a real image. */
  private static final int MAX_CONTINUATIONS = 16;

  private static final int NM_CURRENT = 0x02;
  private static final int NM_PARENT = 0x04;

  private final ImageChannel image;

  SystemUseReader(ImageChannel image) {
    this.image = image;
  }

  /**
   * What a record's System Use says: {@code name} is null without {@code NM}; {@code
   * sharingProtocol} is an {@code SP} entry; {@code rockRidge} is any Rock Ridge entry or an {@code
   * ER} naming Rock Ridge.
   */
  record Fields(
      String name, boolean relocated, long childLink, boolean sharingProtocol, boolean rockRidge) {
    boolean hasChildLink() {
      return childLink >= 0;
    }
  }

  /**
   * Parses the System Use of {@code record}, skipping {@code skip} bytes at its start (the {@code
   * SP} entry's LEN_SKP), following {@code CE} entries.
   */
  Fields read(DirectoryRecord record, int skip, String where) throws IOException {
    Scan scan = new Scan();
    byte[] area = record.bytes();
    int from = record.systemUseStart() + skip;
    for (int hops = 0; ; hops++) {
      scan.area(area, from);
      if (scan.ceSector < 0) {
        break;
      }
      if (hops >= MAX_CONTINUATIONS) {
        throw new IOException("too many SUSP continuation areas for a record in " + where);
      }
      area = continuation(scan.ceSector, scan.ceOffset, scan.ceLength, where);
      from = 0;
    }
    return scan.fields();
  }

  /**
   * What the entries read so far say, across continuation areas; {@code ce*} is where the area read
   * last continues ({@code ceSector} &lt; 0: it does not).
   */
  private static final class Scan {
    private ByteArrayOutputStream name;
    private boolean relocated;
    private boolean sp;
    private boolean rockRidge;
    private long childLink = -1;
    private long ceSector;
    private int ceOffset;
    private int ceLength;

    /** Reads the entries of one System Use area from {@code from}. */
    void area(byte[] area, int from) {
      ceSector = -1;
      ceOffset = 0;
      ceLength = 0;
      int at = from;
      // An entry is at least 4 bytes; shorter tails are padding (SUSP 5.1).
      while (at + 4 <= area.length) {
        int len = area[at + 2] & 0xFF;
        if (len < 4 || at + len > area.length) {
          break; // malformed or padding: the rest of this area carries nothing we can trust
        }
        String sig = new String(area, at, 2, StandardCharsets.ISO_8859_1);
        if (sig.equals("ST")) {
          break; // SUSP terminator: ignore what follows in this area
        }
        entry(sig, area, at, len);
        at += len;
      }
    }

    private void entry(String sig, byte[] area, int at, int len) {
      switch (sig) {
        case "SP" ->
            sp = len >= 7 && (area[at + 4] & 0xFF) == 0xBE && (area[at + 5] & 0xFF) == 0xEF;
        case "CE" -> {
          if (len >= 28) {
            ceSector = le32(area, at + 4);
            ceOffset = (int) Math.min(Integer.MAX_VALUE, le32(area, at + 12));
            ceLength = (int) Math.min(Integer.MAX_VALUE, le32(area, at + 20));
          }
        }
        case "NM" -> {
          int flags = len >= 5 ? area[at + 4] & 0xFF : 0;
          if ((flags & (NM_CURRENT | NM_PARENT)) == 0 && len > 5) {
            if (name == null) {
              name = new ByteArrayOutputStream();
            }
            name.write(area, at + 5, len - 5);
          }
          // NM_CONTINUE needs no state: the following NM entries simply append.
          rockRidge = true;
        }
        case "RE" -> relocated = true;
        case "CL" -> childLink = len >= 12 ? le32(area, at + 4) : -1;
        case "PX", "RR" -> rockRidge = true;
        case "ER" -> rockRidge |= rockRidgeExtension(area, at, len);
        default -> {}
      }
    }

    Fields fields() {
      String text = name == null ? null : name.toString(StandardCharsets.UTF_8);
      return new Fields(text, relocated, childLink, sp, rockRidge);
    }
  }

  private byte[] continuation(long sector, int offset, int length, String where)
      throws IOException {
    // Linux and libisofs keep a continuation area inside one block; we refuse anything else.
    if (offset < 0 || length < 0 || offset + (long) length > IsoBytes.SECTOR) {
      throw new IOException(
          "corrupt SUSP continuation area in " + where + ": offset " + offset + ", " + length);
    }
    byte[] b = new byte[length];
    image.read(sector * IsoBytes.SECTOR + offset, b, length, "SUSP continuation area of " + where);
    return b;
  }

  /** An {@code ER} entry whose extension identifier is one Rock Ridge has used. */
  private static boolean rockRidgeExtension(byte[] area, int at, int len) {
    if (len < 8) {
      return false;
    }
    int idLength = area[at + 4] & 0xFF;
    if (8 + idLength > len) {
      return false;
    }
    String id = new String(area, at + 8, idLength, StandardCharsets.ISO_8859_1);
    return id.equals("RRIP_1991A") || id.equals("IEEE_P1282") || id.equals("IEEE_1282");
  }

  private static long le32(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) (b[at + i] & 0xFF) << (8 * i);
    }
    return v;
  }
}
