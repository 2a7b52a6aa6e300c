package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Profiler;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code yum_profiler}: applicability from a consumer's {@code rpm} profile (its installed
 * packages: name, epoch, version, release, arch, as {@code rpm -qa} lists them) and its {@code
 * modulemd} profile (as dnf's modules.d says: the module streams it has enabled, name and stream,
 * and the modules it has disabled, name and {@code "state": "disabled"}); a module it names in
 * neither has its default stream (the repository's modulemd_defaults) enabled, as dnf does. A
 * package of a bound repository applies when the consumer has that name and arch installed at an
 * older EVR, unless it belongs to a module stream of the repository the consumer has not enabled
 * (dnf does not offer those); an erratum applies when its package list names such a package the
 * repository holds, and a collection of a modular erratum counts only with its stream enabled.
 */
public final class RpmProfiler implements Profiler {
  /** The profiler id, as in Pulp. */
  public static final String ID = "yum_profiler";

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Yum Profiler", List.of(RpmTypes.RPM, RpmTypes.MODULEMD));
  }

  @Override
  public Object checkProfile(String contentType, Object profile) {
    if (RpmTypes.MODULEMD.equals(contentType)) {
      return checkStreams(profile);
    }
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

  /** One profile judged alone: as {@link #applicable(Map, UnitSource)} with only that one. */
  @Override
  public Map<String, List<Unit>> applicable(
      String contentType, Object profile, UnitSource repository) {
    return applicable(Map.of(contentType, profile), repository);
  }

  @Override
  public Map<String, List<Unit>> applicable(Map<String, Object> profiles, UnitSource repository) {
    Map<String, Evr> installed = new HashMap<>(); // name.arch -> newest installed
    if (profiles.get(RpmTypes.RPM) instanceof List<?> packages) {
      for (Object o : packages) {
        Map<?, ?> p = (Map<?, ?>) o;
        Evr evr = evr(p.get("epoch"), p.get("version"), p.get("release"));
        installed.merge(p.get("name") + "." + p.get("arch"), evr, RpmProfiler::newer);
      }
    }
    Set<String> enabled = new HashSet<>(); // name:stream
    Set<String> stated = new HashSet<>(); // modules the machine enabled a stream of, or disabled
    if (profiles.get(RpmTypes.MODULEMD) instanceof List<?> streams) {
      for (Object o : streams) {
        Map<?, ?> m = (Map<?, ?>) o;
        stated.add(String.valueOf(m.get("name")));
        if (!"disabled".equals(m.get("state"))) {
          enabled.add(stream(m));
        }
      }
    }
    ModularPackages modular = ModularPackages.of(repository, enabled, stated);
    List<Unit> rpms = new ArrayList<>();
    PackageNevras offered = new PackageNevras(); // what dnf on that machine may install from here
    try (Stream<Unit> units = repository.units(UnitCriteria.ofTypes(RpmTypes.RPM))) {
      units.forEach(
          u -> {
            Map<String, Object> k = u.unitKey();
            if (!modular.offered(k)) {
              return;
            }
            offered.add(k);
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
      units.filter(u -> anyUpdates(installed, modular.enabled(), offered, u)).forEach(errata::add);
    }
    Map<String, List<Unit>> applicable = new LinkedHashMap<>();
    applicable.put(RpmTypes.RPM, rpms);
    applicable.put(RpmTypes.ERRATUM, errata);
    return applicable;
  }

  /**
   * Whether the erratum updates an installed package with one the repository offers the machine: it
   * lists only the packages the repository holds when published (see {@link PackageNevras}); a
   * modular collection counts only with its module stream enabled, as dnf applies it.
   */
  private static boolean anyUpdates(
      Map<String, Evr> installed, Set<String> enabled, PackageNevras offered, Unit erratum) {
    for (Map<?, ?> c : UpdateinfoXml.maps(erratum.metadata().get("pkglist"))) {
      if (c.get("module") instanceof Map<?, ?> module && !enabled.contains(stream(module))) {
        continue;
      }
      for (Map<?, ?> p : UpdateinfoXml.maps(c.get("packages"))) {
        if (offered.contains(p)
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

  static String stream(Map<?, ?> module) {
    return module.get("name") + ":" + module.get("stream");
  }

  /** A modulemd profile: the enabled streams, each with its name and stream. */
  private static List<Map<String, Object>> checkStreams(Object profile) {
    if (!(profile instanceof List<?> streams)) {
      throw new IllegalArgumentException(
          "a modulemd profile is a list of the module streams enabled (name, stream) and of the"
              + " modules disabled (name, state disabled)");
    }
    List<Map<String, Object>> checked = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      if (!(streams.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("profile[" + i + "] must be an object");
      }
      Fields f = new Fields(m, "profile[" + i + "]");
      f.text("name", true);
      String state = f.text("state", false);
      if (state != null && !state.equals("enabled") && !state.equals("disabled")) {
        throw new IllegalArgumentException(
            "profile[" + i + "].state must be enabled or disabled, not " + state);
      }
      // A disabled module names no stream; an enabled one must.
      f.text("stream", !"disabled".equals(state));
      for (String optional : List.of("version", "context", "arch")) {
        f.text(optional, false);
      }
      checked.add(f.result());
    }
    return checked;
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
