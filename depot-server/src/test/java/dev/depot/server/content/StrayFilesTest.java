package dev.depot.server.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.depot.plugin.Unit;
import dev.depot.publish.tree.LinkTemplates;
import dev.depot.server.db.Database;
import dev.depot.server.db.Timestamps;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Orphan cleanup finds unit files no row names (a crash between storing a file and committing its
 * unit leaves them) and removes them once they are older than the grace period, on H2 and
 * PostgreSQL; files with rows, fresh files and what is not the store's layout stay.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StrayFilesTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;

  String url;
  Database database;
  ContentStore content;
  final UnitStore units = new UnitStore();

  @BeforeEach
  void open() {
    url = kind.freshUrl(dir);
    database = Database.open(url);
    content = new ContentStore(dir);
    IsoFixture.create(database.jdbi(), "a");
  }

  @AfterEach
  void close() {
    database.close();
    kind.drop(url);
  }

  private Unit withFile(String name) throws Exception {
    Unit unit =
        content.newUnit(
            "iso", Map.of("name", name, "checksum", "c" + name, "size", 3), Map.of(), name);
    Files.createDirectories(unit.storagePath().getParent());
    Files.writeString(unit.storagePath(), "abc");
    LinkTemplates.create(unit.storagePath());
    return unit;
  }

  private void saveInRepository(Unit unit) {
    database
        .jdbi()
        .useTransaction(
            h -> {
              List<Unit> saved = units.saveAllWithFiles(h, List.of(unit), Timestamps.now());
              units.associateAll(h, "a", saved, Timestamps.now());
            });
  }

  private Orphans orphansAt(Instant now) {
    return new Orphans(
        database.jdbi(), content, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aFileNoUnitNamesIsRemovedOnceOlderThanTheGracePeriod() throws Exception {
    Unit held = withFile("held.iso");
    saveInRepository(held);
    Unit stray = withFile("stray.iso");
    Path unitDir = stray.storagePath().getParent();
    Path foreign = content.root().resolve("iso").resolve("not-the-layout").resolve("keep.txt");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "mine");

    orphansAt(Instant.now()).delete(null, null);
    assertThat(stray.storagePath())
        .as("within the grace period, a save may be on its way")
        .exists();

    orphansAt(Instant.now().plus(Duration.ofHours(2))).delete("iso", null);
    assertThat(unitDir).doesNotExist();
    assertThat(held.storagePath()).as("a unit with a row keeps its file").hasContent("abc");
    assertThat(LinkTemplates.of(held.storagePath())).isSymbolicLink();
    assertThat(foreign).as("what is not the store's layout is left alone").hasContent("mine");
  }

  @Test
  void anOrphanUnitAndAStrayFileBothGoInOneCleanup() throws Exception {
    Unit orphan = withFile("orphan.iso");
    database
        .jdbi()
        .useTransaction(h -> units.saveAllWithFiles(h, List.of(orphan), Timestamps.now()));
    Unit stray = withFile("stray.iso");

    Map<String, Long> deleted =
        orphansAt(Instant.now().plus(Duration.ofHours(2))).delete(null, null);

    assertThat(deleted).containsExactly(Map.entry("iso", 1L));
    assertThat(orphan.storagePath()).doesNotExist();
    assertThat(stray.storagePath().getParent()).doesNotExist();
  }

  @Test
  void unfinishedCopiesInAStoredUnitsDirectoryGoOnceSettled() throws Exception {
    Unit held = withFile("held.iso");
    saveInRepository(held);
    Path unitDir = held.storagePath().getParent();
    Path part =
        Files.writeString(unitDir.resolve("." + java.util.UUID.randomUUID() + ".part"), "ab");
    Path tree = Files.createDirectories(unitDir.resolve(".images." + java.util.UUID.randomUUID()));
    Files.writeString(tree.resolve("boot.img"), "b");

    orphansAt(Instant.now()).delete(null, null);
    assertThat(part).as("a copy under way keeps changing: within the grace it stays").exists();

    orphansAt(Instant.now().plus(Duration.ofHours(2))).delete(null, null);
    assertThat(part).doesNotExist();
    assertThat(tree).doesNotExist();
    assertThat(held.storagePath()).hasContent("abc");
    assertThat(LinkTemplates.of(held.storagePath())).as("not an unfinished copy").isSymbolicLink();
  }

  @Test
  void contentAUnitsSourceReplacedStaysForPublishedTreesThenGoes() throws Exception {
    Map<String, Object> key = Map.of("name", "tree", "checksum", "c", "size", 3);
    Unit held = content.newUnit("iso", key, Map.of("build", 1), "tree");
    Files.createDirectories(held.storagePath());
    Files.writeString(held.storagePath().resolve("vmlinuz"), "old kernel");
    saveInRepository(held);
    Unit respun = content.newUnit("iso", key, Map.of("build", 2), "tree-2");
    Files.createDirectories(respun.storagePath());
    Files.writeString(respun.storagePath().resolve("vmlinuz"), "new kernel");

    Unit stored =
        database
            .jdbi()
            .inTransaction(h -> units.replaceInto(h, "a", respun, Timestamps.now()))
            .unit();

    Unit found = database.jdbi().withHandle(h -> units.find(h, "iso", key)).orElseThrow();
    assertThat(found.id()).isEqualTo(stored.id());
    assertThat(found.storagePath()).isEqualTo(respun.storagePath());
    assertThat(found.metadata()).containsEntry("build", 2);
    assertThat(LinkTemplates.of(respun.storagePath())).isSymbolicLink();
    orphansAt(Instant.now()).delete(null, null);
    assertThat(held.storagePath().resolve("vmlinuz"))
        .as("published trees still link to it: it stays for the grace period")
        .hasContent("old kernel");

    orphansAt(Instant.now().plus(Duration.ofHours(2))).delete(null, null);
    assertThat(held.storagePath()).doesNotExist();
    assertThat(LinkTemplates.of(held.storagePath())).doesNotExist();
    assertThat(respun.storagePath().resolve("vmlinuz")).hasContent("new kernel");
    assertThat(LinkTemplates.of(respun.storagePath())).isSymbolicLink();
  }

  /**
   * A single-file unit whose source replaced its file: the old file (not a directory) is judged by
   * its own change time and goes once settled, and the cleanup does not stop at it.
   */
  @Test
  void aFileAUnitsSourceReplacedGoesOnceSettled() throws Exception {
    Unit held = withFile("disk.iso");
    saveInRepository(held);
    Unit respun =
        content.newUnit(
            "iso",
            Map.of("name", "disk.iso", "checksum", "cdisk.iso", "size", 3),
            Map.of("build", 2),
            "disk-2.iso");
    Files.writeString(respun.storagePath(), "xyz");
    database.jdbi().useTransaction(h -> units.replaceInto(h, "a", respun, Timestamps.now()));

    orphansAt(Instant.now()).delete(null, null);
    assertThat(held.storagePath()).as("within the grace it stays").hasContent("abc");

    orphansAt(Instant.now().plus(Duration.ofHours(2))).delete(null, null);
    assertThat(held.storagePath()).doesNotExist();
    assertThat(LinkTemplates.of(held.storagePath())).doesNotExist();
    assertThat(respun.storagePath()).hasContent("xyz");
    assertThat(LinkTemplates.of(respun.storagePath())).isSymbolicLink();
  }

  /**
   * The stray pass looks up every unit directory of the store by digest, a batch at a time: by
   * index, or a cleanup of a store of 50,000 units scans the units table hundreds of times.
   */
  @Test
  void theStrayPassLooksDirectoriesUpByIndex() {
    assumeTrue(kind == TestDatabase.H2, "PostgreSQL plans by statistics: PlannerStatisticsTest");
    String plan =
        database
            .jdbi()
            .withHandle(
                h ->
                    String.join(
                        "\n",
                        h.createQuery("EXPLAIN " + StrayFiles.STORED_DIGESTS)
                            .bindList("digests", List.of("a".repeat(64), "b".repeat(64)))
                            .mapTo(String.class)
                            .list()));
    assertThat(plan).containsIgnoringCase("units_by_key_digest");
  }
}
