package dev.depot.plugin.testkit;

import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * A {@link SyncConduit} over an {@link InMemoryContent}: what {@code Importer.syncRepo} gets in a
 * plugin's own tests. Get one from {@link InMemoryContent#syncConduit()}.
 */
public final class InMemorySyncConduit extends InMemoryConduit implements SyncConduit {
  InMemorySyncConduit(InMemoryContent content, String pluginKey) {
    super(content, pluginKey);
  }

  /** Merges as the platform does, into the unit the in-memory content holds. */
  @Override
  public Unit mergeUnit(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    return content().merge(unit, merge);
  }

  /**
   * Replaces the stored unit's content and metadata as the platform does; the content it had stays
   * where it is.
   */
  @Override
  public Unit replaceUnit(Unit unit) {
    return content().replace(unit);
  }

  /** Takes the unit out of the repository; it stays stored. */
  @Override
  public void removeUnit(Unit unit) {
    content().remove(unit);
  }

  /** When {@link InMemoryContent#recordSuccess} was last called for the importer. */
  @Override
  public Optional<Instant> lastSync() {
    return content().lastSuccess(pluginKey());
  }
}
