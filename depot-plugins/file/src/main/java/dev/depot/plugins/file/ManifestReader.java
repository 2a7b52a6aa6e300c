package dev.depot.plugins.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a downloaded {@code PULP_MANIFEST} one line at a time, so a feed of a million files never
 * sits in memory. Blank lines are skipped; anything else that is not a valid entry stops the read
 * with the line's number.
 */
final class ManifestReader {
  private ManifestReader() {}

  /** A manifest line that is not {@code name,checksum,size}. */
  static final class MalformedManifest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedManifest(int line, String problem) {
      super("PULP_MANIFEST line " + line + ": " + problem);
    }
  }

  /** Calls {@code each} for every entry in order. */
  static void forEach(Path manifest, Consumer<ManifestEntry> each) throws IOException {
    int number = 0;
    try (BufferedReader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      for (String line; (line = reader.readLine()) != null; ) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        ManifestEntry entry;
        try {
          entry = ManifestEntry.parse(line);
        } catch (IllegalArgumentException e) {
          throw new MalformedManifest(number, e.getMessage());
        }
        each.accept(entry);
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new MalformedManifest(number + 1, "not UTF-8 text");
    }
  }
}
