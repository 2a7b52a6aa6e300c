package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hostile feed's modules.yaml (a small gzip that inflates to gigabytes) is refused at a bound,
 * never held whole in memory: one endless line, or one endless document of short lines.
 */
class ModulesYamlLimitsTest {
  @Test
  void anEndlessLineIsRefused() {
    InputStream in =
        new SequenceInputStream(
            text("---\ndocument: modulemd\ndata:\n  name: "), repeat("x", 8L << 30));
    assertThatThrownBy(() -> ModulesYaml.forEach(in, doc -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line longer than");
  }

  @Test
  void anEndlessDocumentIsRefused() {
    InputStream in =
        new SequenceInputStream(
            text("---\ndocument: modulemd\ndata:\n  name: a\n"), repeat("  # padding\n", 8L << 30));
    assertThatThrownBy(() -> ModulesYaml.forEach(in, doc -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("document longer than");
  }

  @Test
  void ordinaryDocumentsStillRead() throws IOException {
    List<ModulesYaml.Document> docs = new ArrayList<>();
    ModulesYaml.forEach(
        text(
            "---\r\ndocument: modulemd\r\ndata:\r\n  name: a\r\n  stream: s\r\n...\r\n"
                + "---\ndocument: modulemd-defaults\ndata:\n  module: a\n..."),
        docs::add);
    assertThat(docs)
        .extracting(ModulesYaml.Document::kind)
        .containsExactly("modulemd", "modulemd-defaults");
    assertThat(docs.get(0).fields()).containsEntry("name", "a").containsEntry("stream", "s");
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code unit} again and again up to {@code total} bytes, made as it is read. */
  private static InputStream repeat(String unit, long total) {
    byte[] bytes = unit.getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      private long at;

      @Override
      public int read() {
        return at < total ? bytes[(int) (at++ % bytes.length)] : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at >= total) {
          return -1;
        }
        int n = (int) Math.min(len, total - at);
        for (int i = 0; i < n; i++) {
          b[off + i] = bytes[(int) (at++ % bytes.length)];
        }
        return n;
      }
    };
  }
}
