package dev.depot.plugins.rpm;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A comps unit or a module's defaults ({@code modulemd_defaults}) copied into another repository
 * becomes that repository's own, as in Pulp: its key holds the repository's id ({@code repo_id}),
 * so the copy is a new unit keyed by the destination. Otherwise the destination would hold a unit
 * keyed by the source, which one of the same id (or module) uploaded or synced there later, or
 * copied from a third repository, would duplicate in the published comps or modules.yaml: two
 * defaults documents of one module, which dnf takes as a conflict.
 */
final class CompsCopy {
  private CompsCopy() {}

  /**
   * The unit to associate with {@code destination}: {@code unit} itself unless it is a comps unit
   * or module defaults of another repository, then the destination's unit of that key, made from
   * {@code unit}: one the destination has already takes the copied content, as Pulp replaces it.
   */
  static Unit ownedBy(Repository destination, Unit unit, ImportConduit conduit) {
    if (!ownedByARepository(unit.typeId())
        || destination.id().equals(unit.unitKey().get("repo_id"))) {
      return unit;
    }
    Map<String, Object> key = new LinkedHashMap<>(unit.unitKey());
    key.put("repo_id", destination.id());
    Unit copy = conduit.initUnit(unit.typeId(), key, unit.metadata(), null);
    return conduit.mergeUnit(copy, (held, copied) -> copied);
  }

  private static boolean ownedByARepository(String typeId) {
    return RpmTypes.COMPS.contains(typeId) || RpmTypes.MODULEMD_DEFAULTS.equals(typeId);
  }
}
