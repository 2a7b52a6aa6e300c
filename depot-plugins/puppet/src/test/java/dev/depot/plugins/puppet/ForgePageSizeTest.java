package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Forge page is read whole into a JSON tree, which takes several times the page's size: a hostile
 * Forge's page of gigabytes of tiny objects would exhaust the heap. One over the bound is refused
 * before it is parsed, naming the page.
 */
class ForgePageSizeTest {
  private static final URI PAGE = URI.create("http://forge.test/v3/releases?limit=100");

  @TempDir Path dir;

  @Test
  void aPageOverTheBoundIsRefusedUnparsed() throws IOException {
    Path file = dir.resolve("page.json");
    byte[] tiny = "{},".getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(
          "{\"pagination\": {\"next\": null}, \"results\": [".getBytes(StandardCharsets.US_ASCII));
      for (long n = 0; n < ForgePageWalk.MAX_PAGE_BYTES / tiny.length + 1; n++) {
        out.write(tiny);
      }
      out.write("{}]}".getBytes(StandardCharsets.US_ASCII));
    }
    assertThatThrownBy(() -> ForgePageWalk.read(PAGE, file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(PAGE + " is ")
        .hasMessageContaining("refused");
  }

  @Test
  void anOrdinaryPageIsRead() throws IOException {
    Path file =
        Files.writeString(dir.resolve("page.json"), "{\"pagination\": {}, \"results\": [{}]}");
    assertThat(ForgePageWalk.read(PAGE, file).path("results").size()).isEqualTo(1);
  }
}
