package dev.depot.plugins.rpm;

import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.publish.sync.MissingUnits;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The unit keys a feed's metadata files listed (errata, comps, modules), for {@code
 * remove_missing}: what the repository holds of those types and the feed no longer lists leaves it,
 * as packages do. Keys compare by their values as text, so a number read back from the database
 * matches the text a feed wrote.
 */
final class ListedKeys {
  private final Set<String> keys = new HashSet<>();

  /** Notes that the feed lists a unit of that type and key. */
  void add(String typeId, Map<String, Object> unitKey) {
    keys.add(text(typeId, unitKey));
  }

  /**
   * Takes out of the repository its units of {@code types} that the feed did not list.
   *
   * @return how many left
   */
  long removeUnlisted(SyncConduit conduit, Iterable<String> types) {
    long removed = 0;
    for (String type : types) {
      removed += MissingUnits.remove(conduit, type, u -> keys.contains(text(u)));
    }
    return removed;
  }

  private static String text(Unit unit) {
    return text(unit.typeId(), unit.unitKey());
  }

  private static String text(String typeId, Map<String, Object> unitKey) {
    Map<String, String> sorted = new TreeMap<>();
    unitKey.forEach((k, v) -> sorted.put(k, String.valueOf(v)));
    return typeId + " " + sorted;
  }
}
