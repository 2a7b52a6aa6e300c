package dev.depot.publish.iso;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the System Use fields of primary directory records: SUSP ({@code SP}, {@code CE}, {@code
 * ER}) and Rock Ridge 1.09 ({@code RR}, {@code PX}, {@code TF}, {@code NM}). PX, TF and the short
 * RR always fit in the record; the real name (NM) does when it is short enough, otherwise it moves
 * to a continuation area named by a {@code CE} entry, as does the root's {@code ER}.
 */
final class RockRidge {
  /** Directory records are at most 255 bytes and we keep them even, as readers expect. */
  static final int MAX_RECORD = 254;

  /** Largest continuation area: NM parts for a 255-byte name, or the ER entry. */
  static final int MAX_CONTINUATION = 2 * 5 + IsoPaths.MAX_NAME_BYTES;

  private static final int FILE_MODE = 0100644;
  private static final int DIR_MODE = 040755;
  private static final int RR_PX = 0x01;
  private static final int RR_NM = 0x08;
  private static final int RR_TF = 0x80;
  private static final int CE_LEN = 28;
  private static final int FIXED = 5 + 36 + 26;
  private static final int NM_PART = 250;

  private static final String ER_ID = "RRIP_1991A";
  private static final String ER_DESCRIPTOR =
      "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
  private static final String ER_SOURCE =
      "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN"
          + " PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

  private RockRidge() {}

  /**
   * Decides where the real name of {@code node} goes, given the room its record leaves for System
   * Use; sets {@link IsoNode#continuation} to the NM entries when they must move out.
   */
  static void planName(IsoNode node, int room) {
    byte[] nm = nameEntries(node.name);
    node.continuation = FIXED + nm.length <= room ? null : nm;
  }

  /** Marks the root's "." record as carrying the ER entry in a continuation area. */
  static void planRoot(IsoNode root) {
    root.continuation = extensionReference();
  }

  /** System Use of the record naming {@code node} in its parent. */
  static byte[] forName(IsoNode node, Instant time) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "RR", new byte[] {(byte) (RR_PX | RR_NM | RR_TF)});
    out.writeBytes(posix(node));
    out.writeBytes(times(time));
    out.writeBytes(node.continuation == null ? nameEntries(node.name) : continuation(node));
    return out.toByteArray();
  }

  /** System Use of the "." record of {@code dir}; the root's carries SP first, as SUSP requires. */
  static byte[] forSelf(IsoNode dir, Instant time) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean root = dir.parent == null;
    if (root) {
      entry(out, "SP", new byte[] {(byte) 0xBE, (byte) 0xEF, 0});
    }
    entry(out, "RR", new byte[] {(byte) (RR_PX | RR_TF)});
    out.writeBytes(posix(dir));
    out.writeBytes(times(time));
    if (root) {
      out.writeBytes(continuation(dir));
    }
    return out.toByteArray();
  }

  /** System Use of the ".." record of {@code dir}: it describes the parent. */
  static byte[] forParent(IsoNode dir, Instant time) {
    IsoNode parent = dir.parent == null ? dir : dir.parent;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "RR", new byte[] {(byte) (RR_PX | RR_TF)});
    out.writeBytes(posix(parent));
    out.writeBytes(times(time));
    return out.toByteArray();
  }

  private static byte[] posix(IsoNode node) {
    byte[] b = new byte[32];
    boolean dir = node.isDirectory();
    IsoBytes.both32(b, 0, dir ? DIR_MODE : FILE_MODE);
    IsoBytes.both32(b, 8, dir ? 2 + node.subdirectories() : 1);
    // uid and gid stay 0: the extracted tree belongs to whoever extracts it.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "PX", b);
    return out.toByteArray();
  }

  private static byte[] times(Instant time) {
    byte[] b = new byte[1 + 3 * 7];
    b[0] = 0x02 | 0x04 | 0x08; // modify, access, attributes (ctime)
    for (int i = 0; i < 3; i++) {
      IsoBytes.recordDate(b, 1 + 7 * i, time);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "TF", b);
    return out.toByteArray();
  }

  private static byte[] nameEntries(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < utf8.length; at += NM_PART) {
      int len = Math.min(NM_PART, utf8.length - at);
      byte[] b = new byte[1 + len];
      b[0] = (byte) (at + len < utf8.length ? 0x01 : 0); // CONTINUE: the name goes on
      System.arraycopy(utf8, at, b, 1, len);
      entry(out, "NM", b);
    }
    return out.toByteArray();
  }

  private static byte[] continuation(IsoNode node) {
    byte[] b = new byte[CE_LEN - 4];
    IsoBytes.both32(b, 0, node.ceSector);
    IsoBytes.both32(b, 8, node.ceOffset);
    IsoBytes.both32(b, 16, node.continuation.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "CE", b);
    return out.toByteArray();
  }

  private static byte[] extensionReference() {
    byte[] id = ER_ID.getBytes(StandardCharsets.US_ASCII);
    byte[] des = ER_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    byte[] src = ER_SOURCE.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {(byte) id.length, (byte) des.length, (byte) src.length, 1});
    body.writeBytes(id);
    body.writeBytes(des);
    body.writeBytes(src);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "ER", body.toByteArray());
    return out.toByteArray();
  }

  /** A SUSP entry: two-letter signature, length, version 1, then the body. */
  private static void entry(ByteArrayOutputStream out, String signature, byte[] body) {
    out.writeBytes(signature.getBytes(StandardCharsets.US_ASCII));
    out.write(4 + body.length);
    out.write(1);
    out.writeBytes(body);
  }
}
