package dev.depot.server.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.server.db.Database;
import dev.depot.server.support.TestDatabase;
import dev.depot.server.version.RepositoryVersion;
import dev.depot.server.version.RepositoryVersions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What versions hold while changes are pending, and their differences, on H2 and PostgreSQL: a
 * reader of version N sees none of the rows a running task is adding or removing for N+1.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class VersionedUnitsTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;

  String url;
  Database database;
  final UnitStore units = new UnitStore();
  RepositoryVersions versions;

  @BeforeEach
  void open() {
    url = kind.freshUrl(dir);
    database = Database.open(url);
    IsoFixture.create(database.jdbi(), "a");
    versions = new RepositoryVersions(database.jdbi(), units, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    database.close();
    kind.drop(url);
  }

  private Unit add(String name) {
    Unit unit =
        new Unit(
            null,
            "iso",
            Map.of("name", name, "checksum", "ab" + name, "size", 1L),
            Map.of(),
            Path.of("/store", name));
    return database
        .jdbi()
        .inTransaction(
            h -> {
              Unit saved = units.save(h, unit, Instant.now());
              units.associate(h, "a", saved, Instant.now());
              return saved;
            });
  }

  private void remove(Unit unit) {
    database.jdbi().useTransaction(h -> units.unassociate(h, "a", List.of(unit), Instant.now()));
  }

  private List<String> namesAt(long version) {
    return database
        .jdbi()
        .withHandle(
            h -> {
              try (Stream<Unit> s = units.streamAt(h, "a", version, UnitCriteria.ofTypes("iso"))) {
                return s.map(u -> (String) u.unitKey().get("name")).sorted().toList();
              }
            });
  }

  @Test
  void aVersionDoesNotSeeThePendingChangesOfTheNext() {
    Unit one = add("one.iso");
    Unit two = add("two.iso");
    assertThat(versions.close("a", null)).map(RepositoryVersion::number).contains(1L);

    remove(one); // pending changes of version 2, as a running task makes them
    add("three.iso");

    assertThat(namesAt(1)).containsExactly("one.iso", "two.iso");
    assertThat(namesAt(0)).isEmpty();
    RepositoryVersion second = versions.close("a", null).orElseThrow();
    assertThat(second.added()).containsEntry("iso", 1L);
    assertThat(second.removed()).containsEntry("iso", 1L);
    assertThat(second.contentCounts()).containsEntry("iso", 2L);
    assertThat(namesAt(2)).containsExactly("three.iso", "two.iso");
    assertThat(namesAt(1)).containsExactly("one.iso", "two.iso");
    assertThat(two.id()).isNotNull();
  }

  @Test
  void aUnitRemovedAndAddedBackWithinOneTaskMakesNoVersion() {
    Unit one = add("one.iso");
    versions.close("a", null);

    remove(one);
    database.jdbi().useTransaction(h -> units.associate(h, "a", one, Instant.now()));

    assertThat(versions.close("a", null)).isEmpty();
    assertThat(namesAt(1)).containsExactly("one.iso");
    long added = database.jdbi().withHandle(h -> VersionedUnits.addedCounts(h, "a", 1, 2)).size();
    assertThat(added).isZero();
    // The next real change still makes version 2, holding the unit once.
    add("two.iso");
    assertThat(versions.close("a", null)).map(RepositoryVersion::number).contains(2L);
    assertThat(namesAt(2)).containsExactly("one.iso", "two.iso");
  }

  @Test
  void changesBetweenVersionsStreamInUnitIdOrderBothWays() {
    Unit one = add("one.iso");
    versions.close("a", null);
    remove(one);
    Unit two = add("two.iso");
    Unit three = add("three.iso");
    versions.close("a", null);

    List<String> added =
        database
            .jdbi()
            .withHandle(
                h -> {
                  try (Stream<Unit> s = VersionedUnits.added(h, "a", 1, 2, List.of())) {
                    return s.map(Unit::id).toList();
                  }
                });
    List<String> back =
        database
            .jdbi()
            .withHandle(
                h -> {
                  try (Stream<Unit> s = VersionedUnits.added(h, "a", 2, 1, List.of("iso"))) {
                    return s.map(Unit::id).toList();
                  }
                });

    assertThat(added).containsExactly(two.id(), three.id()).isSorted();
    assertThat(back).containsExactly(one.id());
  }

  @Test
  void changesOfMoreThanABatchComeWholeAndInIdOrderThroughACursor() {
    add("first.iso");
    versions.close("a", null);
    List<Unit> batch =
        java.util.stream.IntStream.range(0, 1_200)
            .mapToObj(
                i ->
                    new Unit(
                        null,
                        "iso",
                        Map.of("name", "f" + i + ".iso", "checksum", "cd" + i, "size", 1L),
                        Map.of(),
                        Path.of("/store", "f" + i)))
            .toList();
    List<String> ids =
        database
            .jdbi()
            .inTransaction(
                h -> {
                  List<Unit> saved = units.saveAll(h, batch, Instant.now());
                  units.associateAll(h, "a", saved, Instant.now());
                  return saved.stream().map(Unit::id).sorted().toList();
                });
    versions.close("a", null);

    try (Stream<Unit> added =
            Cursors.open(database.jdbi(), h -> VersionedUnits.added(h, "a", 1, 2, List.of()));
        Stream<Unit> back =
            Cursors.open(
                database.jdbi(), h -> VersionedUnits.removed(h, "a", 2, 1, List.of("iso")))) {
      assertThat(added.map(Unit::id).toList()).isEqualTo(ids);
      assertThat(back.map(u -> u.unitKey().get("name")).toList())
          .hasSize(1_200)
          .contains("f0.iso", "f1199.iso");
    }
  }
}
