package dev.depot.publish.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreePathsTest {
  @TempDir Path dir;

  @Test
  void aNameTooLongForTheFileSystemIsRefusedBeforeItTouchesTheDisk() throws Exception {
    String longest = "é".repeat(TreePaths.MAX_SEGMENT_BYTES / 2) + "n";
    String tooLong = "n".repeat(5000);

    Path kept = TreePaths.resolveInside(dir, "sub/" + longest);
    Files.createDirectories(kept.getParent());
    // What the content store makes of the longest name taken: the file and its link beside it.
    Files.writeString(kept, "hi");
    Files.createSymbolicLink(kept.resolveSibling("." + longest + ".link"), kept);

    assertThat(Files.readString(kept)).isEqualTo("hi");
    assertThatThrownBy(() -> TreePaths.resolveInside(dir, "sub/" + tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 249 bytes")
        .hasMessageNotContaining(dir.toString());
    assertThatThrownBy(() -> TreePaths.resolveInside(dir, longest + "é"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
