package dev.depot.plugins.file;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a published tree holds: after a first line {@code #ids<TAB>N<TAB>U<TAB>B} naming the
 * repository version N the tree shows, the id of each unit it links, one per line in unit id order,
 * line for line beside the tree's {@code PULP_MANIFEST}. The next publish that takes the tree over
 * asks the platform what changed since that version and merges only that into both files; the links
 * of units that left are found from the units themselves (a unit's name and storage path never
 * change). U and B, written once both files are complete, are the index's unit lines and the
 * manifest's size: they let a publish keep the head of both files in place without reading it
 * ({@link KeptHead}), and -1 says the files were never completed. An index whose first line names
 * no version (written by an earlier Depot) makes its tree rebuilt.
 */
final class PublishIndex {
  private PublishIndex() {}

  private static final String HEADER = "#ids\t";

  /**
   * The first line's length, line break included: its numbers are written with a fixed number of
   * digits, so a publish rewrites the line where it is.
   */
  static final int HEADER_BYTES = HEADER.length() + 3 * 19 + 3;

  private static byte[] header(long version, long units, long manifestBytes) {
    return String.format(
            Locale.ROOT, "%s%019d\t%019d\t%019d\n", HEADER, version, units, manifestBytes)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * What a complete index says about its files.
   *
   * @param units the index's unit lines, as many as the manifest's
   * @param manifestBytes the manifest's size when the two were completed
   */
  record Completed(long units, long manifestBytes) {}

  /** What the index's first line says about its complete files; empty for an incomplete one. */
  static Optional<Completed> completed(Path file) throws IOException {
    String first = firstLine(file);
    String[] fields = first.split("\t", -1);
    if (first.length() != HEADER_BYTES - 1
        || fields.length != 4
        || !(fields[0] + "\t").equals(HEADER)) {
      return Optional.empty();
    }
    try {
      long units = Long.parseLong(fields[2]);
      long bytes = Long.parseLong(fields[3]);
      return units < 0 || bytes < 0 ? Optional.empty() : Optional.of(new Completed(units, bytes));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Rewrites the index's first line, where it is: the version its tree shows, and the unit lines
   * and manifest size of complete files (-1 for both while they are being written).
   */
  static void rewriteHeader(Path file, long version, long units, long manifestBytes)
      throws IOException {
    try (FileChannel index = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(header(version, units, manifestBytes));
      while (bytes.hasRemaining()) {
        index.write(bytes, bytes.position());
      }
    }
  }

  /** The repository version the index's tree shows; empty when it does not say. */
  static OptionalLong version(Path file) throws IOException {
    String first = firstLine(file);
    if (!first.startsWith(HEADER)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(first.substring(HEADER.length()).split("\t", 2)[0]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String firstLine(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      return first == null ? "" : first;
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

  /**
   * Starts an index of a tree showing this repository version; unit ids follow, one a line, and
   * {@link #rewriteHeader} once both files are complete.
   */
  static OutputStream output(Path file, long version) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    out.write(header(version, -1, -1));
    return out;
  }

  /** Writes one unit's line. */
  static void write(OutputStream index, String unitId) throws IOException {
    index.write(unitId.getBytes(StandardCharsets.US_ASCII));
    index.write('\n');
  }
}
