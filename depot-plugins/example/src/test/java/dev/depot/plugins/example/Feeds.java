package dev.depot.plugins.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** Writes memo feeds on disk, as a user's {@code sha256sum * > SHA256SUMS} would. */
final class Feeds {
  private Feeds() {}

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Writes each memo and a SHA256SUMS listing them; {@code lie} names a memo listed wrongly. */
  static Path write(Path dir, Map<String, String> memos, String lie) throws Exception {
    Files.createDirectories(dir);
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, String> memo : memos.entrySet()) {
      Files.writeString(dir.resolve(memo.getKey()), memo.getValue());
      String sha = sha256(memo.getKey().equals(lie) ? "something else" : memo.getValue());
      sums.append(sha).append("  ").append(memo.getKey()).append('\n');
    }
    Files.writeString(dir.resolve("SHA256SUMS"), sums);
    return dir;
  }
}
