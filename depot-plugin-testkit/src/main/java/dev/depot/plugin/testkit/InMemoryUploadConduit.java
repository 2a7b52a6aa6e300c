package dev.depot.plugin.testkit;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadConduit;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * An {@link UploadConduit} over an {@link InMemoryContent}: what {@code Importer.uploadUnit} gets
 * in a plugin's own tests. Get one from {@link InMemoryContent#uploadConduit()}.
 */
public final class InMemoryUploadConduit extends InMemoryConduit implements UploadConduit {
  InMemoryUploadConduit(InMemoryContent content, String pluginKey) {
    super(content, pluginKey);
  }

  /** Merges as the platform does, into the unit the in-memory content holds. */
  @Override
  public Unit mergeUnit(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    return content().merge(unit, merge);
  }

  /** Takes the unit out of the in-memory repository, as the platform unassociates it. */
  @Override
  public void removeUnit(Unit unit) {
    content().remove(unit);
  }
}
