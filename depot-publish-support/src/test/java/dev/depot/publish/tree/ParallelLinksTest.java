package dev.depot.publish.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Link changes on several threads end as the same changes made one by one would: changes to one
 * path keep their order, and directories emptied by one thread while another links into them
 * neither fail nor lose a link.
 */
class ParallelLinksTest {
  @TempDir Path dir;

  @Test
  void changesToOnePathKeepTheirOrderAndDirectoriesSurviveConcurrentEmptying() throws Exception {
    Path oldUnit = Files.writeString(dir.resolve("old"), "old");
    Path newUnit = Files.writeString(dir.resolve("new"), "new");
    int dirs = 3000;
    try (TreePublisher.Build build = TreePublisher.begin(dir.resolve("master"))) {
      for (int i = 0; i < dirs; i++) {
        build.link(path(i, "gone-1"), oldUnit);
        build.link(path(i, "gone-2"), oldUnit);
        build.link(path(i, "replaced"), oldUnit);
      }
      try (ParallelLinks links = new ParallelLinks(build, 4)) {
        for (int i = 0; i < dirs; i++) {
          // Each directory empties, on two threads at once, while a third links into it.
          links.unlink(path(i, "gone-1"), oldUnit);
          links.unlink(path(i, "gone-2"), oldUnit);
          links.unlink(path(i, "replaced"), oldUnit);
          links.link(path(i, "added"), newUnit);
          links.relink(path(i, "replaced"), newUnit);
        }
        links.await();
      }

      for (int i = 0; i < dirs; i++) {
        assertThat(build.dir().resolve(path(i, "gone-1"))).doesNotExist();
        assertThat(build.dir().resolve(path(i, "added"))).hasContent("new");
        assertThat(build.dir().resolve(path(i, "replaced"))).hasContent("new");
      }
      try (Stream<Path> all = Files.walk(build.dir())) {
        assertThat(all.filter(Files::isSymbolicLink).count()).isEqualTo(2L * dirs);
      }
    }
  }

  @Test
  void aFailedChangeIsRethrownAndStopsTheRest() throws Exception {
    Path unit = Files.writeString(dir.resolve("unit"), "u");
    try (TreePublisher.Build build = TreePublisher.begin(dir.resolve("master"))) {
      build.link("taken", unit);
      try (ParallelLinks links = new ParallelLinks(build, 2)) {
        links.link("taken", unit);
        assertThatThrownBy(links::await)
            .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
      }
    }
  }

  @Test
  void aChangeThatThrowsMidBatchFailsTheAwaitInsteadOfHangingIt() throws Exception {
    Path unit = Files.writeString(dir.resolve("unit"), "u");
    try (TreePublisher.Build build = TreePublisher.begin(dir.resolve("master"));
        ParallelLinks links = new ParallelLinks(build, 1)) {
      links.link("before", unit);
      links.link("../escapes", unit); // refused with an IllegalArgumentException in the lane
      for (int i = 0; i < 10; i++) {
        links.link("after-" + i, unit); // one lane, one batch (handed over by await)
      }
      assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(30),
          () ->
              assertThatThrownBy(links::await)
                  .isInstanceOf(java.io.IOException.class)
                  .hasMessageContaining("escapes"));
      assertThat(build.dir().resolve("before")).isSymbolicLink();
      assertThat(build.dir().resolve("after-0")).as("the rest of the batch stops").doesNotExist();
    }
  }

  private static String path(int dir, String name) {
    return String.format(Locale.ROOT, "d%04d/%s", dir, name);
  }
}
