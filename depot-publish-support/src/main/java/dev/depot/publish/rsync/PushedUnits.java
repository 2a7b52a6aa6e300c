package dev.depot.publish.rsync;

import dev.depot.publish.files.AtomicMove;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The unit files one push lists, written as NUL-separated paths relative to the units root: every
 * file, and those the last successful push to the same target did not list ({@link UnitStage} makes
 * what rsync sends from either list). The last list is kept beside the staging tree; membership is
 * checked against a sorted array of 64-bit hashes of its paths, so memory stays at 8 bytes per
 * unit.
 */
final class PushedUnits implements AutoCloseable {
  private final Path all;
  private final Path fresh;
  private final Path last;
  private final long[] previous;
  private final OutputStream allOut;
  private final OutputStream freshOut;
  private final MessageDigest each = sha256();
  private final long[] sum = new long[4];
  private long count;
  private long freshCount;

  /**
   * @param dir where the lists live
   * @param targetKey names the target, so a list is only compared with one for the same target
   */
  PushedUnits(Path dir, String targetKey) throws IOException {
    Files.createDirectories(dir);
    this.all = dir.resolve("units-" + targetKey + ".listing");
    this.fresh = dir.resolve("units-" + targetKey + ".new");
    this.last = dir.resolve("units-" + targetKey + ".pushed");
    this.previous = Files.exists(last) ? hashes(last) : null;
    this.allOut = new BufferedOutputStream(Files.newOutputStream(all), 1 << 16);
    this.freshOut = new BufferedOutputStream(Files.newOutputStream(fresh), 1 << 16);
  }

  void add(String relative) throws IOException {
    byte[] bytes = relative.getBytes(StandardCharsets.UTF_8);
    allOut.write(bytes);
    allOut.write(0);
    ByteBuffer hash = ByteBuffer.wrap(each.digest(bytes));
    long first = hash.getLong(0);
    // Order-independent digest of the list: a sum of per-path hashes.
    for (int i = 0; i < sum.length; i++) {
      sum[i] += hash.getLong(8 * i);
    }
    count++;
    if (previous == null || Arrays.binarySearch(previous, first) < 0) {
      freshOut.write(bytes);
      freshOut.write(0);
      freshCount++;
    }
  }

  @Override
  public void close() throws IOException {
    try (allOut;
        freshOut) {
      allOut.flush();
      freshOut.flush();
    }
  }

  long count() {
    return count;
  }

  /** Whether a previous list for this target exists, so {@link #fresh()} holds only new files. */
  boolean incremental() {
    return previous != null;
  }

  long freshCount() {
    return freshCount;
  }

  Path all() {
    return all;
  }

  Path fresh() {
    return fresh;
  }

  /** The list {@link #pushed()} kept: what {@link #all()} was. */
  Path last() {
    return last;
  }

  /** Digest of the list and the target identity. */
  String digest(String target) {
    MessageDigest digest = sha256();
    digest.update(target.getBytes(StandardCharsets.UTF_8));
    ByteBuffer summary = ByteBuffer.allocate(8 * (sum.length + 1));
    for (long part : sum) {
      summary.putLong(part);
    }
    summary.putLong(count);
    digest.update(summary.array());
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Records this list as pushed: the next push sends only what it lacks. */
  void pushed() throws IOException {
    AtomicMove.move(all, last);
  }

  private long[] hashes(Path list) throws IOException {
    long[] values = new long[1024];
    int n = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(list), 1 << 16)) {
      java.io.ByteArrayOutputStream path = new java.io.ByteArrayOutputStream();
      for (int b; (b = in.read()) >= 0; ) {
        if (b != 0) {
          path.write(b);
          continue;
        }
        if (n == values.length) {
          values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = ByteBuffer.wrap(each.digest(path.toByteArray())).getLong(0);
        path.reset();
      }
    }
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return sorted;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
