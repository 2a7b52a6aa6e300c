package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.sync.MissingUnits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pulp's {@code retain_old_count}: of each package (type, name and arch), only the newest {@code
 * retain_old_count + 1} versions are synced, and after a sync without failures older ones leave the
 * repository (they stay in the content store until an orphan cleanup). Memory is a few versions per
 * package name, never the whole list.
 */
final class RetainOld {
  /** The config key, as in Pulp's {@code importer_constants}. */
  static final String KEY = "retain_old_count";

  private final int keep;
  private final Map<String, PriorityQueue<Evr>> newest = new HashMap<>();

  private RetainOld(int keep) {
    this.keep = keep;
  }

  static void check(ConfigCheck check) {
    check.number(KEY, 0, 10_000);
  }

  /** The setting, or empty when every version is kept. */
  static Optional<RetainOld> of(PluginCallConfiguration config) {
    return config.getLong(KEY).map(n -> new RetainOld(n.intValue() + 1));
  }

  /** Notes a version the feed lists; call for every package before asking {@link #wanted}. */
  void note(RemotePackage p) {
    note(p.typeId() + ":" + p.name() + "." + p.arch(), evr(p));
  }

  /** Whether the package is among the newest versions kept of its name and arch. */
  boolean wanted(RemotePackage p) {
    return wanted(p.typeId() + ":" + p.name() + "." + p.arch(), evr(p));
  }

  /** Removes from the repository the versions older than the newest kept; answers how many. */
  long removeOld(SyncConduit conduit, Set<String> skip) {
    long removed = 0;
    for (String type : List.of(RpmTypes.RPM, RpmTypes.SRPM)) {
      if (skip.contains(type)) {
        continue;
      }
      RetainOld repo = new RetainOld(keep);
      try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(type))) {
        units.forEach(u -> repo.note(groupOf(u), evrOf(u)));
      }
      removed += MissingUnits.remove(conduit, type, u -> repo.wanted(groupOf(u), evrOf(u)));
    }
    return removed;
  }

  private void note(String group, Evr evr) {
    PriorityQueue<Evr> versions =
        newest.computeIfAbsent(group, g -> new PriorityQueue<>(Evr::compare));
    if (versions.stream().noneMatch(v -> Evr.compare(v, evr) == 0)) { // listed twice: once
      versions.add(evr);
      if (versions.size() > keep) {
        versions.poll(); // the oldest
      }
    }
  }

  private boolean wanted(String group, Evr evr) {
    PriorityQueue<Evr> versions = newest.get(group);
    return versions == null || versions.size() < keep || Evr.compare(evr, versions.peek()) >= 0;
  }

  private static Evr evr(RemotePackage p) {
    return new Evr(p.epoch(), p.version(), p.release());
  }

  private static String groupOf(Unit u) {
    Map<String, Object> k = u.unitKey();
    return u.typeId() + ":" + k.get("name") + "." + k.get("arch");
  }

  private static Evr evrOf(Unit u) {
    Map<String, Object> k = u.unitKey();
    return new Evr(
        String.valueOf(k.get("epoch")),
        String.valueOf(k.get("version")),
        String.valueOf(k.get("release")));
  }
}
