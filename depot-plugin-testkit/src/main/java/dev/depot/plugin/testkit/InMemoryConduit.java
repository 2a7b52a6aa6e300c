package dev.depot.plugin.testkit;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.ProgressReporter;
import dev.depot.plugin.Scratchpads;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitSink;
import dev.depot.plugin.UnitSource;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the in-memory sync, upload and publish conduits share: units read from and saved to an
 * {@link InMemoryContent}, progress reports and scratchpads recorded there.
 *
 * <p>A test can {@link #watch watch} every unit the plugin reads and every progress report it
 * makes, to act in the middle of a run: cancel it, or look at what is served while it works.
 */
public abstract class InMemoryConduit
    implements UnitSource, UnitSink, ProgressReporter, Scratchpads {
  private final InMemoryContent content;
  private final String pluginKey;
  private volatile Consumer<Object> watcher = event -> {};

  InMemoryConduit(InMemoryContent content, String pluginKey) {
    this.content = Objects.requireNonNull(content, "content");
    this.pluginKey = Objects.requireNonNull(pluginKey, "pluginKey");
  }

  /** The content this conduit reads and writes. */
  public InMemoryContent content() {
    return content;
  }

  /**
   * Calls {@code watcher} on the plugin's thread with each unit the plugin reads from {@link
   * #units}, before the plugin gets it, and with each progress report it makes.
   *
   * @return this conduit
   */
  public InMemoryConduit watch(Consumer<Object> watcher) {
    this.watcher = Objects.requireNonNull(watcher, "watcher");
    return this;
  }

  String pluginKey() {
    return pluginKey;
  }

  /** The repository's units matching the criteria; counted until closed. */
  @Override
  public Stream<Unit> units(UnitCriteria criteria) {
    return content.query(new UnitQuery(criteria)).peek(unit -> watcher.accept(unit));
  }

  /** Computes the unit's storage path in the content store from its type and key. */
  @Override
  public Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName) {
    return content.initUnit(typeId, unitKey, metadata, fileName);
  }

  /** Stores the unit unless it is stored already, and associates it with the repository. */
  @Override
  public Unit saveUnit(Unit unit) {
    return content.save(unit);
  }

  /** Saves each unit; none when one of their files is missing. */
  @Override
  public List<Unit> saveUnits(List<Unit> units) {
    List<Unit> missing =
        units.stream()
            .filter(u -> u.storagePath() != null && !Files.isRegularFile(u.storagePath()))
            .toList();
    if (!missing.isEmpty()) {
      throw new MissingUnitFilesException(missing);
    }
    return units.stream().map(content::save).toList();
  }

  @Override
  public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
    return content.find(typeId, unitKey);
  }

  /** Records the report in {@link InMemoryContent#progressReports()}. */
  @Override
  public void setProgress(Object report) {
    content.progress(report);
    watcher.accept(report);
  }

  @Override
  public Optional<Map<String, Object>> scratchpad() {
    return content.scratchpad(pluginKey);
  }

  @Override
  public void setScratchpad(Map<String, Object> value) {
    content.setScratchpad(pluginKey, value);
  }

  @Override
  public Map<String, Object> repoScratchpad() {
    return content.repoScratchpad();
  }

  @Override
  public void setRepoScratchpad(Map<String, Object> value) {
    content.setRepoScratchpad(value);
  }

  @Override
  public void updateRepoScratchpad(Map<String, Object> changes) {
    content.updateRepoScratchpad(changes);
  }
}
