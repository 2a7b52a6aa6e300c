package dev.depot.plugins.rpm;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The package builds a copy brings, by NEVRA, so that a build promoted into a repository holding
 * another build of that NEVRA (rebuilt or signed again: dev → test → prod) takes its place, as a
 * sync and an upload do: a yum repository lists one package per NEVRA, and with both every publish
 * of the destination would fail, the two wanting one file name. Only a checksum is kept per copied
 * package, and the destination is read once, whatever the number copied.
 */
final class CopiedBuilds {
  /** Marks a NEVRA the copy brought two builds of: which one wins is not for the copy to say. */
  private static final String SEVERAL = "";

  private final Map<String, String> checksums = new HashMap<>();

  /** Notes a unit the copy associates; other types than packages are ignored. */
  void note(Unit unit) {
    if (!RpmTypes.RPM.equals(unit.typeId()) && !RpmTypes.SRPM.equals(unit.typeId())) {
      return;
    }
    String checksum = String.valueOf(unit.unitKey().get("checksum"));
    checksums.merge(
        RpmUnit.nevra(unit.typeId(), unit.unitKey()),
        checksum,
        (held, more) -> held.equals(more) ? held : SEVERAL);
  }

  /**
   * Takes out of the destination each other build of a NEVRA the copy brought one build of, and
   * tells the user which.
   *
   * @return how many left
   */
  long removeOtherBuilds(ImportConduit conduit) {
    if (checksums.isEmpty()) {
      return 0;
    }
    List<Unit> superseded = new ArrayList<>();
    try (Stream<Unit> held = conduit.units(UnitCriteria.ofTypes(RpmTypes.RPM, RpmTypes.SRPM))) {
      held.forEach(
          u -> {
            String copied = checksums.get(RpmUnit.nevra(u.typeId(), u.unitKey()));
            if (copied != null
                && !copied.equals(SEVERAL)
                && !copied.equals(String.valueOf(u.unitKey().get("checksum")))) {
              // Key and id only: a destination may hold many, and their metadata is large.
              superseded.add(new Unit(u.id(), u.typeId(), u.unitKey(), null, null));
            }
          });
    }
    for (Unit old : superseded) {
      conduit.removeUnit(old);
      conduit.warn(
          "the copied build of "
              + RpmUnit.nevra(old.typeId(), old.unitKey())
              + " replaced the one the repository held (checksum "
              + old.unitKey().get("checksum")
              + ")");
    }
    return superseded.size();
  }
}
