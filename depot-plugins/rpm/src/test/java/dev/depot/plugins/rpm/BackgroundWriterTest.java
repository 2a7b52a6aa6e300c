package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BackgroundWriterTest {
  @Test
  void writesEverythingInOrderAndClosesTheTarget() throws IOException {
    StringWriter text = new StringWriter();
    AtomicBoolean closed = new AtomicBoolean();
    StringBuilder expected = new StringBuilder();
    try (Writer out = new BackgroundWriter(closing(text, closed), "test-writer")) {
      for (int i = 0; i < 50_000; i++) { // many chunks: more than the queue holds
        String element = "<package n=\"" + i + "\"/>\n";
        out.write(element);
        expected.append(element);
      }
    }
    assertThat(text.toString()).isEqualTo(expected.toString());
    assertThat(closed).isTrue();
  }

  @Test
  @Timeout(10)
  void aFailureOfTheWritingThreadReachesTheWriterInsteadOfHangingIt() {
    Writer failing =
        new Writer() {
          @Override
          public void write(char[] cbuf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    assertThatThrownBy(
            () -> {
              try (Writer out = new BackgroundWriter(failing, "primary-writer")) {
                for (int i = 0; i < 200_000; i++) {
                  out.write("<package/>\n");
                }
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("primary-writer")
        .hasMessageContaining("No space left on device");
  }

  private static Writer closing(Writer target, AtomicBoolean closed) {
    return new FilterWriter(target) {
      @Override
      public void close() throws IOException {
        closed.set(true);
        super.close();
      }
    };
  }
}
