package dev.depot.plugins.rpm;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The binary frame of an RPM file: the 96-byte lead, the signature header (padded to 8 bytes) and
 * the main header, read in one pass that also digests the whole file. The payload is only counted
 * and digested: its size must agree with what the signature says, so a truncated package is
 * refused, and the main header and payload must match their SHA-256 digests when the package has
 * them, so a corrupt one is too.
 *
 * @param sourceLead whether the lead says it is a source package (type 1)
 * @param signature the signature header
 * @param header the main header
 * @param headerStart the main header's offset in the file
 * @param headerEnd the offset just past the main header's store
 * @param sha256 the whole file's SHA-256, hex
 * @param fileSize the file's size
 */
record RpmStructure(
    boolean sourceLead,
    RpmHeader signature,
    RpmHeader header,
    long headerStart,
    long headerEnd,
    String sha256,
    long fileSize) {
  private static final byte[] LEAD_MAGIC = {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb};
  private static final int LEAD_SIZE = 96;
  private static final long SHA256_ALGORITHM = 8; // rpm's PGPHASHALGO_SHA256

  /** Reads the file's frame; a file that is not a sound RPM is refused, saying why. */
  static RpmStructure read(Path file) throws IOException, InvalidRpmException {
    MessageDigest sha256 = newSha256();
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(raw), sha256);
        DataInputStream in = new DataInputStream(digesting)) {
      byte[] lead = in.readNBytes(LEAD_SIZE);
      if (lead.length < 4 || !Arrays.equals(Arrays.copyOf(lead, 4), LEAD_MAGIC)) {
        // No file name: an upload's file is the server's temporary copy, named by its upload id,
        // which means nothing to the user (the CLI and the sync report say which file it was).
        throw new InvalidRpmException("the file is not an RPM package (no RPM lead)");
      }
      if (lead.length < LEAD_SIZE) {
        throw new InvalidRpmException("the RPM is truncated: it ends inside its lead");
      }
      boolean source = lead[6] == 0 && lead[7] == 1;
      Raw sig = readHeader(in, "signature header");
      int pad = (8 - sig.store.length % 8) % 8;
      readFully(in, new byte[pad], "signature padding");
      long start = LEAD_SIZE + sig.length() + pad;
      Raw main = readHeader(in, "main header");
      long end = start + main.length();
      MessageDigest payload = newSha256();
      OutputStream digestOnly = new DigestOutputStream(OutputStream.nullOutputStream(), payload);
      long size = end + in.transferTo(digestOnly); // the payload is only digested and counted
      RpmHeader signature = RpmHeader.of(sig.index, sig.store, "the signature header");
      RpmHeader header = RpmHeader.of(main.index, main.store, "the main header");
      checkAgainstSignature(signature, main, size - start);
      checkPayload(header, payload);
      String hex = HexFormat.of().formatHex(sha256.digest());
      return new RpmStructure(source, signature, header, start, end, hex, size);
    }
  }

  /** An index and store as read, before decoding. */
  private record Raw(byte[] intro, byte[] index, byte[] store) {
    long length() {
      return 16L + index.length + store.length;
    }
  }

  private static Raw readHeader(DataInputStream in, String what)
      throws IOException, InvalidRpmException {
    byte[] intro = new byte[16];
    readFully(in, intro, what);
    if (!Arrays.equals(Arrays.copyOf(intro, 4), RpmHeader.MAGIC)) {
      throw new InvalidRpmException("the RPM's " + what + " is corrupt (bad magic)");
    }
    int entries = ByteBuffer.wrap(intro, 8, 8).getInt();
    int storeSize = ByteBuffer.wrap(intro, 12, 4).getInt();
    if (entries < 0 || entries > RpmHeader.MAX_ENTRIES || storeSize < 0) {
      throw new InvalidRpmException("the RPM's " + what + " is corrupt (" + entries + " entries)");
    }
    if (storeSize > RpmHeader.MAX_STORE) {
      throw new InvalidRpmException("the RPM's " + what + " is too large: " + storeSize + " bytes");
    }
    // Read as they arrive, not allocated at the sizes the header claims: a file of a hundred bytes
    // claiming a 256 MB store must not cost 256 MB of heap before it is found truncated.
    byte[] index = readUpTo(in, entries * 16, what);
    byte[] store = readUpTo(in, storeSize, what);
    return new Raw(intro, index, store);
  }

  private static void checkAgainstSignature(RpmHeader signature, Raw main, long afterLead)
      throws InvalidRpmException {
    long expected =
        signature
            .number(RpmTags.SIG_LONGSIZE)
            .or(() -> number(signature, RpmTags.SIG_SIZE))
            .orElse(afterLead);
    if (expected != afterLead) {
      throw new InvalidRpmException(
          "the RPM is truncated or corrupt: its header and payload are "
              + afterLead
              + " bytes, its signature says "
              + expected);
    }
    String claimed = signature.string(RpmTags.SIG_SHA256).orElse(null);
    if (claimed != null) {
      MessageDigest digest = newSha256();
      digest.update(main.intro);
      digest.update(main.index);
      digest.update(main.store);
      if (!claimed.equalsIgnoreCase(HexFormat.of().formatHex(digest.digest()))) {
        throw new InvalidRpmException("the RPM's main header is corrupt (SHA-256 mismatch)");
      }
    }
  }

  /**
   * Compares the payload with the main header's SHA-256 of it ({@code PAYLOADDIGEST}, written by
   * rpm 4.14 and later, algorithm 8): a package whose compressed payload was damaged is refused, as
   * {@code rpm -K} would. Older packages without it are checked by size only.
   */
  private static void checkPayload(RpmHeader header, MessageDigest payload)
      throws InvalidRpmException {
    String claimed = header.string(RpmTags.PAYLOADDIGEST).orElse(null);
    long algorithm = header.number(RpmTags.PAYLOADDIGESTALGO).orElse(SHA256_ALGORITHM);
    if (claimed != null
        && algorithm == SHA256_ALGORITHM
        && !claimed.equalsIgnoreCase(HexFormat.of().formatHex(payload.digest()))) {
      throw new InvalidRpmException("the RPM's payload is corrupt (SHA-256 mismatch)");
    }
  }

  /** Optional.or needs a supplier that cannot throw; a bad SIZE entry reads as absent here. */
  private static Optional<Long> number(RpmHeader header, int tag) {
    try {
      return header.number(tag);
    } catch (InvalidRpmException e) {
      return Optional.empty();
    }
  }

  private static void readFully(DataInputStream in, byte[] into, String what)
      throws IOException, InvalidRpmException {
    try {
      in.readFully(into);
    } catch (EOFException e) {
      throw new InvalidRpmException("the RPM is truncated: it ends inside its " + what);
    }
  }

  private static byte[] readUpTo(DataInputStream in, int length, String what)
      throws IOException, InvalidRpmException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new InvalidRpmException("the RPM is truncated: it ends inside its " + what);
    }
    return bytes;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
