package dev.depot.publish.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedLinksTest {
  @TempDir Path dir;

  private Path stored(String name, String content) throws Exception {
    Path file = dir.resolve("store").resolve(name + "-" + content.hashCode());
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  /** Publishes one tree linking each name to its target; answers the served tree. */
  private Path publish(Path master, List<String> names, List<Path> targets) throws Exception {
    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      try (NamedLinks links = new NamedLinks(build)) {
        for (int i = 0; i < names.size(); i++) {
          links.link(names.get(i), targets.get(i));
        }
      }
      return build.commit(List.of(dir.resolve("served")), List.of(), Duration.ZERO);
    }
  }

  private static Object inode(Path link) throws Exception {
    return Files.readAttributes(link, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  @Test
  void aTakenOverTreeKeepsUnchangedLinksRelinksChangedOnesAndDropsTheRest() throws Exception {
    Path master = dir.resolve("master");
    Path a = stored("a", "1");
    Path b = stored("b", "1");
    Path c = stored("c", "1");
    publish(master, List.of("a", "b", "c"), List.of(a, b, c));
    publish(master, List.of("a", "b", "c"), List.of(a, b, c)); // the tree the next one takes over
    Path served = dir.resolve("served");
    Object aBefore = inode(served.resolve("a"));

    Path b2 = stored("b", "2");
    publish(master, List.of("a", "b"), List.of(a, b2));

    assertThat(served.resolve("a")).hasContent("1");
    assertThat(inode(served.resolve("a"))).as("unchanged link left alone").isEqualTo(aBefore);
    assertThat(served.resolve("b")).hasContent("2");
    assertThat(served.resolve("c")).doesNotExist();
  }
}
