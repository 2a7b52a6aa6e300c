package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed's {@code .treeinfo} is read whole: one of gigabytes (a hostile feed's) must be refused by
 * its size, not read into memory until the worker runs out of it.
 */
class TreeInfoSizeTest {
  @TempDir Path dir;

  @Test
  void aHugeTreeinfoIsRefusedUnread() throws IOException {
    Path file = dir.resolve(".treeinfo");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(3L << 30); // 3 GiB, sparse: more than a Java string holds
    }
    assertThatThrownBy(() -> TreeInfo.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(".treeinfo is 3221225472 bytes")
        .hasMessageNotContaining(dir.toString());
  }

  @Test
  void anOrdinaryTreeinfoIsRead() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve(".treeinfo"),
            "[general]\nfamily = F\nversion = 9\narch = x86_64\n[images-x86_64]\nkernel = images/vmlinuz\n",
            StandardCharsets.UTF_8);
    assertThat(TreeInfo.read(file).files()).containsExactly("images/vmlinuz");
  }
}
