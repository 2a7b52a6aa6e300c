package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head a publish keeps in place ends exactly before the first change, in both files. */
class KeptHeadTest {
  @TempDir Path dir;

  private static String id(int i) {
    return String.format(Locale.ROOT, "u%07d", i);
  }

  /**
   * A complete index and manifest of {@code units} units; manifest lines of varying, non-ASCII
   * text.
   */
  private void write(int units) throws Exception {
    try (OutputStream index = PublishIndex.output(dir.resolve("index"), 3)) {
      for (int i = 0; i < units; i++) {
        PublishIndex.write(index, id(i));
      }
    }
    StringBuilder manifest = new StringBuilder();
    for (int i = 0; i < units; i++) {
      manifest.append("fïle-").append(i).append(".iso,").append("é".repeat(i % 11)).append('\n');
    }
    Files.writeString(dir.resolve("manifest"), manifest, StandardCharsets.UTF_8);
    PublishIndex.rewriteHeader(dir.resolve("index"), 3, units, Files.size(dir.resolve("manifest")));
  }

  private Optional<KeptHead> find(String firstChange) throws Exception {
    return KeptHead.find(dir.resolve("index"), dir.resolve("manifest"), firstChange);
  }

  @Test
  void aChangeNearTheEndKeepsEveryLineBeforeIt() throws Exception {
    write(50_000);

    KeptHead head = find(id(49_000)).orElseThrow();

    assertThat(head.lines()).isEqualTo(49_000);
    String manifest = Files.readString(dir.resolve("manifest"), StandardCharsets.UTF_8);
    int bytes =
        manifest
            .substring(0, manifest.indexOf("fïle-49000.iso"))
            .getBytes(StandardCharsets.UTF_8)
            .length;
    assertThat(head.manifestBytes()).isEqualTo(bytes);
    assertThat(head.indexBytes()).isEqualTo(PublishIndex.HEADER_BYTES + 49_000L * 9);
  }

  @Test
  void noChangeKeepsTheWholeFiles() throws Exception {
    write(1_000);

    KeptHead head = find(null).orElseThrow();

    assertThat(head.lines()).isEqualTo(1_000);
    assertThat(head.manifestBytes()).isEqualTo(Files.size(dir.resolve("manifest")));
  }

  @Test
  void aChangeInTheFirstHalfOrFilesNotAsTheIndexSaysKeepNothing() throws Exception {
    write(1_000);
    assertThat(find(id(400))).isEmpty();

    Files.writeString(
        dir.resolve("manifest"),
        "one.iso,x\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(find(id(990))).isEmpty();
  }

  @Test
  void filesNeverCompletedKeepNothing() throws Exception {
    write(1_000);
    PublishIndex.rewriteHeader(dir.resolve("index"), 3, -1, -1);

    assertThat(find(id(990))).isEmpty();
  }
}
