package dev.depot.server.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.Unit;
import dev.depot.server.db.Database;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A plugin merging amended content into a stored unit without a file (errata), on H2 and
 * PostgreSQL: the row, its search fields and the repository's change mark follow, and merges racing
 * on one unit lose nothing.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UnitMergesTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;

  String url;
  Database database;
  final UnitStore units = new UnitStore();

  /** Keeps the later edition's fields and every item either side lists. */
  static final BinaryOperator<Map<String, Object>> JOIN =
      (stored, synced) -> {
        Map<String, Object> base =
            ((Number) synced.get("edition")).longValue()
                    > ((Number) stored.get("edition")).longValue()
                ? synced
                : stored;
        List<Object> items = new ArrayList<>((List<?>) stored.get("items"));
        for (Object item : (List<?>) synced.get("items")) {
          if (!items.contains(item)) {
            items.add(item);
          }
        }
        if (base == stored && items.equals(stored.get("items"))) {
          return stored;
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>(base);
        merged.put("items", items);
        return merged;
      };

  @BeforeEach
  void open() {
    url = kind.freshUrl(dir);
    database = Database.open(url);
    IsoFixture.create(database.jdbi(), "a", "b");
    database
        .jdbi()
        .useHandle(
            h -> {
              ContentTypeStore types = new ContentTypeStore();
              types.register(
                  h,
                  new ContentTypeDefinition(
                      "advisory", "Advisory", "", List.of("id"), List.of("severity")));
              // Keyed as the advisories are: a lookup by type must tell them apart.
              types.register(
                  h, new ContentTypeDefinition("note", "Note", "", List.of("id"), List.of()));
            });
  }

  @AfterEach
  void close() {
    database.close();
    kind.drop(url);
  }

  private static Unit advisory(long edition, String severity, String... items) {
    return new Unit(
        null,
        "advisory",
        Map.of("id", "ADV-1"),
        Map.of("edition", edition, "severity", severity, "items", List.of(items)),
        null);
  }

  private UnitStore.MergeResult merge(String repoId, Unit unit) {
    return database
        .jdbi()
        .inTransaction(h -> units.mergeInto(h, repoId, unit, JOIN, Instant.now()));
  }

  private String indexedSeverity(String unitId) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT text_value FROM unit_fields WHERE unit_id = :id AND field ="
                            + " 'severity'")
                    .bind("id", unitId)
                    .mapTo(String.class)
                    .one());
  }

  private Instant lastUnitAdded(String repoId) {
    return database
        .jdbi()
        .withHandle(h -> new dev.depot.server.repo.RepositoryStore().find(h, repoId))
        .orElseThrow()
        .lastUnitAdded();
  }

  @Test
  void aMergeKeepsWhatUsersSetInPulpUserMetadata() {
    Unit stored = merge("a", advisory(1, "Low", "x86_64")).unit();
    UnitUserMetadata user = new UnitUserMetadata(database.jdbi());
    assertThat(user.get("advisory", stored.id())).contains(Map.of());
    assertThat(user.set("advisory", stored.id(), Map.of("team", "qa"))).isTrue();
    assertThat(user.set("note", stored.id(), Map.of("team", "qa"))).isFalse(); // other type

    UnitStore.MergeResult amended = merge("a", advisory(2, "Critical", "aarch64"));

    assertThat(amended.unit().metadata()).containsEntry("severity", "Critical");
    assertThat(user.get("advisory", stored.id())).contains(Map.of("team", "qa"));
  }

  @Test
  void manyKeysAreLookedUpTogetherAndAnsweredByTheKeysGiven() {
    merge("a", advisory(1, "Low", "x86_64"));
    Unit second =
        merge(
                "b",
                new Unit(
                    null,
                    "advisory",
                    Map.of("id", "ADV-2"),
                    Map.of("edition", 1, "severity", "Low", "items", List.of()),
                    null))
            .unit();
    database
        .jdbi()
        .useTransaction(
            h ->
                units.saveAll(
                    h,
                    List.of(new Unit(null, "note", Map.of("id", "ADV-3"), Map.of(), null)),
                    Instant.now()));
    Map<String, Object> first = Map.of("id", "ADV-1");
    Map<String, Object> two = Map.of("id", "ADV-2");

    Map<Map<String, Object>, Unit> found =
        database
            .jdbi()
            .withHandle(
                h ->
                    units.findAll(
                        h,
                        "advisory",
                        List.of(first, two, Map.of("id", "ADV-3"), Map.of("id", "NONE"))));

    assertThat(found).as("ADV-3 is a note, not an advisory").containsOnlyKeys(first, two);
    assertThat(found.get(two).id()).isEqualTo(second.id());
    assertThat(found.get(first).metadata()).containsEntry("severity", "Low");
  }

  @Test
  void aMergeThatChangesTheUnitRewritesItsRowAndSearchFieldsAndMarksTheRepository()
      throws Exception {
    UnitStore.MergeResult first = merge("a", advisory(1, "Low", "x86_64"));
    assertThat(first.added()).isTrue();
    assertThat(first.updated()).isFalse();
    Instant addedAt = lastUnitAdded("a");

    Thread.sleep(5); // the mark's clock must be able to move
    UnitStore.MergeResult amended = merge("a", advisory(2, "Critical", "aarch64"));

    assertThat(amended.added()).isFalse();
    assertThat(amended.updated()).isTrue();
    assertThat(amended.unit().id()).isEqualTo(first.unit().id());
    Unit stored =
        database.jdbi().withHandle(h -> units.find(h, "advisory", Map.of("id", "ADV-1"))).get();
    assertThat(stored.metadata())
        .containsEntry("severity", "Critical")
        .containsEntry("items", List.of("x86_64", "aarch64"));
    assertThat(indexedSeverity(stored.id())).isEqualTo("Critical");
    assertThat(lastUnitAdded("a")).isAfter(addedAt);

    // Another repository bringing the same edition: associated, nothing to merge.
    UnitStore.MergeResult same = merge("b", advisory(2, "Critical", "aarch64"));
    assertThat(same.added()).isTrue();
    assertThat(same.updated()).isFalse();
    assertThat(same.unit().metadata()).isEqualTo(stored.metadata());

    // A later edition through "a" marks "b" changed too: b publishes the unit it holds.
    Instant bBefore = lastUnitAdded("b");
    Thread.sleep(5);
    merge("a", advisory(3, "Critical", "aarch64"));
    assertThat(lastUnitAdded("b")).isAfter(bBefore);
  }

  @Test
  void aUnitWithAFileIsNotMerged() {
    Unit iso =
        new Unit(
            null,
            "iso",
            Map.of("name", "a.iso", "checksum", "ab", "size", 1L),
            Map.of(),
            dir.resolve("a.iso"));

    assertThatThrownBy(() -> merge("a", iso))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has a file");
  }

  @Test
  void mergesIntoUnitsTheOtherRepositoryHoldsDoNotDeadlock() throws Exception {
    for (int i = 0; i < 10; i++) {
      Unit x = note("X-" + i, 1);
      Unit y = note("Y-" + i, 1);
      merge("b", x); // x is b's, y is a's; each merge below brings the other's unit, amended
      merge("a", y);
      CyclicBarrier start = new CyclicBarrier(2);
      Unit amendedX = note("X-" + i, 2);
      Unit amendedY = note("Y-" + i, 2);
      CompletableFuture<Void> first = race(start, () -> merge("a", amendedX));
      CompletableFuture<Void> second = race(start, () -> merge("b", amendedY));
      first.join();
      second.join();
    }
    Unit last =
        database.jdbi().withHandle(h -> units.find(h, "advisory", Map.of("id", "Y-9"))).get();
    assertThat(((Number) last.metadata().get("edition")).longValue()).isEqualTo(2);
  }

  private static Unit note(String id, long edition) {
    return new Unit(
        null,
        "advisory",
        Map.of("id", id),
        Map.of("edition", edition, "severity", "Low", "items", List.of()),
        null);
  }

  /**
   * Runs {@code work} on a platform thread of its own once the other racers reach {@code start}:
   * the common pool has one thread on a machine of two cores.
   */
  private static CompletableFuture<Void> race(CyclicBarrier start, Runnable work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                start.await();
                work.run();
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }

  @Test
  void mergesRacingOnOneUnitEachKeepWhatTheyAdd() throws Exception {
    merge("a", advisory(1, "Low"));
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<Void>> racers = new ArrayList<>();
    for (String repo : List.of("a", "b")) {
      racers.add(
          race(
              start,
              () -> {
                for (int i = 0; i < 15; i++) {
                  merge(repo, advisory(1, "Low", repo + i));
                }
              }));
    }
    racers.forEach(CompletableFuture::join);

    Unit stored =
        database.jdbi().withHandle(h -> units.find(h, "advisory", Map.of("id", "ADV-1"))).get();
    assertThat((List<?>) stored.metadata().get("items")).hasSize(30);
  }
}
