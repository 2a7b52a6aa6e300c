package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-level index reader agrees with the parsed one, also on non-ASCII names. */
class RawIndexTest {
  @TempDir Path dir;

  @Test
  void readsIdsLinesAndManifestLinesAsTheParsedReaderDoes() throws Exception {
    Path file = dir.resolve("tree.index");
    String first = "u0001\tdocs/ünïcode.iso\t/store/a\t" + "ab".repeat(32) + "\t12";
    String second = "u0002\tb.iso\t/store/b\t" + "cd".repeat(32) + "\t7";
    // The last line has no line break, as a crash could leave it.
    Files.writeString(file, "#version\t4\n" + first + "\n" + second, StandardCharsets.UTF_8);

    ByteArrayOutputStream index = new ByteArrayOutputStream();
    ByteArrayOutputStream manifest = new ByteArrayOutputStream();
    try (RawIndex raw = new RawIndex(file)) {
      assertThat(raw.compareId("u0001")).isZero();
      assertThat(raw.compareId("u0002")).isNegative();
      assertThat(raw.compareId("u000")).isPositive();
      assertThat(raw.entry().name()).isEqualTo("docs/ünïcode.iso");
      while (!raw.atEnd()) {
        raw.copyLine(index);
        raw.copyManifestLine(manifest);
        raw.advance();
      }
    }

    assertThat(index.toString(StandardCharsets.UTF_8)).isEqualTo(first + "\n" + second + "\n");
    assertThat(manifest.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            new ManifestEntry("docs/ünïcode.iso", "ab".repeat(32), 12).line()
                + "\n"
                + new ManifestEntry("b.iso", "cd".repeat(32), 7).line()
                + "\n");
    try (PublishIndex.Reader parsed = new PublishIndex.Reader(file)) {
      assertThat(parsed.version()).hasValue(4);
    }
  }
}
