package dev.depot.publish.sync;

import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Mirror mode ({@code remove_missing}): the units of a type that the feed no longer lists leave the
 * repository. They stay in the content store; an orphan cleanup removes them once no repository
 * holds them.
 */
public final class MissingUnits {
  private MissingUnits() {}

  /**
   * Removes from the repository the units of {@code typeId} the feed does not list.
   *
   * @param conduit the sync's conduit
   * @param typeId the content type to prune
   * @param listed whether the feed lists a unit
   * @return how many units left the repository
   */
  public static long remove(SyncConduit conduit, String typeId, Predicate<Unit> listed) {
    // Collected first: removing while the cursor streams would change what it reads.
    List<Unit> gone = new ArrayList<>();
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(typeId))) {
      units.filter(listed.negate()).forEach(gone::add);
    }
    gone.forEach(conduit::removeUnit);
    return gone.size();
  }
}
