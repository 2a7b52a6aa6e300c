package dev.depot.server.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.server.db.Database;
import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryStore;
import dev.depot.server.support.LockWaits;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Units and associations on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UnitStoreTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;

  String url;
  Database database;
  final UnitStore units = new UnitStore();
  final RepositoryStore repos = new RepositoryStore();

  @BeforeEach
  void open() {
    url = kind.freshUrl(dir);
    database = Database.open(url);
    IsoFixture.create(database.jdbi(), "a", "b");
  }

  @AfterEach
  void close() {
    database.close();
    kind.drop(url);
  }

  /** The repository's units the criteria select, streamed as a search would. */
  private List<Unit> unitsOf(String repoId, UnitCriteria criteria) {
    return database
        .jdbi()
        .withHandle(
            h -> {
              try (Stream<Unit> s = units.stream(h, repoId, criteria)) {
                return s.toList();
              }
            });
  }

  private static Unit iso(String name, long size) {
    return new Unit(
        null,
        "iso",
        Map.of("name", name, "checksum", "ab" + name, "size", size),
        Map.of("origin", "test"),
        Path.of("/store", name));
  }

  @Test
  void sameKeyIsStoredOnceWhateverTheKeyOrder() {
    Unit first =
        database.jdbi().inTransaction(h -> units.save(h, iso("one.iso", 10), Instant.now()));
    Unit reordered =
        new Unit(
            null,
            "iso",
            Map.of("size", 10, "checksum", "abone.iso", "name", "one.iso"),
            Map.of("origin", "elsewhere"),
            null);
    Unit second = database.jdbi().inTransaction(h -> units.save(h, reordered, Instant.now()));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.metadata()).containsEntry("origin", "test");
    assertThat(second.storagePath()).isEqualTo(Path.of("/store", "one.iso"));
  }

  @Test
  void associationsAreIdempotentAndCountedPerRepository() {
    database
        .jdbi()
        .useTransaction(
            h -> {
              Unit one = units.save(h, iso("one.iso", 1), Instant.now());
              Unit two = units.save(h, iso("two.iso", 2), Instant.now());
              assertThat(units.associate(h, "a", one, Timestamps.now())).isTrue();
              assertThat(units.associate(h, "a", one, Timestamps.now())).isFalse();
              units.associate(h, "a", two, Timestamps.now());
              units.associate(h, "b", two, Timestamps.now());
            });

    Map<String, Long> countsA = database.jdbi().withHandle(h -> units.countsByType(h, "a"));
    Map<String, Long> countsB = database.jdbi().withHandle(h -> units.countsByType(h, "b"));
    RepositoryRecord a = database.jdbi().withHandle(h -> repos.find(h, "a").orElseThrow());

    assertThat(countsA).containsExactly(Map.entry("iso", 2L));
    assertThat(countsB).containsExactly(Map.entry("iso", 1L));
    assertThat(a.lastUnitAdded()).isNotNull();
  }

  @Test
  void aBatchStoresNewUnitsOnceReusesStoredOnesAndAssociatesEachOnce() {
    Unit stored =
        database.jdbi().inTransaction(h -> units.save(h, iso("old.iso", 1), Instant.now()));
    List<Unit> batch =
        List.of(iso("new.iso", 2), iso("old.iso", 1), iso("new.iso", 2), iso("big.iso", 3000));

    List<Unit> saved =
        database.jdbi().inTransaction(h -> units.saveAll(h, batch, Timestamps.now()));
    int added =
        database.jdbi().inTransaction(h -> units.associateAll(h, "a", saved, Timestamps.now()));
    int again =
        database.jdbi().inTransaction(h -> units.associateAll(h, "a", saved, Timestamps.now()));

    assertThat(saved)
        .extracting(u -> u.unitKey().get("name"))
        .containsExactly("new.iso", "old.iso", "new.iso", "big.iso");
    assertThat(saved.get(1).id()).isEqualTo(stored.id());
    assertThat(saved.get(2).id()).isEqualTo(saved.get(0).id());
    assertThat(added).isEqualTo(3);
    assertThat(again).isZero();
    Map<String, Long> counts = database.jdbi().withHandle(h -> units.countsByType(h, "a"));
    assertThat(counts).containsExactly(Map.entry("iso", 3L));
    // The batch wrote the search rows too: a numeric filter finds the big one in SQL.
    List<String> big =
        unitsOf("a", UnitCriteria.ofTypes("iso").withFilters(Map.of("size", Map.of("$gt", 100))))
            .stream()
            .map(Unit::id)
            .toList();
    assertThat(big).containsExactly(saved.get(3).id());
  }

  @Test
  void aBatchRepeatingAKeyWithOtherMetadataIsStoredOnceAndAssociatedOnce() {
    Unit first = iso("twice.iso", 5);
    Unit second =
        new Unit(null, "iso", first.unitKey(), Map.of("origin", "other"), first.storagePath());

    List<Unit> saved =
        database
            .jdbi()
            .inTransaction(h -> units.saveAll(h, List.of(first, second), Timestamps.now()));
    int added =
        database.jdbi().inTransaction(h -> units.associateAll(h, "a", saved, Timestamps.now()));

    assertThat(saved.get(1).id()).isEqualTo(saved.get(0).id());
    assertThat(added).isEqualTo(1);
  }

  @Test
  void aBatchLongerThanOneStatementIsStoredAndAssociatedWhole() {
    List<Unit> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      batch.add(iso("f" + i + ".iso", i));
    }

    List<Unit> saved =
        database.jdbi().inTransaction(h -> units.saveAll(h, batch, Timestamps.now()));
    int added =
        database.jdbi().inTransaction(h -> units.associateAll(h, "a", saved, Timestamps.now()));
    List<Unit> again =
        database.jdbi().inTransaction(h -> units.saveAll(h, batch, Timestamps.now()));

    assertThat(saved).extracting(Unit::id).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(again).extracting(Unit::id).containsExactlyElementsOf(ids(saved));
    assertThat(added).isEqualTo(2_500);
    Map<String, Long> counts = database.jdbi().withHandle(h -> units.countsByType(h, "a"));
    assertThat(counts).containsExactly(Map.entry("iso", 2_500L));
    assertThat(
            unitsOf(
                "a",
                UnitCriteria.ofTypes("iso").withFilters(Map.of("size", Map.of("$gte", 2_400)))))
        .hasSize(100);
  }

  private static List<String> ids(List<Unit> units) {
    return units.stream().map(Unit::id).toList();
  }

  @Test
  void twoTransactionsSavingTheSameBatchEndWithTheSameUnits() throws Exception {
    List<Unit> batch = List.of(iso("one.iso", 1), iso("two.iso", 2));

    Racing<List<Unit>> race = race(h -> units.saveAll(h, batch, Timestamps.now()));

    assertThat(race.second())
        .extracting(Unit::id)
        .containsExactlyElementsOf(race.first().stream().map(Unit::id).toList());
  }

  @Test
  void twoTransactionsAssociatingTheSameBatchAddItOnce() throws Exception {
    List<Unit> saved =
        database
            .jdbi()
            .inTransaction(
                h ->
                    units.saveAll(h, List.of(iso("one.iso", 1), iso("two.iso", 2)), Instant.now()));

    Racing<Integer> race = race(h -> units.associateAll(h, "a", saved, Timestamps.now()));

    assertThat(race.first()).isEqualTo(2);
    assertThat(race.second()).isZero();
    Map<String, Long> counts = database.jdbi().withHandle(h -> units.countsByType(h, "a"));
    assertThat(counts).containsExactly(Map.entry("iso", 2L));
  }

  @Test
  void twoTransactionsSavingAndAssociatingOneUnitEndWithOneUnitAndOneAssociation()
      throws Exception {
    Racing<Boolean> race =
        race(h -> units.associate(h, "b", units.save(h, iso("one.iso", 1), Instant.now()), now()));

    assertThat(race.first()).isTrue();
    assertThat(race.second()).isFalse();
    Map<String, Long> counts = database.jdbi().withHandle(h -> units.countsByType(h, "b"));
    assertThat(counts).containsExactly(Map.entry("iso", 1L));
  }

  private static Instant now() {
    return Timestamps.now();
  }

  record Racing<T>(T first, T second) {}

  /**
   * Runs {@code work} in a transaction left open while a second transaction runs it too, then
   * commits the first: the second finds none of the first's rows, collides with them on insert, and
   * must end with what the first stored instead of failing.
   */
  private <T> Racing<T> race(HandleCallback<T, RuntimeException> work) throws Exception {
    try (Handle first = database.jdbi().open()) {
      first.begin();
      T firstResult = work.withHandle(first);
      CompletableFuture<T> second =
          CompletableFuture.supplyAsync(() -> database.jdbi().inTransaction(work::withHandle));
      // The second must reach its insert and wait on the first's rows, or nothing raced.
      LockWaits.awaitBlockedBy(database.jdbi(), first, second);
      first.commit();
      return new Racing<>(firstResult, second.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void streamsUnitsInAssociationOrderWithFiltersAndPaging() {
    database
        .jdbi()
        .useTransaction(
            h -> {
              for (int i = 0; i < 1200; i++) {
                Unit u = units.save(h, iso(String.format("f%04d.iso", i), i % 3), Instant.now());
                units.associate(h, "a", u, Timestamps.now());
              }
            });

    List<String> page =
        unitsOf("a", UnitCriteria.ofTypes("iso").withFilters(Map.of("size", 2)).withPage(3, 1))
            .stream()
            .map(u -> (String) u.unitKey().get("name"))
            .toList();
    long all = unitsOf("a", UnitCriteria.ALL).size();

    assertThat(page).containsExactly("f0005.iso", "f0008.iso", "f0011.iso");
    assertThat(all).isEqualTo(1200);
  }

  @Test
  void unassociatingKeepsTheUnitAndDeletingTheRepositoryKeepsUnits() {
    Unit kept =
        database
            .jdbi()
            .inTransaction(
                h -> {
                  Unit u = units.save(h, iso("keep.iso", 5), Instant.now());
                  units.associate(h, "a", u, Timestamps.now());
                  units.associate(h, "b", u, Timestamps.now());
                  assertThat(units.unassociate(h, "a", List.of(u), Timestamps.now()))
                      .containsExactly(u);
                  assertThat(units.unassociate(h, "a", List.of(u), Timestamps.now())).isEmpty();
                  repos.delete(h, "b");
                  return u;
                });

    java.util.Optional<Unit> found =
        database.jdbi().withHandle(h -> units.find(h, "iso", kept.unitKey()));
    Map<String, Long> counts = database.jdbi().withHandle(h -> units.countsByType(h, "a"));

    assertThat(found).get().extracting(Unit::id).isEqualTo(kept.id());
    assertThat(counts).isEmpty();
  }

  @Test
  void unitsStoredBeforeUnitSearchGetTheirSearchFieldsAtStartUp() {
    database
        .jdbi()
        .useTransaction(
            h -> {
              for (int i = 0; i < 3; i++) {
                units.associate(
                    h, "a", units.save(h, iso("old" + i, i), Instant.now()), Instant.now());
              }
              h.execute("DELETE FROM unit_fields");
            });

    long indexed = units.indexUnindexedUnits(database.jdbi());
    long again = units.indexUnindexedUnits(database.jdbi());
    List<String> found =
        unitsOf(
                "a",
                UnitCriteria.ofTypes("iso")
                    .withFilters(Map.of("name", "old1"))
                    .withSort(List.of(new UnitCriteria.SortField("size", false))))
            .stream()
            .map(u -> (String) u.unitKey().get("name"))
            .toList();

    assertThat(indexed).isEqualTo(3);
    assertThat(again).isZero();
    assertThat(found).containsExactly("old1");
  }

  @Test
  void theStartUpBackfillScansOnceAndLaterStartsSkipIt() {
    database
        .jdbi()
        .useTransaction(
            h -> {
              units.associate(h, "a", units.save(h, iso("old.iso", 1), Instant.now()), now());
              h.execute("DELETE FROM unit_fields");
            });

    long first = units.indexUnindexedUnitsOnce(database.jdbi());
    // A unit without rows now could only come from outside the server: the backfill is not
    // looked for again.
    database.jdbi().useHandle(h -> h.execute("DELETE FROM unit_fields"));
    long second = units.indexUnindexedUnitsOnce(database.jdbi());

    assertThat(first).isEqualTo(1);
    assertThat(second).isZero();
    assertThat(unitsOf("a", UnitCriteria.ofTypes("iso").withFilters(Map.of("name", "old.iso"))))
        .as("the filter runs in SQL on the rows, which the second start did not write again")
        .isEmpty();
  }
}
