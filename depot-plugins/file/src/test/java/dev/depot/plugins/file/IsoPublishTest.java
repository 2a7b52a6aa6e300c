package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.InMemoryPublishConduit;
import dev.depot.plugin.testkit.UnitSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iso distributor's publish on a real file system, with the platform played by the testkit's
 * in-memory content and publish conduit.
 */
class IsoPublishTest {
  @TempDir Path dir;

  private InMemoryContent content;

  @BeforeEach
  void emptyRepository() {
    content = InMemoryContent.under(dir, "zoo");
  }

  /** Stores an iso unit and adds it to the repository, as a sync would. */
  private Unit unit(String name, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return content.add(
        new UnitSpec(
            "iso",
            Map.of("name", name, "checksum", sha, "size", (long) bytes.length),
            Map.of(),
            Path.of(name).getFileName().toString()),
        bytes);
  }

  /** The repository's units as they are now, with a conduit for the "web" distributor. */
  private InMemoryPublishConduit conduit() {
    return content.publishConduit("web");
  }

  /** A conduit that runs {@code action} as the publish reads its second unit. */
  private InMemoryPublishConduit conduitCalling(Runnable action) {
    int[] seen = {0};
    InMemoryPublishConduit conduit = conduit();
    conduit.watch(
        event -> {
          if (event instanceof Unit && seen[0]++ == 1) {
            action.run();
          }
        });
    return conduit;
  }

  /**
   * Publishes the repository as it is now, then lets the clock move on: the next publish's tree is
   * named after a later millisecond, so it is the newer one.
   */
  private void publishThenTick() throws Exception {
    distributor().publishRepo(content.taskRepository(), conduit(), HTTP);
    Thread.sleep(5);
  }

  private IsoDistributor distributor() {
    IsoDistributor distributor = new IsoDistributor();
    distributor.init(Platform.publishingUnder(dir.resolve("published")));
    return distributor;
  }

  private static final PluginCallConfiguration HTTP =
      PluginCallConfiguration.of(Map.of("serve_http", true, "serve_https", false));

