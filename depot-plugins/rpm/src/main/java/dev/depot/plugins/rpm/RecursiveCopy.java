package dev.depot.plugins.rpm;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A copy into a yum repository: the chosen units are associated as they stream by, then what they
 * bring from the source: an erratum its packages, a group its packages ({@link Brought}), and with
 * Pulp's {@code recursive} or {@code recursive_conservative} (override config of the copy) the
 * packages their dependencies need ({@link DependencyClosure}). A conservative copy counts what the
 * destination holds as met, so it copies only what is missing. Only the packages' names, EVRs,
 * provides and requires are held, never their stored metadata.
 */
final class RecursiveCopy {
  /** Pulp's key: copy the dependencies of the copied packages, newest provider of each. */
  static final String RECURSIVE = "recursive";

  /** Pulp's key: as {@link #RECURSIVE}, but what the destination has already counts as met. */
  static final String CONSERVATIVE = "recursive_conservative";

  private RecursiveCopy() {}

  /** Whether the copy's configuration asks for dependencies. */
  static boolean wanted(PluginCallConfiguration config) {
    return config.getBoolean(RECURSIVE, false) || config.getBoolean(CONSERVATIVE, false);
  }

  /**
   * Copies the chosen units; an erratum brings the packages its package list names, a comps group
   * the newest package of each name it lists, a category or environment its groups (as in Pulp);
   * with {@code recursive}, every copied package brings its dependencies. {@code own} makes a
   * brought comps unit the destination's ({@link CompsCopy}). Answers how many units were
   * associated.
   */
  static long run(
      ImportConduit conduit,
      PluginCallConfiguration config,
      Stream<Unit> units,
      UnaryOperator<Unit> own) {
    for (String key : config.overrideConfig().keySet()) {
      if (!key.equals(RECURSIVE) && !key.equals(CONSERVATIVE)) {
        // Not refused: Pulp's clients send keys of their own; but a misspelt one must not pass.
        conduit.warn(
            "override "
                + key
                + " is no copy option of a yum repository ("
                + RECURSIVE
                + ", "
                + CONSERVATIVE
                + "); ignored");
      }
    }
    boolean recursive = wanted(config);
    List<PackageCaps> selected = new ArrayList<>();
    Set<String> chosen = new HashSet<>();
    CopiedBuilds copied = new CopiedBuilds();
    Brought brought = new Brought(copied);
    long count = 0;
    for (Unit unit : (Iterable<Unit>) units.map(own)::iterator) {
      conduit.associateUnit(unit);
      copied.note(unit);
      count++;
      chosen.add(PackageCaps.idOf(unit));
      brought.note(unit);
      if (recursive && RpmTypes.RPM.equals(unit.typeId())) {
        selected.add(PackageCaps.of(unit));
      }
    }
    if (!brought.isEmpty()) {
      count += brought.associate(conduit, chosen, recursive ? selected : null, own);
    }
    if (recursive) {
      count += dependencies(conduit, config, selected, chosen, copied);
    }
    copied.removeOtherBuilds(conduit);
    return count;
  }

  private static long dependencies(
      ImportConduit conduit,
      PluginCallConfiguration config,
      List<PackageCaps> selected,
      Set<String> chosen,
      CopiedBuilds copied) {
    DependencyClosure closure = new DependencyClosure();
    try (Stream<Unit> candidates = conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.RPM))) {
      candidates.forEach(u -> closure.candidate(PackageCaps.of(u)));
    }
    boolean conservative = config.getBoolean(CONSERVATIVE, false);
    if (conservative) {
      try (Stream<Unit> there = conduit.units(UnitCriteria.ofTypes(RpmTypes.RPM))) {
        there.forEach(u -> closure.present(PackageCaps.of(u)));
      }
    }
    lookUpFiles(conduit, closure, selected, conservative);
    Set<String> extra = closure.solve(selected);
    extra.removeAll(chosen);
    for (String unmet : closure.unmet()) {
      conduit.warn("no package in the source meets " + unmet + "; copied without it");
    }
    long count = 0;
    if (!extra.isEmpty()) {
      // A second pass over the source: units are found again by key rather than kept whole.
      try (Stream<Unit> candidates = conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.RPM))) {
        for (Unit unit : (Iterable<Unit>) candidates::iterator) {
          if (extra.contains(PackageCaps.idOf(unit))) {
            conduit.associateUnit(unit);
            copied.note(unit);
            count++;
          }
        }
      }
    }
    return count;
  }

  /**
   * Files required that no package's primary entry provides (createrepo_c lists only those under
   * /etc and the bin directories there): another pass over the packages, reading their filelists
   * for those paths only, as Pulp's libsolv copy met them from the packages' files.
   */
  private static void lookUpFiles(
      ImportConduit conduit,
      DependencyClosure closure,
      List<PackageCaps> selected,
      boolean conservative) {
    Set<String> files = closure.filesToLookUp(selected);
    if (files.isEmpty()) {
      return;
    }
    try (Stream<Unit> candidates = conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.RPM))) {
      candidates.forEach(
          u -> closure.candidateFiles(PackageCaps.idOf(u), ListedFiles.among(u, files)));
    }
    if (conservative) {
      try (Stream<Unit> there = conduit.units(UnitCriteria.ofTypes(RpmTypes.RPM))) {
        there.forEach(u -> closure.presentFiles(PackageCaps.idOf(u), ListedFiles.among(u, files)));
      }
    }
  }
}
