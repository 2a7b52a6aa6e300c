package dev.depot.publish.sync;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A repository and content store in memory and on disk, as a sync sees them through its conduit.
 */
final class MemorySyncConduit implements SyncConduit {
  private final Path store;
  final Map<Map<String, Object>, Unit> repository = new ConcurrentHashMap<>();
  final List<Object> progress = new ArrayList<>();

  MemorySyncConduit(Path store) {
    this.store = store;
  }

  @Override
  public Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String name) {
    return new Unit(null, typeId, unitKey, metadata, store.resolve(typeId).resolve(name));
  }

  @Override
  public Unit saveUnit(Unit unit) {
    if (unit.storagePath() != null && !Files.isRegularFile(unit.storagePath())) {
      throw new MissingUnitFilesException(List.of(unit));
    }
    return repository.computeIfAbsent(unit.unitKey(), k -> unit.withId("u-" + k));
  }

  @Override
  public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
    return Optional.ofNullable(repository.get(unitKey));
  }

  @Override
  public Stream<Unit> units(UnitCriteria criteria) {
    return List.copyOf(repository.values()).stream();
  }

  @Override
  public void removeUnit(Unit unit) {
    repository.remove(unit.unitKey());
  }

  @Override
  public Optional<Instant> lastSync() {
    return Optional.empty();
  }

  @Override
  public synchronized void setProgress(Object report) {
    progress.add(report);
  }

  @Override
  public Optional<Map<String, Object>> scratchpad() {
    return Optional.empty();
  }

  @Override
  public void setScratchpad(Map<String, Object> value) {}

  @Override
  public Map<String, Object> repoScratchpad() {
    return Map.of();
  }

  @Override
  public void setRepoScratchpad(Map<String, Object> value) {}

  @Override
  public void updateRepoScratchpad(Map<String, Object> changes) {}
}
