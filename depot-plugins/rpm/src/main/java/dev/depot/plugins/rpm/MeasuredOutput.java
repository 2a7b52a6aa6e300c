package dev.depot.plugins.rpm;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An output stream that digests (SHA-256) and counts what passes through it, for repomd.xml. */
final class MeasuredOutput extends FilterOutputStream {
  private final MessageDigest digest;
  private long size;

  MeasuredOutput(OutputStream out) {
    super(out);
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    size += len;
  }

  /** The bytes written so far. */
  long size() {
    return size;
  }

  /** The SHA-256 of what was written, hex; call once, after the last write. */
  String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
