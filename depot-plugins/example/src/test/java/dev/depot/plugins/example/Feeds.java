package dev.depot.plugins.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** Writes note feeds on disk, as a user's {@code sha256sum * > SHA256SUMS} would. */
final class Feeds {
  private Feeds() {}

  static String sha256(String text) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  /** Writes each note and a SHA256SUMS listing them; {@code lie} names a note listed wrongly. */
  static Path write(Path dir, Map<String, String> notes, String lie) throws Exception {
    Files.createDirectories(dir);
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, String> note : notes.entrySet()) {
      Files.writeString(dir.resolve(note.getKey()), note.getValue());
      String sha = sha256(note.getKey().equals(lie) ? "something else" : note.getValue());
      sums.append(sha).append("  ").append(note.getKey()).append('\n');
    }
    Files.writeString(dir.resolve("SHA256SUMS"), sums);
    return dir;
  }
}
