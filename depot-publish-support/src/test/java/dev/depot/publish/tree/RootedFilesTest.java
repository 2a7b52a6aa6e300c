package dev.depot.publish.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths from outside stay inside their root, whatever links were planted along the way. */
class RootedFilesTest {
  @TempDir Path dir;

  @Test
  void aLinkBetweenFilesOfTheRootIsFollowedAndOneOutOfItIsRefused() throws Exception {
    Path root = Files.createDirectories(dir.resolve("feed"));
    Files.writeString(root.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("secret"), "s");
    Files.createSymbolicLink(root.resolve("alias.txt"), Path.of("a.txt"));
    Files.createSymbolicLink(root.resolve("stolen"), dir.resolve("secret"));
    Files.createSymbolicLink(root.resolve("up"), dir);

    try (InputStream in = RootedFiles.open(root, "alias.txt")) {
      assertThat(in.readAllBytes()).containsExactly('a');
    }
    assertThatThrownBy(() -> RootedFiles.open(root, "stolen"))
        .isInstanceOf(OutsideRootException.class)
        .hasMessageContaining("stolen")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> RootedFiles.open(root, "up/secret"))
        .isInstanceOf(OutsideRootException.class);
    assertThatThrownBy(() -> RootedFiles.open(root, "../secret"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RootedFiles.open(root, "missing"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aRootThatIsItselfALinkIsJudgedByWhereItLeads() throws Exception {
    Path real = Files.createDirectories(dir.resolve("media"));
    Files.writeString(real.resolve("a.txt"), "a");
    Path root = Files.createSymbolicLink(dir.resolve("mnt"), real);

    assertThat(RootedFiles.realPathInside(root, "a.txt"))
        .isEqualTo(real.toRealPath().resolve("a.txt"));
  }

  @Test
  void aDirectoryToWriteIntoMustNotLeadOut() throws Exception {
    Path root = Files.createDirectories(dir.resolve("export"));
    Files.createDirectories(root.resolve("inside"));
    Files.createSymbolicLink(
        root.resolve("sub"), Files.createDirectories(dir.resolve("elsewhere")));

    assertThat(RootedFiles.requireInside(root, root.resolve("inside")))
        .startsWith(root.toRealPath());
    assertThatThrownBy(() -> RootedFiles.requireInside(root, root.resolve("sub")))
        .isInstanceOf(OutsideRootException.class);
  }
}
