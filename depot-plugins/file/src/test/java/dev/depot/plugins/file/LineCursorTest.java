package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of lines copied as bytes come out exactly as they went in, across buffer refills. */
class LineCursorTest {
  @TempDir Path dir;

  /** Lines keyed u0000000.. with non-ASCII text, enough to span several 1 MiB buffers. */
  private List<String> lines(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(
          String.format(Locale.ROOT, "u%07d\tdocs/ünïcode-%d.iso\t%s", i, i, "é".repeat(i % 9)));
    }
    return lines;
  }

  private Path write(List<String> lines) throws Exception {
    Path file = dir.resolve("lines");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void copiesRunsBeforeEachKeyAndSkipsTheLinesBetween() throws Exception {
    List<String> lines = lines(60_000); // about 2.4 MB
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> expected = new ArrayList<>();
    try (LineCursor cursor = new LineCursor(write(lines))) {
      long copied = cursor.copyBefore("u0025000", out);
      assertThat(copied).isEqualTo(25_000);
      expected.addAll(lines.subList(0, 25_000));
      assertThat(cursor.compareKey("u0025000")).isZero();
      cursor.skip();
      // A key between two lines' keys stops at the later line.
      assertThat(cursor.copyBefore("u0040000x", out)).isEqualTo(15_000);
      expected.addAll(lines.subList(25_001, 40_001));
      cursor.copyLines(3, out);
      expected.addAll(lines.subList(40_001, 40_004));
      assertThat(cursor.copyBefore(null, out)).isEqualTo(60_000 - 40_004);
      expected.addAll(lines.subList(40_004, 60_000));
      assertThat(cursor.atEnd()).isTrue();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", expected) + "\n");
  }

  @Test
  void comparesKeysAsStringsDo() throws Exception {
    try (LineCursor cursor = new LineCursor(write(List.of("u0002\tname")))) {
      for (String key : List.of("u0002", "u0001", "u0003", "u000", "u00020", "", "v")) {
        assertThat(Integer.signum(cursor.compareKey(key)))
            .as(key)
            .isEqualTo(Integer.signum("u0002".compareTo(key)));
      }
    }
  }

  @Test
  void readsALineLongerThanItsBuffer() throws Exception {
    String longLine = "u0001\t" + "x".repeat(3 << 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LineCursor cursor = new LineCursor(write(List.of(longLine, "u0002\tb")))) {
      assertThat(cursor.copyBefore("u0002", out)).isEqualTo(1);
      assertThat(cursor.compareKey("u0002")).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(longLine + "\n");
  }

  @Test
  void refusesAFileCutShortAndLinesThatAreNotThere() throws Exception {
    Path cut = dir.resolve("cut");
    Files.writeString(cut, "u0001\ta\nu0002\tb", StandardCharsets.UTF_8);
    try (LineCursor cursor = new LineCursor(cut)) {
      assertThatThrownBy(() -> cursor.copyBefore(null, new ByteArrayOutputStream()))
          .isInstanceOf(LineCursor.NoLine.class)
          .hasMessageContaining("cut short");
    }
    try (LineCursor cursor = new LineCursor(write(List.of("u0001\ta")))) {
      assertThatThrownBy(() -> cursor.copyLines(2, new ByteArrayOutputStream()))
          .isInstanceOf(LineCursor.NoLine.class)
          .hasMessageContaining("no line left");
    }
  }
}
