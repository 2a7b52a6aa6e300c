package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code repo upload} says of the paths it is given, before asking any server. */
class UploadArgumentsTest {
  @TempDir Path dir;

  @Test
  void aDirectoryIsNamedAsOneWithAHintToGiveItsFiles() {
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {
              "--url",
              "http://127.0.0.1:1",
              "repo",
              "upload",
              "zoo",
              dir.toString(),
              "--type",
              "iso"
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of());

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains(dir + " is a directory; give its files");
  }
}
