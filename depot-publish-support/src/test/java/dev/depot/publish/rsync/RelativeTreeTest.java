package dev.depot.publish.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy of a published tree an rsync push sends holds the tree's files, nothing else. */
class RelativeTreeTest {
  @TempDir Path dir;

  @Test
  void aLinkPlantedInThePublishedTreeToAnotherFileIsNotShipped() throws Exception {
    Path units = Files.createDirectories(dir.resolve("content/units"));
    Path unit =
        Files.writeString(
            Files.createDirectories(units.resolve("iso/ab/abc")).resolve("a.iso"), "a");
    Path tree = Files.createDirectories(dir.resolve("published/master/t1"));
    Files.createSymbolicLink(tree.resolve("a.iso"), unit);
    Files.writeString(tree.resolve("PULP_MANIFEST"), "a.iso,x,1\n");
    Files.createSymbolicLink(tree.resolve("same.txt"), tree.resolve("PULP_MANIFEST"));
    Path out = dir.resolve("stage");

    RelativeTree.Made made = RelativeTree.sync(tree, units, "isos/zoo", "content/units", out);

    assertThat(made.links()).isEqualTo(1);
    assertThat(out.resolve("same.txt")).hasContent("a.iso,x,1");
    // By hand, between pushes: a link to a file of the server's own that no tree holds.
    Path key = Files.writeString(dir.resolve("server.key"), "PRIVATE KEY");
    Files.createSymbolicLink(tree.resolve("key.txt"), key);

    assertThatThrownBy(() -> RelativeTree.sync(tree, units, "isos/zoo", "content/units", out))
        .hasMessageContaining("key.txt")
        .hasMessageContaining("not pushed");
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile))
          .noneMatch(f -> f.getFileName().toString().equals("key.txt"));
    }
  }
}
