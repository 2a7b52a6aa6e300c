package dev.depot.plugins.rpm;

import dev.depot.plugin.SyncConduit;
import dev.depot.publish.sync.MissingUnits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packages a sync brings under a NEVRA the repository holds as another build (another checksum: a
 * package rebuilt or signed again upstream). A yum repository lists one package per NEVRA (dnf
 * cannot tell two apart, and both would be published at one file name), so once the sync has stored
 * the feed's build, the repository's other build of that NEVRA leaves it, as Pulp's repositories
 * keep one package per NEVRA. Only the packages new to the repository are noted: few, whatever the
 * repository's size.
 */
final class RebuiltPackages {
  private final Map<String, String> checksums = new HashMap<>();

  /** Notes a package the sync fetches because the repository does not hold its build. */
  void fetched(String typeId, Map<String, Object> unitKey) {
    checksums.put(RpmUnit.nevra(typeId, unitKey), String.valueOf(unitKey.get("checksum")));
  }

  /**
   * Takes out of the repository each package of {@code types} whose NEVRA a noted package has under
   * another checksum; call once the noted packages are stored.
   *
   * @return how many left
   */
  long removeOtherBuilds(SyncConduit conduit, List<String> types, Set<String> skipped) {
    if (checksums.isEmpty()) {
      return 0;
    }
    long removed = 0;
    for (String type : types) {
      if (!skipped.contains(type)) {
        removed +=
            MissingUnits.remove(
                conduit,
                type,
                u -> {
                  String fetched = checksums.get(RpmUnit.nevra(type, u.unitKey()));
                  return fetched == null
                      || fetched.equals(String.valueOf(u.unitKey().get("checksum")));
                });
      }
    }
    return removed;
  }
}
