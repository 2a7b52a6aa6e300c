package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.Unit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link Distributor} that publishes a tree the content server serves, as JUnit
 * tests; it includes the {@link DistributorContract}. Implement it in a test class and supply, on
 * top of that contract's methods, {@link #unitFor} (a unit of your type holding given bytes):
 *
 * <pre>{@code
 * class NoteDistributorContractTest implements PublishContract {
 *   public Distributor newDistributor() { return new NoteDistributor(); }
 *   public Map<String, Object> validConfig() { return Map.of("relative_url", "notes/"); }
 *   public Map<String, Map<String, Object>> invalidConfigs() { ... }
 *   public UnitSpec unitFor(String name, byte[] content) {
 *     return new UnitSpec("note", Map.of("name", name), Map.of(), name);
 *   }
 * }
 * }</pre>
 *
 * <p>Each check publishes the units of an {@link InMemoryContent} repository with {@link
 * #publishConfig()} under a fresh publish root, and looks at what a client would: the files below
 * {@link dev.depot.plugin.Platform#servedRoot} of each protocol, read through links. It checks that
 * every unit is served, that a reader never sees a half-published tree, that a publish after one
 * change touches only what changed, that a cancelled publish leaves the previous tree served, that
 * a removed unit leaves the next publish, that the consumer payload's {@code protocols} are those
 * the tree is served over, and that what the distributor claims ({@link Distributor#servedPaths})
 * and reports ({@link PublishReport#locations()}) is where it serves.
 */
public interface PublishContract extends DistributorContract {

  /**
   * A unit of the plugin's type whose file holds {@code content}. Units with different names must
   * be different units, published at different paths; units with the same name and other content
   * are versions of one file, published at the same path.
   */
  UnitSpec unitFor(String name, byte[] content);

  /**
   * The config every publish of the contract uses; the default is {@link #validConfig()}. Each
   * check publishes under a fresh publish root of its own, not under {@link #platform()}.
   */
  default Map<String, Object> publishConfig() {
    return validConfig();
  }

  /** The distributor's id in the repository, as the conduit reports it. */
  default String distributorId() {
    return "contract_distributor";
  }

  /** A publish serves every unit's file over at least one protocol. */
  @Test
  default void publishServesEveryUnit(@TempDir Path dir) {
    Publishing world = new Publishing(this, dir);
    List<byte[]> files = new ArrayList<>();
    for (String name : List.of("alpha", "beta", "gamma")) {
      files.add(Publishing.bytes(name, 1));
      world.add(name, files.getLast());
    }
    Map<String, TreeSnapshot> served = world.publish();
    List<String> protocols = Publishing.servedProtocols(served);
    assertThat(protocols)
        .as("protocols served under %s after a publish with %s", world.platform, publishConfig())
        .isNotEmpty();
    for (String protocol : protocols) {
      for (byte[] file : files) {
        assertThat(served.get(protocol).holds(file))
            .as("the %s tree %s holds every unit's file", protocol, served.get(protocol))
            .isTrue();
      }
    }
  }

  /**
   * A client reading the served tree while a publish runs sees the old tree or the new one, never a
   * mix: a reader thread walks the tree again and again during the publish, and at least once while
   * the distributor is at work.
   *
   * <p>The distributor waits, at each unit it reads from the conduit and each progress report, for
   * a walk that began after that point, so a distributor writing into the served tree as it reads
   * units is caught every time. One that first reads every unit and only then writes in place is
   * caught only if a walk lands during its writes (the reader walks continuously, so usually).
   */
  @Test
  default void aReaderNeverSeesAHalfPublishedTree(@TempDir Path dir) throws Exception {
    Publishing world = new Publishing(this, dir);
    for (int i = 1; i <= 8; i++) {
      world.add("unit" + i, Publishing.bytes("unit" + i, 1));
    }
    Map<String, TreeSnapshot> before = world.publish();
    for (int i = 9; i <= 16; i++) {
      world.add("unit" + i, Publishing.bytes("unit" + i, 1));
    }
    List<ServedReader.Observation> seen;
    long duringPublish;
    try (ServedReader reader = new ServedReader(world.platform, Publishing.PROTOCOLS)) {
      InMemoryPublishConduit conduit = world.conduit();
      conduit.watch(event -> reader.awaitFreshWalk());
      reader.publishing(true);
      PublishReport report = world.publish(world.distributor(), conduit);
      reader.publishing(false);
      assertThat(report).as("the publish's report").isInstanceOf(PublishReport.Published.class);
      seen = reader.observations();
      duringPublish = reader.walksDuringPublish();
    }
    Map<String, TreeSnapshot> after = world.served();
    assertThat(Publishing.servedProtocols(after))
        .as("protocols whose tree changed when units were added: none means nothing was checked")
        .anyMatch(p -> !after.get(p).contents().equals(before.get(p).contents()));
    assertThat(duringPublish)
        .as("walks of the served tree while the publish ran: none means nothing was checked")
        .isPositive();
    for (ServedReader.Observation observation : seen) {
      Map<String, String> tree = observation.tree().contents();
      assertThat(
              tree.equals(before.get(observation.protocol()).contents())
                  || tree.equals(after.get(observation.protocol()).contents()))
          .as(
              "a reader of %s saw a half-published tree %s: neither the old %s nor the new %s",
              observation.protocol(),
              observation.tree(),
              before.get(observation.protocol()),
              after.get(observation.protocol()))
          .isTrue();
    }
  }

  /**
   * After one unit changed, a publish leaves the entries of the unchanged units alone: same inode,
   * modification time and change time as after an earlier publish, so neither rewritten, nor
   * copied, nor linked again (a new hard link moves the inode's change time). Its work follows the
   * change, not the size of the repository.
   */
  @Test
  default void aPublishAfterOneChangeTouchesOnlyThatUnit(@TempDir Path dir) {
    Publishing world = new Publishing(this, dir);
    List<Unit> units = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      units.add(world.add("unit" + i, Publishing.bytes("unit" + i, 1)));
    }
    List<Map<String, TreeSnapshot>> earlier = List.of(world.publish(), world.publish());
    for (String protocol : Publishing.PROTOCOLS) {
      assertThat(earlier.get(1).get(protocol).contents())
          .as("what %s serves after publishing the same units twice: the same tree", protocol)
          .isEqualTo(earlier.get(0).get(protocol).contents());
    }
    world.content.remove(units.get(2));
    byte[] changed = Publishing.bytes("unit3", 2);
    world.add("unit3", changed);
    Map<String, TreeSnapshot> after = world.publish();
    for (String protocol : Publishing.servedProtocols(after)) {
      TreeSnapshot tree = after.get(protocol);
      assertThat(tree.holds(changed)).as("the %s tree holds the changed unit", protocol).isTrue();
      assertThat(tree.holds(Publishing.bytes("unit3", 1)))
          .as("the %s tree still holds the unit's old version", protocol)
          .isFalse();
      for (int i = 1; i <= 6; i++) {
        if (i != 3) {
          assertUntouched(protocol, tree.entriesHolding(Publishing.bytes("unit" + i, 1)), earlier);
        }
      }
    }
  }

  private static void assertUntouched(
      String protocol,
      Map<String, TreeSnapshot.Entry> entries,
      List<Map<String, TreeSnapshot>> in) {
    assertThat(entries).as("the %s tree holds every unchanged unit", protocol).isNotEmpty();
    entries.forEach(
        (path, entry) ->
            assertThat(
                    in.stream()
                        .map(published -> published.get(protocol).files().get(path))
                        .anyMatch(old -> old != null && entry.sameEntryAs(old)))
                .as(
                    "%s entry %s of an unchanged unit was rewritten or linked again (new inode,"
                        + " mtime or ctime) by a publish after one other unit changed",
                    protocol, path)
                .isTrue());
  }

  /**
   * A publish cancelled while it works (from another thread, as the platform cancels) returns
   * {@link PublishReport#canceled} and leaves the previous tree served as it was.
   */
  @Test
  default void aCancelledPublishLeavesThePreviousTreeServed(@TempDir Path dir) {
    Publishing world = new Publishing(this, dir);
    for (int i = 1; i <= 4; i++) {
      world.add("unit" + i, Publishing.bytes("unit" + i, 1));
    }
    Map<String, TreeSnapshot> before = world.publish();
    for (int i = 5; i <= 12; i++) {
      world.add("unit" + i, Publishing.bytes("unit" + i, 1));
    }
    Distributor distributor = world.distributor();
    InMemoryPublishConduit conduit = world.conduit();
    AtomicInteger unitsRead = new AtomicInteger();
    Cancel cancel = new Cancel();
    conduit.watch(
        event -> {
          if (event instanceof Unit && unitsRead.incrementAndGet() == 2) {
            cancel.fromAnotherThread(() -> cancel(distributor));
          }
        });
    PublishReport report = world.publish(distributor, conduit);
    cancel.assertReturnedPromptly();
    for (String protocol : Publishing.PROTOCOLS) {
      assertThat(world.served().get(protocol).contents())
          .as("what %s serves after a cancelled publish: the previous tree", protocol)
          .isEqualTo(before.get(protocol).contents());
    }
    assertThat(report)
        .as("a cancelled publish's report (PublishReport.canceled)")
        .isInstanceOf(PublishReport.Canceled.class);
  }

  /** A unit removed from the repository is gone from the next publish; the others stay. */
  @Test
  default void aRemovedUnitLeavesTheNextPublish(@TempDir Path dir) {
    Publishing world = new Publishing(this, dir);
    world.add("kept1", Publishing.bytes("kept1", 1));
    Unit removed = world.add("removed", Publishing.bytes("removed", 1));
    world.add("kept2", Publishing.bytes("kept2", 1));
    world.publish();
    world.content.remove(removed);
    Map<String, TreeSnapshot> after = world.publish();
    for (String protocol : Publishing.servedProtocols(after)) {
      TreeSnapshot tree = after.get(protocol);
      assertThat(tree.holds(Publishing.bytes("removed", 1)))
          .as("the %s tree %s still serves the removed unit", protocol, tree)
          .isFalse();
      assertThat(
              tree.holds(Publishing.bytes("kept1", 1)) && tree.holds(Publishing.bytes("kept2", 1)))
          .as("the %s tree %s serves the units that stayed", protocol, tree)
          .isTrue();
    }
  }

  /**
   * The consumer payload's {@code protocols} list names exactly the protocols the repository is
   * served over after a publish with the same config.
   */
  @Test
  default void theConsumerPayloadNamesTheProtocolsPublished(@TempDir Path dir) {
    Publishing world = new Publishing(this, dir);
    world.add("alpha", Publishing.bytes("alpha", 1));
    Set<String> served = new LinkedHashSet<>(Publishing.servedProtocols(world.publish()));
    assertThat(served).as("protocols served after a publish with %s", publishConfig()).isNotEmpty();
    Map<String, Object> payload =
        world
            .distributor()
            .createConsumerPayload(
                world.content.repository(),
                world.config(),
                Map.of(),
                world.content.publishedLocations(distributorId()));
    assertThat(payload).as("the consumer payload").isNotNull().containsKey("protocols");
    assertThat(payload.get("protocols"))
        .as("the payload's protocols, a list")
        .isInstanceOf(Collection.class);
    Set<String> named = new LinkedHashSet<>();
    ((Collection<?>) payload.get("protocols")).forEach(p -> named.add(String.valueOf(p)));
    assertThat(named)
        .as("the payload's protocols against those the tree is served over")
        .isEqualTo(served);
  }

  /**
   * Every file a publish serves lies under a path {@link Distributor#servedPaths} claims for the
   * config, so the platform's check that no two distributors serve the same place sees it.
   */
  @Test
  default void servedPathsClaimEveryServedFile(@TempDir Path dir) {
    Publishing world = new Publishing(this, dir);
    world.add("alpha", Publishing.bytes("alpha", 1));
    Map<String, TreeSnapshot> served = world.publish();
    List<ServedPath> claimed =
        world.distributor().servedPaths(world.content.repository(), world.config());
    assertThat(claimed).as("servedPaths of a distributor that serves files").isNotEmpty();
    for (String protocol : Publishing.servedProtocols(served)) {
      for (String file : served.get(protocol).files().keySet()) {
        assertThat(claimed.stream().anyMatch(c -> file.startsWith(c.path() + "/")))
            .as("%s serves %s, outside every path servedPaths claims: %s", protocol, file, claimed)
            .isTrue();
      }
    }
  }

  /**
   * A successful publish reports a location for each protocol it serves, whose path ({@code
   * /pulp/...}) is where the tree is served and whose tree path is that tree.
   */
  @Test
  default void reportedLocationsAreWhereItServes(@TempDir Path dir) throws IOException {
    Publishing world = new Publishing(this, dir);
    world.add("alpha", Publishing.bytes("alpha", 1));
    Set<String> served = new LinkedHashSet<>(Publishing.servedProtocols(world.publish()));
    List<PublishedLocation> reported = world.content.publishedLocations(distributorId());
    Set<String> protocols = new LinkedHashSet<>();
    for (PublishedLocation location : reported) {
      if (!Publishing.PROTOCOLS.contains(location.protocol())) {
        continue; // rsync, file, ...: not served by this server
      }
      protocols.add(location.protocol());
      assertThat(location.servedPath()).as("a served path of %s", location).startsWith("/pulp/");
      Path where =
          world
              .platform
              .servedRoot(location.protocol())
              .resolve(location.servedPath().substring("/pulp/".length()));
      assertThat(where).as("where %s says the tree is served", location).isDirectory();
      if (location.treePath() != null) {
        assertThat(where.toRealPath())
            .as("the tree served at %s", location)
            .isEqualTo(location.treePath().toRealPath());
      }
    }
    assertThat(protocols).as("protocols of the reported locations %s", reported).isEqualTo(served);
  }
}
