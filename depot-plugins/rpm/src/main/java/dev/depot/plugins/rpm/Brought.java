package dev.depot.plugins.rpm;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The units copied errata, modules and groups bring along, as in Pulp: an erratum the packages of
 * its package list (by name, epoch, version, release and arch) and the module streams its
 * collections name (with their artifacts), a module its artifacts, a group the newest package of
 * each name (and arch) it lists (mandatory, default, optional and conditional), a category its
 * groups and an environment its groups and optional groups (as Pulp's {@code
 * identify_children_to_copy}), each with what it brings. Units the source lacks are skipped.
 */
final class Brought {
  private final PackageNevras nevras = new PackageNevras();
  private final Set<String> names = new HashSet<>();
  private final Set<String> modules = new HashSet<>();
  private final Set<String> groups = new HashSet<>();
  private final Set<String> groupsNoted = new HashSet<>();
  private final CopiedBuilds copied;

  /** Packages it associates are noted in {@code copied}. */
  Brought(CopiedBuilds copied) {
    this.copied = copied;
  }

  /** Notes what a copied unit brings. */
  void note(Unit unit) {
    Map<String, Object> m = unit.metadata();
    if (RpmTypes.ERRATUM.equals(unit.typeId())) {
      for (Map<?, ?> collection : UpdateinfoXml.maps(m.get("pkglist"))) {
        if (collection.get("module") instanceof Map<?, ?> module) {
          modules.add(moduleKey(module));
        }
        for (Map<?, ?> p : UpdateinfoXml.maps(collection.get("packages"))) {
          nevras.add(PackageNevras.hash(p));
        }
      }
    } else if (RpmTypes.MODULEMD.equals(unit.typeId())) {
      if (m.get("artifacts") instanceof List<?> artifacts) {
        artifacts.forEach(a -> nevras.addArtifact(String.valueOf(a)));
      }
    } else if (RpmTypes.CATEGORY.equals(unit.typeId())) {
      addTexts(groups, m.get("packagegroupids"));
    } else if (RpmTypes.ENVIRONMENT.equals(unit.typeId())) {
      addTexts(groups, m.get("group_ids"));
      for (Map<?, ?> option : UpdateinfoXml.maps(m.get("options"))) {
        addTexts(groups, List.of(String.valueOf(option.get("group"))));
      }
    } else if (RpmTypes.GROUP.equals(unit.typeId())) {
      groupsNoted.add(String.valueOf(unit.unitKey().get("id")));
      for (String kind : List.of("mandatory", "default", "optional")) {
        if (m.get(kind + "_package_names") instanceof List<?> list) {
          list.forEach(n -> names.add(String.valueOf(n)));
        }
      }
      if (m.get("conditional_package_names") instanceof List<?> pairs) {
        pairs.forEach(pair -> names.add(String.valueOf(((List<?>) pair).get(0))));
      }
    }
  }

  private static void addTexts(Set<String> into, Object list) {
    if (list instanceof List<?> texts) {
      texts.forEach(t -> into.add(String.valueOf(t)));
    }
  }

  boolean isEmpty() {
    return nevras.isEmpty() && names.isEmpty() && modules.isEmpty() && groups.isEmpty();
  }

  /**
   * Associates the source's groups a copied category or environment names, each as {@code own}
   * makes it the destination's, and notes what they bring.
   */
  private long associateGroups(ImportConduit conduit, UnaryOperator<Unit> own) {
    groups.removeAll(groupsNoted);
    if (groups.isEmpty()) {
      return 0;
    }
    long count = 0;
    try (Stream<Unit> all = conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.GROUP))) {
      for (Unit group : (Iterable<Unit>) all::iterator) {
        if (groups.contains(String.valueOf(group.unitKey().get("id")))
            && !groupsNoted.contains(String.valueOf(group.unitKey().get("id")))) {
          conduit.associateUnit(own.apply(group));
          note(group);
          count++;
        }
      }
    }
    return count;
  }

  /**
   * Associates the source's module streams a modular erratum names (and notes their artifacts, so
   * that the packages come too): dnf applies such an erratum only with its module.
   */
  private long associateModules(ImportConduit conduit, Set<String> chosen) {
    if (modules.isEmpty()) {
      return 0;
    }
    long count = 0;
    try (Stream<Unit> all = conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.MODULEMD))) {
      for (Unit module : (Iterable<Unit>) all::iterator) {
        if (modules.contains(moduleKey(module.unitKey())) && chosen.add(PackageCaps.idOf(module))) {
          conduit.associateUnit(module);
          note(module);
          count++;
        }
      }
    }
    return count;
  }

  private static String moduleKey(Map<?, ?> module) {
    StringBuilder key = new StringBuilder();
    for (String field : ErratumFields.MODULE) {
      key.append(module.get(field)).append('\n');
    }
    return key.toString();
  }

  /**
   * Associates the source's groups and packages that were brought and not chosen already (a group
   * as {@code own} makes it the destination's); adds the packages to {@code chosen}, and to {@code
   * selected} when dependencies are followed (not null).
   */
  long associate(
      ImportConduit conduit,
      Set<String> chosen,
      List<PackageCaps> selected,
      UnaryOperator<Unit> own) {
    Map<String, Unit> newestByName = new HashMap<>();
    long count = associateGroups(conduit, own) + associateModules(conduit, chosen);
    try (Stream<Unit> rpms = conduit.sourceUnits(UnitCriteria.ofTypes(RpmTypes.RPM))) {
      for (Unit unit : (Iterable<Unit>) rpms::iterator) {
        Map<String, Object> k = unit.unitKey();
        if (nevras.contains(k)) {
          count += take(conduit, unit, chosen, selected);
        }
        if (names.contains(String.valueOf(k.get("name")))) {
          // Per name and arch, as Pulp's copy by name: a multilib repository's i686 and x86_64.
          newestByName.merge(k.get("name") + "\n" + k.get("arch"), unit, Brought::newer);
        }
      }
    }
    for (Unit unit : newestByName.values()) {
      count += take(conduit, unit, chosen, selected);
    }
    return count;
  }

  private int take(
      ImportConduit conduit, Unit unit, Set<String> chosen, List<PackageCaps> selected) {
    if (!chosen.add(PackageCaps.idOf(unit))) {
      return 0;
    }
    conduit.associateUnit(unit);
    copied.note(unit);
    if (selected != null) {
      selected.add(PackageCaps.of(unit));
    }
    return 1;
  }

  private static Unit newer(Unit a, Unit b) {
    return Evr.compare(evr(a), evr(b)) >= 0 ? a : b;
  }

  private static Evr evr(Unit u) {
    Map<String, Object> k = u.unitKey();
    return new Evr(
        String.valueOf(k.get("epoch")),
        String.valueOf(k.get("version")),
        String.valueOf(k.get("release")));
  }
}
