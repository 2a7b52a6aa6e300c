package dev.depot.plugins.file;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What a published tree holds: after a first line {@code #ids<TAB><n>} naming the repository
 * version the tree shows, the id of each unit it links, one per line in unit id order, line for
 * line beside the tree's {@code PULP_MANIFEST}. The next publish that takes the tree over asks the
 * platform what changed since that version and merges only that into both files; the links of units
 * that left are found from the units themselves (a unit's name and storage path never change). An
 * index without that first line (written by an earlier Depot) names no version, and its tree is
 * rebuilt.
 */
final class PublishIndex {
  private PublishIndex() {}

  private static final String HEADER = "#ids\t";

  /** The repository version the index's tree shows; empty when it does not say. */
  static OptionalLong version(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || !first.startsWith(HEADER)) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(Long.parseLong(first.substring(HEADER.length())));
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    }
  }

  /** The index's unit ids, past its first line: what a merge of changes reads. */
  static LineCursor unitLines(Path file) throws IOException {
    LineCursor lines = new LineCursor(file);
    try {
      lines.skip();
      return lines;
    } catch (IOException e) {
      lines.close();
      throw e;
    }
  }

  /** Starts an index of a tree showing this repository version; unit ids follow, one a line. */
  static OutputStream output(Path file, long version) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    out.write((HEADER + version + "\n").getBytes(StandardCharsets.UTF_8));
    return out;
  }

  /** Writes one unit's line. */
  static void write(OutputStream index, String unitId) throws IOException {
    index.write(unitId.getBytes(StandardCharsets.US_ASCII));
    index.write('\n');
  }
}
