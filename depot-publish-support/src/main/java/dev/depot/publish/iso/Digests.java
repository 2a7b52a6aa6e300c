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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checksums published beside each exported image, as Pulp's export distributor writes them: a
 * {@code <name>.DIGESTS} file with one {@code <hex> *<name>} line per algorithm, the format {@code
 * md5sum -c} and friends read. All six digests come from one read of the file.
 */
public final class Digests {
  /** The algorithms, in the order their lines appear. */
  public static final List<String> ALGORITHMS =
      List.of("MD5", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512");

  private Digests() {}

  /** Hex digests of {@code file} keyed by algorithm name, in {@link #ALGORITHMS} order. */
  public static Map<String, String> of(Path file) throws IOException {
    List<MessageDigest> digests = ALGORITHMS.stream().map(Digests::digest).toList();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer.clear()) >= 0) {
        for (MessageDigest digest : digests) {
          digest.update(buffer.flip());
        }
      }
    }
    Map<String, String> hex = new LinkedHashMap<>();
    for (MessageDigest digest : digests) {
      hex.put(digest.getAlgorithm(), HexFormat.of().formatHex(digest.digest()));
    }
    return hex;
  }

  /**
   * Writes {@code <file>.DIGESTS} beside {@code file}, replacing any, and returns its path.
   *
   * @return the path of the written digests file
   */
  public static Path write(Path file) throws IOException {
    String name = file.getFileName().toString();
    StringBuilder text = new StringBuilder();
    for (String hex : of(file).values()) {
      text.append(hex).append(" *").append(name).append('\n');
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
