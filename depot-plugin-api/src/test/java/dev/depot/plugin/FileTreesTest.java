package dev.depot.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path dir;

  @Test
  void deletesTheTreeButNeverFollowsALinkOutOfIt() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "not Depot's to delete");
    Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
    Files.writeString(tree.resolve("file.txt"), "scratch");
    Files.createSymbolicLink(tree.resolve("to-outside"), outside);
    Files.createSymbolicLink(dir.resolve("tree/keep-link"), outside.resolve("keep.txt"));

    FileTrees.delete(dir.resolve("tree"));

    assertThat(dir.resolve("tree")).doesNotExist();
    assertThat(outside.resolve("keep.txt")).hasContent("not Depot's to delete");
  }

  @Test
  void aRootThatIsALinkLosesOnlyTheLink() throws Exception {
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.writeString(target.resolve("keep.txt"), "kept");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);

    FileTrees.delete(link);

    assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(target.resolve("keep.txt")).hasContent("kept");
  }

  @Test
  void aMissingRootIsNotAnError() throws Exception {
    FileTrees.delete(dir.resolve("never-made"));

    assertThat(dir.resolve("never-made")).doesNotExist();
  }
}
