package dev.depot.server.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.Unit;
import dev.depot.publish.tree.LinkTemplates;
import dev.depot.server.db.Database;
import dev.depot.server.db.Timestamps;
import dev.depot.server.support.LockWaits;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Orphan removal running while a sync saves the same units, on H2 and PostgreSQL: the repository
 * must never end up holding a unit whose file was removed.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OrphanRemovalRaceTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;

  String url;
  Database database;
  ContentStore content;
  Orphans orphans;
  final UnitStore units = new UnitStore();

  @BeforeEach
  void open() {
    url = kind.freshUrl(dir);
    database = Database.open(url);
    content = new ContentStore(dir);
    orphans = new Orphans(database.jdbi(), content);
    IsoFixture.create(database.jdbi(), "a");
  }

  @AfterEach
  void close() {
    database.close();
    kind.drop(url);
  }

  /** A unit as a sync prepares it, with its file in the content store. */
  private Unit withFile(String name) throws Exception {
    Unit unit =
        content.newUnit(
            "iso", Map.of("name", name, "checksum", "c" + name, "size", 3), Map.of(), name);
    Files.createDirectories(unit.storagePath().getParent());
    Files.writeString(unit.storagePath(), "abc");
    return unit;
  }

  /** A unit a sync stored earlier, since removed from every repository. */
  private Unit orphan(String name) throws Exception {
    Unit unit = withFile(name);
    database.jdbi().useTransaction(h -> units.saveWithFiles(h, unit, Timestamps.now()));
    return unit;
  }

  /** What a sync's save does: store the batch, check its files, associate it, all in one go. */
  private List<Unit> syncSave(Handle h, List<Unit> batch) {
    List<Unit> saved = units.saveAllWithFiles(h, batch, Timestamps.now());
    units.associateAll(h, "a", saved, Timestamps.now());
    return saved;
  }

  private Map<String, Long> repoCounts() {
    return database.jdbi().withHandle(h -> units.countsByType(h, "a"));
  }

  @Test
  void orphanRemovalWaitsForASaveInProgressAndThenKeepsTheUnitItAssociated() throws Exception {
    Unit unit = orphan("kept.iso");

    CompletableFuture<Map<String, Long>> removal;
    try (Handle sync = database.jdbi().open()) {
      sync.begin();
      syncSave(sync, List.of(unit));
      removal = CompletableFuture.supplyAsync(() -> orphans.delete(null, null));
      LockWaits.awaitBlockedBy(database.jdbi(), sync, removal);
      assertThat(removal).as("orphan removal waits for the save to commit").isNotDone();
      sync.commit();
    }

    assertThat(removal.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(unit.storagePath()).exists();
    assertThat(Files.readSymbolicLink(LinkTemplates.of(unit.storagePath())))
        .as("the save gave the unit its link template")
        .isEqualTo(unit.storagePath());
    assertThat(repoCounts()).containsExactly(Map.entry("iso", 1L));
  }

  @Test
  void aSaveWaitingOnOrphanRemovalFindsTheFileGoneAndSavesNothingOfItsBatch() throws Exception {
    Unit doomed = orphan("doomed.iso");
    Unit fresh = withFile("fresh.iso");

    CompletableFuture<List<Unit>> save;
    try (Handle removal = database.jdbi().open()) {
      // Orphan removal in another process, between deleting the row and removing the file.
      removal.begin();
      ContentFilesLock.exclusive(removal);
      removal
          .createUpdate("DELETE FROM units WHERE key_digest = :digest")
          .bind("digest", UnitStore.keyDigest(doomed.unitKey()))
          .execute();
      save =
          CompletableFuture.supplyAsync(
              () -> database.jdbi().inTransaction(h -> syncSave(h, List.of(fresh, doomed))));
      LockWaits.awaitBlockedBy(database.jdbi(), removal, save);
      assertThat(save).as("the save waits for orphan removal to finish").isNotDone();
      Files.delete(doomed.storagePath());
      removal.commit();
    }

    assertThatThrownBy(() -> save.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            MissingUnitFilesException.class, e -> assertThat(e.units()).containsExactly(doomed));
    assertThat(repoCounts()).isEmpty();
  }

  @Test
  void aSaveAfterOrphanRemovalRefusesTheUnitWhoseFileWentWithIt() throws Exception {
    Unit gone = orphan("gone.iso");
    assertThat(orphans.delete(null, null)).containsExactly(Map.entry("iso", 1L));
    assertThat(gone.storagePath()).doesNotExist();
    assertThat(gone.storagePath().getParent())
        .as("the unit's directory went with its file and link template")
        .doesNotExist();

    assertThatThrownBy(() -> database.jdbi().inTransaction(h -> syncSave(h, List.of(gone))))
        .isInstanceOf(MissingUnitFilesException.class)
        .hasMessageContaining("gone.iso");

    assertThat(repoCounts()).isEmpty();
    assertThat(orphans.counts(List.of("iso"))).containsExactly(Map.entry("iso", 0L));
  }

  @Test
  void aCopyWaitingOnOrphanRemovalLeavesOutOnlyTheUnitsItRemoved() throws Exception {
    // A copy read these two from its source; then both were removed there, and orphan removal
    // (in another process) has deleted one of them when the copy writes its associations.
    Unit kept = orphan("kept.iso");
    Unit doomed = orphan("doomed.iso");
    List<Unit> read =
        database.jdbi().inTransaction(h -> units.saveAll(h, List.of(kept, doomed), now()));

    CompletableFuture<List<Unit>> copy;
    try (Handle removal = database.jdbi().open()) {
      removal.begin();
      ContentFilesLock.exclusive(removal);
      removal
          .createUpdate("DELETE FROM units WHERE unit_id = :id")
          .bind("id", read.get(1).id())
          .execute();
      copy =
          CompletableFuture.supplyAsync(
              () ->
                  database
                      .jdbi()
                      .inTransaction(
                          h -> {
                            units.holdOffOrphanRemoval(h);
                            return units.associateExisting(h, "a", read, now());
                          }));
      LockWaits.awaitBlockedBy(database.jdbi(), removal, copy);
      assertThat(copy).as("the copy waits for orphan removal to finish").isNotDone();
      removal.commit();
    }

    assertThat(copy.get(30, TimeUnit.SECONDS)).containsExactly(read.get(1));
    assertThat(repoCounts()).containsExactly(Map.entry("iso", 1L));
  }

  private static java.time.Instant now() {
    return Timestamps.now();
  }
}
