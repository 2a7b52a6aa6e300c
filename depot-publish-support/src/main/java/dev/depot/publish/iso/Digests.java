package dev.depot.publish.iso;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The checksums published beside each exported image, as Pulp's export distributor writes them: a
 * {@code <name>.DIGESTS} file with one {@code <hex> *<name>} line per algorithm, the format {@code
 * md5sum -c} and friends read.
 */
public final class Digests {
  /** The algorithms, in the order their lines appear. */
  public static final List<String> ALGORITHMS =
      List.of("MD5", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512");

  private Digests() {}

  /**
   * Hex digests of {@code file} keyed by algorithm name, in {@link #ALGORITHMS} order. Each
   * algorithm reads the file on its own thread (the second read onwards comes from the page cache),
   * so the six hashes of a DVD image use every core instead of one.
   */
  public static Map<String, String> of(Path file) throws IOException {
    int threads = Math.min(ALGORITHMS.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (String algorithm : ALGORITHMS) {
        results.add(pool.submit(() -> hash(file, algorithm)));
      }
      Map<String, String> hex = new LinkedHashMap<>();
      for (int i = 0; i < ALGORITHMS.size(); i++) {
        hex.put(ALGORITHMS.get(i), results.get(i).get());
      }
      return hex;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while hashing " + file);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static String hash(Path file, String algorithm) throws IOException {
    MessageDigest digest = digest(algorithm);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer.clear()) >= 0) {
        digest.update(buffer.flip());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Writes {@code <file>.DIGESTS} beside {@code file}, replacing any, and returns its path.
   *
   * @return the path of the written digests file
   */
  public static Path write(Path file) throws IOException {
    return write(file, of(file));
  }

  /** Writes {@code <file>.DIGESTS} from digests already computed with {@link #of}. */
  public static Path write(Path file, Map<String, String> digests) throws IOException {
    String name = file.getFileName().toString();
    StringBuilder text = new StringBuilder();
    for (String algorithm : ALGORITHMS) {
      text.append(digests.get(algorithm)).append(" *").append(name).append('\n');
    }
    Path out = file.resolveSibling(name + ".DIGESTS");
    Files.writeString(out, text, StandardCharsets.UTF_8);
    return out;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide these (MessageDigest javadoc).
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }
}
