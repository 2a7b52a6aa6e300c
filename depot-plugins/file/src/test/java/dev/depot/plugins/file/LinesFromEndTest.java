package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines read back from a file's end come out whole, across blocks, and never before the limit. */
class LinesFromEndTest {
  @TempDir Path dir;

  @Test
  void readsEveryLineBackToTheFirstAcrossBlocksAndLinesLongerThanOne() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      // Every thousandth line is longer than the 64 KiB the reader holds at a time.
      String filler = i % 1000 == 7 ? "x".repeat(70_000) : "ü".repeat(i % 13);
      lines.add(String.format(Locale.ROOT, "u%07d\t%s", i, filler));
    }
    Path file = dir.resolve("lines");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    List<String> read = new ArrayList<>();
    try (LinesFromEnd back = new LinesFromEnd(file, 0)) {
      while (back.previous()) {
        read.add(0, back.line());
      }
      assertThat(back.start()).isZero();
    }
    assertThat(read).isEqualTo(lines);
  }

  @Test
  void stopsAtTheLastLineThatStartsAtOrAfterTheLimit() throws Exception {
    Path file = dir.resolve("lines");
    Files.writeString(file, "aaa\nbbb\nccc\n", StandardCharsets.US_ASCII);
    try (LinesFromEnd back = new LinesFromEnd(file, 5)) {
      assertThat(back.previous()).isTrue();
      assertThat(back.line()).isEqualTo("ccc");
      assertThat(back.start()).isEqualTo(8);
      assertThat(back.previous()).isFalse(); // "bbb" starts at 4, before the limit
      assertThat(back.start()).isEqualTo(8);
    }
    try (LinesFromEnd back = new LinesFromEnd(file, 4)) {
      assertThat(back.previous()).isTrue();
      assertThat(back.previous()).isTrue();
      assertThat(back.line()).isEqualTo("bbb");
      assertThat(back.previous()).isFalse();
    }
  }
}
