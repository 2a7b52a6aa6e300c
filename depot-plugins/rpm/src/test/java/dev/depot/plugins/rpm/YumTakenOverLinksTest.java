package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A yum publish that takes over an earlier tree does not write through links planted in it. */
class YumTakenOverLinksTest {
  private static final PluginCallConfiguration CONFIG =
      PluginCallConfiguration.of(Map.of("relative_url", "el/x", "http", true));

  @TempDir Path root;

  @Test
  void aRepodataDirectorySwappedForALinkOutIsNeitherWrittenNorEmptied() throws Exception {
    InMemoryContent content = InMemoryContent.under(root.resolve("store"), "r1");
    YumPublishing.addPackage(content, "a", "0", "1", "1", "noarch");
    publish(content);
    YumPublishing.addPackage(content, "b", "0", "1", "1", "noarch");
    publish(content);
    Path served = root.resolve("published/http/repos/el/x");
    Path older;
    try (Stream<Path> trees = Files.list(root.resolve("published/master/yum_distributor/r1/web"))) {
      Path current = served.toRealPath();
      older =
          trees.filter(t -> Files.isDirectory(t) && !t.equals(current)).findFirst().orElseThrow();
    }
    // By hand, between publishes: the repodata of the tree the next publish takes over is moved
    // into a directory of someone else's files, and a link to it left in its place.
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    Path theirs = Files.writeString(elsewhere.resolve("theirs.txt"), "keep me");
    Files.setLastModifiedTime(theirs, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    try (Stream<Path> files = Files.list(older.resolve("repodata"))) {
      for (Path file : files.toList()) {
        Files.move(file, elsewhere.resolve(file.getFileName()));
      }
    }
    Files.delete(older.resolve("repodata"));
    Files.createSymbolicLink(older.resolve("repodata"), elsewhere);
    long before;
    try (Stream<Path> files = Files.list(elsewhere)) {
      before = files.count();
    }
    YumPublishing.addPackage(content, "c", "0", "1", "1", "noarch");

    PublishReport report =
        YumPublishing.distributor(root.resolve("published"))
            .publishRepo(content.repository(), content.publishConduit("web"), CONFIG);

    assertThat(report.toString()).contains("repodata").contains("symbolic link");
    assertThat(theirs).hasContent("keep me");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files.count()).as("nothing written there").isEqualTo(before);
    }
    assertThat(served.resolve("Packages/b/b-1-1.noarch.rpm")).exists();
    assertThat(served.resolve("Packages/c/c-1-1.noarch.rpm")).doesNotExist();
  }

  private void publish(InMemoryContent content) throws InterruptedException {
    YumPublishing.publish(content, root.resolve("published"), "el/x");
    content.recordSuccess("web");
    Thread.sleep(1100); // the next tree is named after a later second
  }
}