  @Test
  void aCancelledPublishLeavesThePreviousTreeServedAndNoBuildBehind() throws Exception {
    Unit a = unit("a.iso", "aaa");
    PublishReport first = distributor().publishRepo(content.taskRepository(), conduit(), HTTP);
    assertThat(first).isInstanceOf(PublishReport.Published.class);
    Path served = dir.resolve("published/http/isos/zoo");
    assertThat(served.resolve("PULP_MANIFEST")).hasContent(ManifestEntry.of(a).line() + "\n");

    IsoDistributor cancelled = distributor();
    unit("b.iso", "bbb");
    unit("c.iso", "ccc");
    PublishReport second =
        cancelled.publishRepo(
            content.taskRepository(), conduitCalling(cancelled::cancelPublishRepo), HTTP);

    assertThat(second).isInstanceOf(PublishReport.Canceled.class);
    assertThat(served.resolve("PULP_MANIFEST")).hasContent(ManifestEntry.of(a).line() + "\n");
    assertThat(served.resolve("b.iso")).doesNotExist();
    try (Stream<Path> trees = Files.walk(dir.resolve("published/master"))) {
      assertThat(trees.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".building"));
    }
  }

  @Test
  void aPublishAfterARelativeUrlChangeStopsServingTheOldPlace() throws Exception {
    unit("a.iso", "aaa");
    distributor()
        .publishRepo(
            content.taskRepository(),
            conduit(),
            PluginCallConfiguration.of(Map.of("serve_http", true, "relative_url", "old/zoo")));
    assertThat(dir.resolve("published/http/isos/old/zoo/a.iso")).hasContent("aaa");
    Thread.sleep(5);

    distributor()
        .publishRepo(
            content.taskRepository(),
            conduit(),
            PluginCallConfiguration.of(Map.of("serve_http", true, "relative_url", "new/zoo")));

    assertThat(dir.resolve("published/http/isos/new/zoo/a.iso")).hasContent("aaa");
    assertThat(dir.resolve("published/http/isos/old/zoo")).doesNotExist();
    assertThat(dir.resolve("published/https/isos/old/zoo")).doesNotExist();
    assertThat(dir.resolve("published/https/isos/new/zoo/a.iso")).hasContent("aaa");
  }

  @Test
  void publishingTwiceGivesTheSameTreeAndSwitchingHttpOffUnpublishesIt() throws Exception {
    unit("a.iso", "aaa");
    unit("sub/b.iso", "bbb");
    distributor().publishRepo(content.taskRepository(), conduit(), HTTP);
    Path served = dir.resolve("published/http/isos/zoo");
    String manifest = Files.readString(served.resolve("PULP_MANIFEST"));
    distributor().publishRepo(content.taskRepository(), conduit(), HTTP);
    assertThat(served.resolve("PULP_MANIFEST")).hasContent(manifest);
    assertThat(served.resolve("sub/b.iso")).hasContent("bbb");

    distributor()
        .publishRepo(
            content.taskRepository(),
            conduit(),
            PluginCallConfiguration.of(Map.of("serve_http", false)));

    assertThat(served).doesNotExist();
    assertThat(dir.resolve("published/https/isos/zoo/a.iso")).hasContent("aaa");
  }

  @Test
  void aLaterPublishTakesOverThePreviousTreeAndChangesOnlyWhatDiffers() throws Exception {
    Unit a = unit("a.iso", "aaa");
    Unit b = unit("b.iso", "bbb");
    publishThenTick();
    Unit c = unit("c.iso", "ccc");
    publishThenTick();
    content.remove(b);
    Unit d = unit("d/d.iso", "ddd");

    PublishReport third = distributor().publishRepo(content.taskRepository(), conduit(), HTTP);

    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) third.summary();
    assertThat(summary)
        .containsEntry("mode", "changes")
        .containsEntry("from_version", 0L)
        .containsEntry("links_added", 2L) // c and d, against the first tree [a, b]
        .containsEntry("links_removed", 1L)
        .containsEntry("links_unchanged", 1L);
    Path served = dir.resolve("published/http/isos/zoo");
    try (Stream<Path> files = Files.walk(served.toRealPath())) {
      assertThat(files.filter(Files::isSymbolicLink).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.iso", "c.iso", "d.iso");
    }
    assertThat(served.resolve("d/d.iso")).hasContent("ddd");
    assertThat(served.resolve("PULP_MANIFEST"))
        .hasContent(
            String.join(
                "\n",
                ManifestEntry.of(a).line(),
                ManifestEntry.of(c).line(),
                ManifestEntry.of(d).line()));

    PublishReport forced =
        distributor()
            .publishRepo(
                content.taskRepository(),
                conduit(),
                PluginCallConfiguration.of(Map.of("serve_http", true, "force_full", true)));
    @SuppressWarnings("unchecked")
    Map<String, Object> full = (Map<String, Object>) forced.summary();
    assertThat(full).containsEntry("mode", "full").containsEntry("links_added", 3L);
  }

  @Test
  void aChangePublishReplacesAFileOfTheSameNameAndEmptiesAndRefillsDirectories() throws Exception {
    Unit old = unit("x.iso", "old bytes");
    Unit alone = unit("d/only.iso", "alone");
    publishThenTick();
    Unit y = unit("y.iso", "yyy");
    publishThenTick();
    content.remove(old);
    content.remove(alone);
    Unit fresh = unit("x.iso", "new bytes");
    Unit other = unit("d/other.iso", "other");

    PublishReport third = distributor().publishRepo(content.taskRepository(), conduit(), HTTP);

    assertThat(summary(third)).containsEntry("mode", "changes");
    Path served = dir.resolve("published/http/isos/zoo");
    assertThat(served.resolve("x.iso")).hasContent("new bytes");
    assertThat(served.resolve("d/only.iso")).doesNotExist();
    assertThat(served.resolve("d/other.iso")).hasContent("other");
    assertThat(served.resolve("y.iso")).hasContent("yyy");
    assertThat(Files.readAllLines(served.resolve("PULP_MANIFEST")))
        .containsExactlyInAnyOrder(
            ManifestEntry.of(fresh).line(),
            ManifestEntry.of(other).line(),
            ManifestEntry.of(y).line());
  }

  @Test
  void aTakenOverTreeWhoseManifestDoesNotMatchItsIndexIsRebuilt() throws Exception {
    Unit a = unit("a.iso", "aaa");
    Unit b = unit("b.iso", "bbb");
    publishThenTick();
    Unit c = unit("c.iso", "ccc");
    publishThenTick();
    Files.writeString(firstTree().resolve("PULP_MANIFEST"), ManifestEntry.of(a).line() + "\n");
    Unit d = unit("d.iso", "ddd");

    PublishReport third = distributor().publishRepo(content.taskRepository(), conduit(), HTTP);

    assertThat(summary(third)).containsEntry("mode", "full").containsEntry("links_added", 4L);
    assertThat(Files.readAllLines(dir.resolve("published/http/isos/zoo/PULP_MANIFEST")))
        .containsExactly(
            ManifestEntry.of(a).line(),
            ManifestEntry.of(b).line(),
            ManifestEntry.of(c).line(),
            ManifestEntry.of(d).line());
  }

  @Test
  void changesAfterMostLinesKeepTheHeadOfTheTakenOverManifestInPlace() throws Exception {
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      units.add(unit("f" + i + ".iso", "file " + i));
    }
    publishThenTick();
    units.add(unit("g1.iso", "g1"));
    publishThenTick();
    Object inode = Files.getAttribute(firstTree().resolve("PULP_MANIFEST"), "unix:ino");
    units.add(unit("g2.iso", "g2")); // a new id: it sorts after every unit the tree holds

    PublishReport third = distributor().publishRepo(content.taskRepository(), conduit(), HTTP);
    Thread.sleep(5);

    assertThat(summary(third))
        .containsEntry("mode", "changes")
        .containsEntry("links_added", 2L)
        .containsEntry("links_unchanged", 20L);
    Path manifest = dir.resolve("published/http/isos/zoo/PULP_MANIFEST");
    assertThat(Files.getAttribute(manifest.toRealPath(), "unix:ino"))
        .as("the head of the old manifest stayed where it was")
        .isEqualTo(inode);
    assertThat(Files.readAllLines(manifest))
        .containsExactlyElementsOf(units.stream().map(u -> ManifestEntry.of(u).line()).toList());
    Path tree = manifest.toRealPath().getParent();
    assertThat(PublishIndex.completed(tree.resolveSibling(tree.getFileName() + ".index")))
        .as("the index says the files are complete, so the next publish can keep their heads too")
        .contains(new PublishIndex.Completed(22, Files.size(manifest)));

    // A publish from the tree written so, with a change at its very start: the files are
    // written anew.
    content.remove(units.removeFirst());
    publishThenTick();
    PublishReport fifth = distributor().publishRepo(content.taskRepository(), conduit(), HTTP);
    assertThat(summary(fifth))
        .containsEntry("mode", "changes")
        .containsEntry("from_version", summary(third).get("version"))
        .containsEntry("links_removed", 1L);
    assertThat(Files.readAllLines(manifest))
        .containsExactlyElementsOf(units.stream().map(u -> ManifestEntry.of(u).line()).toList());
  }

  /** The oldest committed tree of the "web" distributor: the one the next publish takes over. */
  private Path firstTree() throws Exception {
    try (Stream<Path> trees = Files.list(dir.resolve("published/master/iso_distributor/zoo/web"))) {
      return trees
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> summary(PublishReport report) {
    return (Map<String, Object>) report.summary();
  }

  @Test
  void aTreeWhoseVersionIsNoLongerKeptIsRebuilt() throws Exception {
    Unit a = unit("a.iso", "aaa");
    unit("b.iso", "bbb");
    publishThenTick();
    unit("c.iso", "ccc");
    publishThenTick();
    content.remove(a);
    content.forgetVersion(0);

    PublishReport third = distributor().publishRepo(content.taskRepository(), conduit(), HTTP);

    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) third.summary();
    // Its links cannot be told from its index alone: it is rebuilt.
    assertThat(summary).containsEntry("mode", "full").containsEntry("links_added", 2L);
    Path served = dir.resolve("published/http/isos/zoo");
    assertThat(served.resolve("a.iso")).doesNotExist();
    assertThat(served.resolve("c.iso")).hasContent("ccc");
  }

  @Test
  void removingTheDistributorUnpublishesEverything() throws Exception {
    unit("a.iso", "a");
    distributor().publishRepo(content.taskRepository(), conduit(), HTTP);

    distributor().distributorRemoved(Repository.named("zoo"), "web", HTTP);

    assertThat(dir.resolve("published/http/isos/zoo")).doesNotExist();
    assertThat(dir.resolve("published/master/iso_distributor/zoo")).isEmptyDirectory();
  }

  @Test
  void aDirectoryOfTheTakenOverTreeSwappedForALinkOutIsNotWrittenThrough() throws Exception {
    Unit a = unit("d/a.iso", "aaa");
    publishThenTick();
    unit("y.iso", "yyy");
    publishThenTick();
    Path served = dir.resolve("published/http/isos/zoo");
    Path older;
    try (Stream<Path> trees = Files.list(dir.resolve("published/master/iso_distributor/zoo/web"))) {
      Path current = served.toRealPath();
      older =
          trees.filter(t -> Files.isDirectory(t) && !t.equals(current)).findFirst().orElseThrow();
    }
    // By hand, between publishes: d of the tree the next publish takes over now leads elsewhere.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.move(older.resolve("d/a.iso"), elsewhere.resolve("a.iso"));
    Files.delete(older.resolve("d"));
    Files.createSymbolicLink(older.resolve("d"), elsewhere);
    content.remove(a);
    unit("d/new.iso", "new");

    assertThatThrownBy(() -> distributor().publishRepo(content.taskRepository(), conduit(), HTTP))
        .hasMessageContaining("d in the tree is a symbolic link to a directory");

    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.iso");
    }
    assertThat(served.resolve("d/a.iso")).hasContent("aaa");
    assertThat(summary(distributor().publishRepo(content.taskRepository(), conduit(), HTTP)))
        .containsEntry("state", "complete");
    assertThat(served.resolve("d/new.iso")).hasContent("new");
    assertThat(Files.isSymbolicLink(served.toRealPath().resolve("d"))).isFalse();
  }

  @Test
  void unitsWhoseNamesCannotShareATreeFailThePublishNamingThemNotServerPaths() throws Exception {
    unit("a", "file");
    unit("a/b", "below the file");

    assertThatThrownBy(() -> distributor().publishRepo(content.taskRepository(), conduit(), HTTP))
        .hasMessageContaining("units' names clash at a")
        .message()
        .doesNotContain(dir.toString());
  }

  @Test
  void aUnitCannotTakeTheManifestsName() {
    assertThatThrownBy(() -> ManifestEntry.checkName("PULP_MANIFEST"))
        .hasMessageContaining("repository's manifest");
    ManifestEntry.checkName("docs/PULP_MANIFEST"); // only the top one is the repository's
  }
}
