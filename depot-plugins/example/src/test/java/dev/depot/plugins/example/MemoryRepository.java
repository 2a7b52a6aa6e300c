package dev.depot.plugins.example;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One repository held in memory, playing the platform for the plugin alone: a content store on a
 * real directory ({@code <store>/<type>/<sha256>/<name>}), the units associated with the repository
 * (one per name, as the {@code memo} type declares), progress reports and a scratchpad.
 */
final class MemoryRepository implements SyncConduit, PublishConduit {
  private final Path store;
  private final Map<String, Unit> byName = new LinkedHashMap<>();
  private final Map<String, Unit> stored = new HashMap<>();
  final List<Object> progress = new CopyOnWriteArrayList<>();
  final Map<String, ConfiguredDistributor> siblings = new HashMap<>();
  private Map<String, Object> scratchpad;
  private Map<String, Object> repoScratchpad = Map.of();
  private Consumer<Unit> onRead = unit -> {};
  private Consumer<Object> onProgress = report -> {};
  private int ids;

  MemoryRepository(Path store) {
    this.store = store;
  }

  /** Runs {@code action} on every unit as a publish reads it (to cancel mid-publish, say). */
  MemoryRepository onRead(Consumer<Unit> action) {
    this.onRead = action;
    return this;
  }

  /** Runs {@code action} on every progress report (to cancel mid-sync, say). */
  MemoryRepository onProgress(Consumer<Object> action) {
    this.onProgress = action;
    return this;
  }

  /** The memos of the repository, by name. */
  synchronized Map<String, Unit> memos() {
    return Map.copyOf(byName);
  }

  /** How many distinct units the content store holds, whatever number of repositories. */
  synchronized int storedUnits() {
    return stored.size();
  }

  @Override
  public synchronized Stream<Unit> units(UnitCriteria criteria) {
    List<Unit> units = new ArrayList<>(byName.values());
    units.sort(Comparator.comparing(unit -> (String) unit.unitKey().get("name")));
    return units.stream().peek(unit -> onRead.accept(unit));
  }

  @Override
  public Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName) {
    Path path = store.resolve(typeId).resolve((String) unitKey.get("sha256")).resolve(fileName);
    return new Unit(null, typeId, unitKey, metadata, path);
  }

  @Override
  public synchronized Unit saveUnit(Unit unit) {
    Unit saved =
        stored.computeIfAbsent(
            unit.typeId() + unit.unitKey(), key -> unit.withId(Integer.toString(++ids)));
    byName.put((String) saved.unitKey().get("name"), saved);
    return saved;
  }

  @Override
  public synchronized Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
    return Optional.ofNullable(stored.get(typeId + unitKey));
  }

  @Override
  public synchronized void removeUnit(Unit unit) {
    byName.remove((String) unit.unitKey().get("name"), unit);
  }

  @Override
  public Optional<Instant> lastSync() {
    return Optional.empty();
  }

  @Override
  public String distributorId() {
    return "web";
  }

  @Override
  public Optional<ConfiguredDistributor> sibling(String distributorId) {
    return Optional.ofNullable(siblings.get(distributorId));
  }

  @Override
  public Optional<Instant> lastPublish() {
    return Optional.empty();
  }

  @Override
  public void setProgress(Object report) {
    progress.add(report);
    onProgress.accept(report);
  }

  @Override
  public synchronized Optional<Map<String, Object>> scratchpad() {
    return Optional.ofNullable(scratchpad);
  }

  @Override
  public synchronized void setScratchpad(Map<String, Object> value) {
    scratchpad = Map.copyOf(value);
  }

  @Override
  public synchronized Map<String, Object> repoScratchpad() {
    return repoScratchpad;
  }

  @Override
  public synchronized void setRepoScratchpad(Map<String, Object> value) {
    repoScratchpad = Map.copyOf(value);
  }

  @Override
  public synchronized void updateRepoScratchpad(Map<String, Object> changes) {
    Map<String, Object> merged = new HashMap<>(repoScratchpad);
    merged.putAll(changes);
    repoScratchpad = Map.copyOf(merged);
  }
}
