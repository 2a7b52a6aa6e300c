package dev.depot.plugins.file;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a published tree holds, one line per unit in unit-id order: {@code id, name, storage path,
 * checksum, size}, tab-separated. The next publish reads it beside the database's unit list (same
 * order) to change only what differs.
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

  /** Reads an index in order, one entry ahead. */
  static final class Reader implements Closeable {
    private final BufferedReader in;
    private Entry current;

    Reader(Path file) throws IOException {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      advance();
    }

    Entry current() {
      return current;
    }

    void advance() {
      try {
        String line = in.readLine();
        current = line == null ? null : Entry.parse(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Writes an index. */
  static BufferedWriter writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }
}
