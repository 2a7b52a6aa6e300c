package dev.depot.publish.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreePublisherTest {
  @TempDir Path dir;

  private Path publish(Path master, Path served, String content) throws Exception {
    Path unit = Files.writeString(dir.resolve("unit-" + content), content);
    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.link("sub/file.txt", unit);
      build.write("MANIFEST", out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
      return build.commit(List.of(served), List.of(), Duration.ofHours(1));
    }
  }

  @Test
  void aCommittedTreeIsServedThroughOneLinkAndReplacesTheLastOne() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("https/isos/repo");

    publish(master, served, "one");
    assertThat(served.resolve("sub/file.txt")).hasContent("one");
    publish(master, served, "two");

    assertThat(served.resolve("sub/file.txt")).hasContent("two");
    assertThat(served.resolve("MANIFEST")).hasContent("two");
    assertThat(Files.isSymbolicLink(served)).isTrue();
  }

  @Test
  void anAbandonedBuildLeavesThePreviousTreeServedAndNoTrace() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("http/isos/repo");
    Path first = publish(master, served, "one");

    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.write("MANIFEST", out -> out.write('x'));
      // no commit: a failure or cancel
    }

    assertThat(served.resolve("MANIFEST")).hasContent("one");
    try (Stream<Path> trees = Files.list(master)) {
      assertThat(trees).containsExactly(first);
    }
  }

  @Test
  void supersededTreesArePrunedAfterTheGracePeriodOnly() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("http/isos/repo");
    Path first = publish(master, served, "one");
    Thread.sleep(5);
    Path second = publish(master, served, "two");
    Thread.sleep(5);
    Path third = publish(master, served, "three");

    TreePublisher.prune(master, Duration.ofMinutes(5), Instant.now());
    assertThat(first).exists();

    TreePublisher.prune(master, Duration.ofMinutes(5), Instant.now().plus(Duration.ofMinutes(6)));
    assertThat(first).doesNotExist();
    assertThat(second).as("kept for the next publish to take over").exists();
    assertThat(third).exists();
    assertThat(dir.resolve("unit-one")).exists(); // only links were deleted, never their targets
  }

  @Test
  void aBuildTakesOverTheTreeBeforeTheServedOneWhenItHasAnIndex() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("http/isos/repo");
    Path unit = Files.writeString(dir.resolve("unit"), "u");
    for (String content : List.of("one", "two")) {
      try (TreePublisher.Build build = TreePublisher.begin(master)) {
        build.link("kept.txt", unit);
        build.link("only-" + content, unit);
        build.write("META", out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(build.indexFile(), content);
        build.commit(List.of(served), List.of(), Duration.ofHours(1));
      }
      Thread.sleep(5);
    }

    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      assertThat(build.previousIndex()).isPresent();
      assertThat(build.previousIndex().get()).hasContent("one");
      assertThat(build.dir().resolve("kept.txt")).exists();
      build.unlink("only-one", unit);
      build.relink("only-three", unit);
      Path oldMeta = build.setAside("META").orElseThrow();
      assertThat(build.setAside("no-such-file")).isEmpty();
      build.write("META", out -> out.write(Files.readAllBytes(oldMeta)));
      build.write("META", out -> out.write(("was " + Files.readString(oldMeta)).getBytes()));
      build.commit(List.of(served), List.of(), Duration.ofHours(1));
      assertThat(oldMeta).doesNotExist();
    }
    assertThat(served.resolve("META")).hasContent("was one");

    assertThat(served.resolve("only-three")).exists();
    assertThat(served.resolve("only-one")).doesNotExist();
    assertThat(served.resolve("kept.txt")).exists();
    try (Stream<Path> left = Files.list(master)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("two trees, the older one's index, the taken-over index gone")
          .hasSize(3);
    }
  }

  @Test
  void aTakenOverTreeIsNotWrittenThroughLinksPlantedInIt() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("http/isos/repo");
    Path older = null;
    for (String content : List.of("one", "two")) {
      Path unit = Files.writeString(dir.resolve("unit-" + content), content);
      try (TreePublisher.Build build = TreePublisher.begin(master)) {
        build.link("sub/file.txt", unit);
        build.write("MANIFEST", out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(build.indexFile(), content);
        Path tree = build.commit(List.of(served), List.of(), Duration.ofHours(1));
        older = older == null ? tree : older;
      }
      Thread.sleep(5);
    }
    // Between publishes, the tree no longer served gets a directory and a file swapped for links
    // to a place the publish must not touch.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path victim = Files.writeString(elsewhere.resolve("victim"), "untouched");
    Files.move(older.resolve("sub"), dir.resolve("moved-sub"));
    Files.createSymbolicLink(older.resolve("sub"), elsewhere);
    Files.createSymbolicLink(elsewhere.resolve("file.txt"), dir.resolve("unit-one"));
    Files.delete(older.resolve("MANIFEST"));
    Files.createSymbolicLink(older.resolve("MANIFEST"), victim);
    Path unit = Files.writeString(dir.resolve("unit-three"), "three");

    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      assertThat(build.previousIndex()).isPresent();
      assertThatThrownBy(() -> build.unlink("sub/file.txt", dir.resolve("unit-one")))
          .hasMessageContaining("sub/file.txt: sub in the tree is a symbolic link to a directory");
      assertThatThrownBy(() -> build.link("sub/new.txt", unit))
          .hasMessageContaining("sub/new.txt: sub in the tree is a symbolic link");
      assertThatThrownBy(() -> build.write("sub/meta", out -> out.write('x')))
          .hasMessageContaining("sub/meta: sub in the tree is a symbolic link");
      assertThatThrownBy(() -> build.write("MANIFEST", out -> out.write('x')))
          .hasMessageContaining("MANIFEST in the tree is a symbolic link");
    }

    assertThat(victim).hasContent("untouched");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("victim", "file.txt");
    }
    assertThat(served.resolve("MANIFEST")).hasContent("two");
  }

  @Test
  void aServedDirectorySwappedForALinkOutLeadsNoLinkElsewhere() throws Exception {
    Path master = dir.resolve("published/master/repo");
    Path served = dir.resolve("published/http/isos/el/x");
    publish(master, served, "one");
    // By hand: el, which holds the served link, becomes a link to someone else's directory, which
    // holds a link of the same name.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path theirs = Files.createSymbolicLink(elsewhere.resolve("x"), dir.resolve("unit-one"));
    Files.delete(served);
    Files.delete(served.getParent());
    Files.createSymbolicLink(served.getParent(), elsewhere);
    Thread.sleep(5);

    assertThatThrownBy(() -> publish(master, served, "two"))
        .isInstanceOf(OutsideRootException.class)
        .hasMessageContaining("isos/el");
    TreePublisher.unpublish(dir.resolve("published/http"), served);

    assertThat(Files.readSymbolicLink(theirs)).isEqualTo(dir.resolve("unit-one"));
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).containsExactly(theirs);
    }
  }

  @Test
  void aTreeStillServedAfterAFailedSwitchIsNotTakenOverByTheNextBuild() throws Exception {
    Path master = dir.resolve("master/repo");
    Path https = dir.resolve("https/isos/repo");
    Path http = Files.createDirectories(dir.resolve("http/isos/repo")); // made by hand
    Path unit = Files.writeString(dir.resolve("unit"), "u");
    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.link("file.txt", unit);
      Files.writeString(build.indexFile(), "one");
      build.commit(List.of(https), List.of(), Duration.ofHours(1));
    }
    Thread.sleep(5);
    // HTTP switched on: its switch fails, so HTTPS is never switched and still serves tree one.
    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.link("file.txt", unit);
      Files.writeString(build.indexFile(), "two");
      assertThatThrownBy(() -> build.commit(List.of(http, https), List.of(), Duration.ofHours(1)))
          .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }
    assertThat(https.resolve("file.txt")).hasContent("u");

    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      assertThat(build.previousIndex()).as("the served tree is not taken over").isEmpty();
      assertThat(https.resolve("file.txt")).as("still served while the build runs").exists();
      // no commit: a publish cancelled or failed
    }
    assertThat(https.resolve("file.txt")).hasContent("u");
  }

  @Test
  void aCommitDeletesTheBuildsOfPublishesKilledBeforeIt() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("http/exports/repo");
    publish(master, served, "one");
    // A publish killed with its process: its build (an export's images) and its index stay.
    TreePublisher.Build killed = TreePublisher.begin(master);
    killed.write("big.iso", out -> out.write(new byte[4096]));
    Files.writeString(killed.indexFile(), "killed");
    Thread.sleep(5);

    Path second = publish(master, served, "two");

    try (Stream<Path> left = Files.list(master)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("the killed build is gone at once, not a day later")
          .noneMatch(name -> name.startsWith(".building-"))
          .contains(second.getFileName().toString());
    }
    assertThat(served.resolve("MANIFEST")).hasContent("two");
  }

  @Test
  void indexPartsGoWithTheirTreeTakenOverAbandonedAndPruned() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("http/isos/repo");
    List<Path> trees = new java.util.ArrayList<>();
    for (String content : List.of("one", "two")) {
      try (TreePublisher.Build build = TreePublisher.begin(master)) {
        Files.writeString(build.indexFile(), content);
        Files.writeString(build.indexPart("primary.xml"), "part of " + content);
        trees.add(build.commit(List.of(served), List.of(), Duration.ofHours(1)));
      }
      Thread.sleep(5);
    }
    assertThat(master.resolve(trees.get(0).getFileName() + ".index-primary.xml"))
        .hasContent("part of one");

    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      assertThat(build.previousIndexPart("primary.xml").orElseThrow()).hasContent("part of one");
      assertThat(build.previousIndexPart("other.xml")).isEmpty();
      Files.writeString(build.indexPart("primary.xml"), "abandoned");
      // not committed: its parts and the taken-over ones are gone with it
    }
    try (Stream<Path> left = Files.list(master)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              trees.get(1).getFileName().toString(),
              trees.get(1).getFileName() + ".index",
              trees.get(1).getFileName() + ".index-primary.xml");
    }

    Thread.sleep(5);
    publish(master, served, "three");
    Thread.sleep(5);
    publish(master, served, "four");
    TreePublisher.prune(master, Duration.ofMinutes(5), Instant.now().plus(Duration.ofMinutes(6)));
    assertThat(master.resolve(trees.get(1).getFileName() + ".index-primary.xml"))
        .as("pruned with its tree")
        .doesNotExist();
    assertThatThrownBy(() -> TreePublisher.begin(master).indexPart("../escape"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBuildCutsATakenOverFileAndItsIndexKeepingTheHeadsInPlace() throws Exception {
    Path master = dir.resolve("master/repo");
    Path served = dir.resolve("http/isos/repo");
    for (String content : List.of("one", "two")) {
      try (TreePublisher.Build build = TreePublisher.begin(master)) {
        build.write("META", out -> out.write(("head\n" + content + "\n").getBytes()));
        Files.writeString(build.indexFile(), "ids\n" + content + "\n");
        build.commit(List.of(served), List.of(), Duration.ofHours(1));
      }
      Thread.sleep(5);
    }

    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      Path meta = build.dir().resolve("META");
      Object inode = Files.getAttribute(meta, "unix:ino");
      Path metaRest = build.splitOff("META", 5).orElseThrow();
      Path indexRest = build.splitOffPreviousIndex(4);
      assertThat(meta).hasContent("head");
      assertThat(metaRest).hasContent("one");
      assertThat(build.indexFile()).hasContent("ids");
      assertThat(indexRest).hasContent("one");
      Files.writeString(meta, "three\n", StandardOpenOption.APPEND);
      assertThat(Files.getAttribute(meta, "unix:ino")).isEqualTo(inode);
      assertThat(build.splitOff("no-such-file", 0)).isEmpty();
      assertThatThrownBy(() -> build.splitOff("META", 99))
          .isInstanceOf(IllegalArgumentException.class);
      Files.createLink(build.dir().resolve("SHARED"), meta);
      assertThat(build.splitOff("META", 0)).as("a file with another name is not cut").isEmpty();
      Files.delete(build.dir().resolve("SHARED"));
      build.commit(List.of(served), List.of(), Duration.ofHours(1));
      assertThat(metaRest).doesNotExist();
      assertThat(indexRest).doesNotExist();
    }
    assertThat(served.resolve("META")).hasContent("head\nthree");
  }

  @Test
  void unsafeRelativePathsAreRefused() throws Exception {
    try (TreePublisher.Build build = TreePublisher.begin(dir.resolve("master"))) {
      for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "a//b", "", "a/./b")) {
        assertThatThrownBy(() -> build.link(bad, dir)).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void unpublishRemovesTheLinkAndEmptyParents() throws Exception {
    Path served = dir.resolve("http/isos/deep/repo");
    publish(dir.resolve("master"), served, "one");

    TreePublisher.unpublish(dir.resolve("http"), served);

    assertThat(served).doesNotExist();
    assertThat(dir.resolve("http/isos/deep")).doesNotExist();
  }

  /**
   * Emptied parents go up to the protocol root, never further: an unpublish that emptied the root
   * once removed it and every empty directory above it, outside the published roots.
   */
  @Test
  void unpublishStopsAtTheProtocolRoot() throws Exception {
    Path root = dir.resolve("outer/published/http");
    Path served = root.resolve("isos/repo");
    publish(dir.resolve("master"), served, "one");

    TreePublisher.unpublish(root, served);

    assertThat(root.resolve("isos")).doesNotExist();
    assertThat(root).as("the protocol root and what holds it stay").isDirectory();
  }

  /** A protocol switched off at a publish: its emptied directories go, its root stays. */
  @Test
  void aPathNoLongerServedIsRemovedUpToItsProtocolRootOnly() throws Exception {
    Path root = dir.resolve("outer/published");
    Path master = root.resolve("master/iso/repo/web");
    Path http = root.resolve("http/isos/repo");
    Path https = root.resolve("https/isos/repo");
    publish(master, http, "one");
    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.commit(List.of(https), List.of(http), Duration.ofHours(1));
    }

    assertThat(root.resolve("http/isos")).doesNotExist();
    assertThat(root.resolve("http")).isDirectory();
    assertThat(https).isSymbolicLink();
  }

  private static Object inode(Path path) throws Exception {
    return Files.getAttribute(path, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  @Test
  void aUnitWithATemplateIsLinkedAsAHardLinkOfItWhichIsTheSameSymlink() throws Exception {
    Path unit =
        Files.writeString(Files.createDirectories(dir.resolve("store/u1")).resolve("a.iso"), "a");
    LinkTemplates.create(unit);

    Path tree;
    try (TreePublisher.Build build = TreePublisher.begin(dir.resolve("master"))) {
      build.link("a.iso", unit);
      tree = build.commit(List.of(dir.resolve("served")), List.of(), Duration.ofHours(1));
    }

    Path entry = tree.resolve("a.iso");
    assertThat(Files.isSymbolicLink(entry)).isTrue();
    assertThat(Files.readSymbolicLink(entry)).isEqualTo(unit);
    assertThat(inode(entry)).isEqualTo(inode(LinkTemplates.of(unit)));
    assertThat(dir.resolve("served/a.iso")).hasContent("a");
  }

  @Test
  void aUnitStoredBeforeTemplatesGetsOneAtItsFirstPublish() throws Exception {
    Path unit =
        Files.writeString(Files.createDirectories(dir.resolve("store/u2")).resolve("b.iso"), "b");

    Path entry;
    try (TreePublisher.Build build = TreePublisher.begin(dir.resolve("master"))) {
      build.link("deep/b.iso", unit);
      entry = build.dir().resolve("deep/b.iso");
      assertThat(Files.readSymbolicLink(entry)).isEqualTo(unit);
    }

    assertThat(Files.isSymbolicLink(LinkTemplates.of(unit))).isTrue();
    assertThat(Files.readSymbolicLink(LinkTemplates.of(unit))).isEqualTo(unit);
  }

  @Test
  void aUnitWhoseDirectoryIsGoneStillGetsItsSymlink() throws Exception {
    Path missing = dir.resolve("store/gone/c.iso");

    try (TreePublisher.Build build = TreePublisher.begin(dir.resolve("master"))) {
      build.link("c.iso", missing);
      build.link("again.iso", missing);

      assertThat(Files.readSymbolicLink(build.dir().resolve("c.iso"))).isEqualTo(missing);
      assertThat(Files.readSymbolicLink(build.dir().resolve("again.iso"))).isEqualTo(missing);
    }
    assertThat(dir.resolve("store/gone")).doesNotExist();
  }
}
