package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Profiler;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code yum_profiler}: applicability from a consumer's {@code rpm} profile (its installed
 * packages: name, epoch, version, release, arch, as {@code rpm -qa} lists them). A package of a
 * bound repository applies when the consumer has that name and arch installed at an older EVR; an
 * erratum applies when its package list names such a newer package.
 */
public final class RpmProfiler implements Profiler {
  /** The profiler id, as in Pulp. */
  public static final String ID = "yum_profiler";

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Yum Profiler", List.of(RpmTypes.RPM));
  }

  @Override
  public Object checkProfile(String contentType, Object profile) {
    if (!(profile instanceof List<?> packages)) {
      throw new IllegalArgumentException("an rpm profile is a list of installed packages");
    }
    List<Map<String, Object>> checked = new ArrayList<>();
    for (int i = 0; i < packages.size(); i++) {
      if (!(packages.get(i) instanceof Map<?, ?> p)) {
        throw new IllegalArgumentException("profile[" + i + "] must be an object");
      }
      Fields f = new Fields(p, "profile[" + i + "]");
      f.text("name", true);
      if (f.text("epoch", false) == null) {
        f.put("epoch", "0");
      }
      f.text("version", true);
      f.text("release", true);
      f.text("arch", true);
      f.text("vendor", false);
      checked.add(f.result());
    }
    return checked;
  }

  @Override
  public Map<String, List<Unit>> applicable(
      String contentType, Object profile, UnitSource repository) {
    Map<String, Evr> installed = new HashMap<>(); // name.arch -> newest installed
    if (profile instanceof List<?> packages) {
      for (Object o : packages) {
        Map<?, ?> p = (Map<?, ?>) o;
        Evr evr = evr(p.get("epoch"), p.get("version"), p.get("release"));
        installed.merge(p.get("name") + "." + p.get("arch"), evr, RpmProfiler::newer);
      }
    }
    Map<String, List<Unit>> applicable = new LinkedHashMap<>();
    List<Unit> rpms = new ArrayList<>();
    PackageNevras held = new PackageNevras();
    try (Stream<Unit> units = repository.units(UnitCriteria.ofTypes(RpmTypes.RPM))) {
      units.forEach(
          u -> {
            Map<String, Object> k = u.unitKey();
            held.add(k);
            if (updates(
                installed,
                k.get("name"),
                k.get("arch"),
                k.get("epoch"),
                k.get("version"),
                k.get("release"))) {
              rpms.add(u);
            }
          });
    }
    List<Unit> errata = new ArrayList<>();
    try (Stream<Unit> units = repository.units(UnitCriteria.ofTypes(RpmTypes.ERRATUM))) {
      units.filter(u -> anyUpdates(installed, held, u)).forEach(errata::add);
    }
    applicable.put(RpmTypes.RPM, rpms);
    applicable.put(RpmTypes.ERRATUM, errata);
    return applicable;
  }

  /**
   * Whether the erratum updates an installed package with one the repository holds: it lists only
   * those when published (see {@link PackageNevras}), and a bound machine can install no other.
   */
  private static boolean anyUpdates(Map<String, Evr> installed, PackageNevras held, Unit erratum) {
    for (Map<?, ?> c : UpdateinfoXml.maps(erratum.metadata().get("pkglist"))) {
      for (Map<?, ?> p : UpdateinfoXml.maps(c.get("packages"))) {
        if (held.contains(p)
            && updates(
                installed,
                p.get("name"),
                p.get("arch"),
                p.get("epoch"),
                p.get("version"),
                p.get("release"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean updates(
      Map<String, Evr> installed, Object name, Object arch, Object e, Object v, Object r) {
    Evr present = installed.get(name + "." + arch);
    return present != null && Evr.compare(evr(e, v, r), present) > 0;
  }

  private static Evr evr(Object epoch, Object version, Object release) {
    return new Evr(
        epoch == null ? "0" : String.valueOf(epoch),
        String.valueOf(version),
        String.valueOf(release));
  }

  private static Evr newer(Evr a, Evr b) {
    return Evr.compare(a, b) >= 0 ? a : b;
  }
}
