package dev.depot.publish.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitBatchTest {
  /** A platform whose orphan cleanup took the files of the units named {@code gone}. */
  static final class Platform implements UnitSink {
    final List<String> gone;
    final List<Unit> saved = new ArrayList<>();

    Platform(String... gone) {
      this.gone = List.of(gone);
    }

    @Override
    public Unit initUnit(
        String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Unit saveUnit(Unit unit) {
      return saveUnits(List.of(unit)).get(0);
    }

    @Override
    public synchronized List<Unit> saveUnits(List<Unit> units) {
      List<Unit> missing =
          units.stream().filter(u -> gone.contains((String) u.unitKey().get("name"))).toList();
      if (!missing.isEmpty()) {
        throw new MissingUnitFilesException(missing);
      }
      saved.addAll(units);
      return units;
    }

    @Override
    public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
      return Optional.empty();
    }
  }

  private static Unit iso(String name) {
    return new Unit(null, "iso", Map.of("name", name), Map.of(), Path.of("/store", name));
  }

  @Test
  void unitsWhoseFilesWereRemovedAreHandedBackAndTheRestOfTheirBatchIsSaved() throws Exception {
    Platform platform = new Platform("b.iso", "d.iso");
    List<String> unsaved = new ArrayList<>();

    try (UnitBatch batch =
        new UnitBatch(platform, u -> unsaved.add((String) u.unitKey().get("name")))) {
      for (String name : List.of("a.iso", "b.iso", "c.iso", "d.iso", "e.iso")) {
        batch.add(iso(name));
      }
    }

    assertThat(platform.saved)
        .extracting(u -> u.unitKey().get("name"))
        .containsExactlyInAnyOrder("a.iso", "c.iso", "e.iso");
    assertThat(unsaved).containsExactlyInAnyOrder("b.iso", "d.iso");
  }

  /** A platform whose database cannot write. */
  private static UnitSink full() {
    return new UnitSink() {
      @Override
      public Unit initUnit(
          String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String name) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Unit saveUnit(Unit unit) {
        return saveUnits(List.of(unit)).get(0);
      }

      @Override
      public List<Unit> saveUnits(List<Unit> units) {
        throw new IllegalStateException("No space left on device");
      }

      @Override
      public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
        return Optional.empty();
      }
    };
  }

  /**
   * What saving failed with reaches the sync, whether add or close throws it first and however
   * often the batch is closed: not "Self-suppression not permitted", which a try-with-resources
   * throws when close throws the exception the body threw.
   */
  @Test
  void aFailureToSaveReachesTheSyncNamed() {
    Throwable thrown =
        catchThrowable(
            () -> {
              try (UnitBatch batch = new UnitBatch(full(), u -> {})) {
                for (int i = 0; i < 1000; i++) {
                  batch.add(iso("f" + i + ".iso"));
                  Thread.sleep(5);
                }
              }
            });
    assertThat(thrown).hasMessageContaining("No space left on device");

    UnitBatch closedTwice = new UnitBatch(full(), u -> {});
    thrown =
        catchThrowable(
            () -> {
              try (closedTwice) {
                closedTwice.add(iso("a.iso"));
                closedTwice.close();
              }
            });
    assertThat(thrown).hasMessageContaining("No space left on device");
  }
}
