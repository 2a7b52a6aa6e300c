package dev.depot.plugins.file;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What a published tree holds, one line per unit in unit-id order: {@code id, name, storage path,
 * checksum, size}, tab-separated, after a first line {@code #version<TAB><n>} naming the repository
 * version the tree shows. The next publish that takes the tree over asks the platform what changed
 * since that version and merges only that into the index; without a version (an index written
 * before versions) it reads the index beside the database's unit list (same order) instead.
 */
final class PublishIndex {
  private PublishIndex() {}

  /** One unit of a published tree. */
  record Entry(String unitId, String name, Path target, String checksum, long size) {
    String line() {
      return String.join("\t", unitId, name, target.toString(), checksum, Long.toString(size));
    }

    static Entry parse(String line) {
      String[] f = line.split("\t", -1);
      if (f.length != 5) {
        throw new IllegalStateException("corrupt publish index line: " + line);
      }
      return new Entry(f[0], f[1], Path.of(f[2]), f[3], Long.parseLong(f[4]));
    }
  }

  private static final String VERSION = "#version\t";

  /**
   * Reads an index in order, one line ahead, parsed when asked for ({@link #current()}). The
   * publish that applies changes reads it as bytes instead ({@link RawIndex}).
   */
  static final class Reader implements Closeable {
    private final BufferedReader in;
    private final OptionalLong version;
    private String line;
    private Entry parsed;

    Reader(Path file) throws IOException {
      in =
          new BufferedReader(
              new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
              1 << 16);
      String first = in.readLine();
      if (first != null && first.startsWith(VERSION)) {
        version = OptionalLong.of(Long.parseLong(first.substring(VERSION.length())));
        advance();
      } else {
        version = OptionalLong.empty();
        line = first;
      }
    }

    /** The repository version the tree shows, if the index says. */
    OptionalLong version() {
      return version;
    }

    /** The current entry, or null at the end. */
    Entry current() {
      if (parsed == null && line != null) {
        parsed = Entry.parse(line);
      }
      return parsed;
    }

    void advance() {
      try {
        line = in.readLine();
        parsed = null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Starts the bytes of an index of a tree showing this repository version (none if negative). */
  static java.io.OutputStream output(Path file, long version) throws IOException {
    java.io.OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    if (version >= 0) {
      out.write((VERSION + version + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Writes an index of a tree showing this repository version (none if negative). */
  static BufferedWriter writer(Path file, long version) throws IOException {
    BufferedWriter out =
        new BufferedWriter(
            new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
            1 << 16);
    if (version >= 0) {
      out.write(VERSION + version + "\n");
    }
    return out;
  }
}
