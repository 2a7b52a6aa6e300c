package dev.depot.plugins.rpm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packages a copy must bring along so that what it copies can be installed, as Pulp's {@code
 * recursive} copy does: each requirement of a copied package that no package of the copy (and, for
 * {@code recursive_conservative}, of the destination) meets is met from the source repository by
 * the newest package of each name that provides it (of the requiring package's arch where a
 * multilib repository has several), and so on for what that one requires. A requirement nothing in
 * the source meets is left unmet and named: the copy does not fail for it, as in Pulp. A rich
 * dependency ({@code (a or b)}, {@code (lib >= 1 with lib < 2)}...) is met as {@link
 * RichDependency} says, as Pulp's libsolv met it; a weak {@code Recommends} is brought when the
 * source meets it, as Pulp's libsolv brought it (and dnf installs it), and never named unmet.
 */
final class DependencyClosure {
  private static final String NOARCH = "noarch";
  private final ProvidesIndex source = new ProvidesIndex();
  private final ProvidesIndex present = new ProvidesIndex();
  private final Set<String> chosen = new LinkedHashSet<>();
  private final Set<String> unmet = new LinkedHashSet<>();
  private final Set<String> selectedArches = new LinkedHashSet<>();

  /** Indexes a package of the source repository as a candidate. */
  void candidate(PackageCaps pkg) {
    source.add(pkg);
  }

  /** Counts a package as there already: in the destination, for a conservative copy. */
  void present(PackageCaps pkg) {
    present.add(pkg);
  }

  /**
   * The file paths that a source package or a chosen one requires (plainly or inside a rich
   * dependency) and no package's primary entry provides: those only the packages' filelists can
   * meet ({@link ListedFiles}), to be given to {@link #candidateFiles} and {@link #presentFiles}
   * before {@link #solve}.
   */
  Set<String> filesToLookUp(Collection<PackageCaps> selected) {
    Set<String> paths = new LinkedHashSet<>();
    for (PackageCaps pkg : source.all()) {
      requiredPaths(pkg, paths);
    }
    for (PackageCaps pkg : selected) {
      requiredPaths(pkg, paths);
    }
    paths.removeIf(path -> source.provides(path) || present.provides(path));
    return paths;
  }

  /** A source package (by {@link PackageCaps#id()}) holds these files, found in its filelists. */
  void candidateFiles(String id, Set<String> paths) {
    source.addFiles(id, paths);
  }

  /** A destination package holds these files, for a conservative copy. */
  void presentFiles(String id, Set<String> paths) {
    present.addFiles(id, paths);
  }

  private static void requiredPaths(PackageCaps pkg, Set<String> paths) {
    for (Capability required : pkg.requires()) {
      if (RichDependency.is(required.name())) {
        for (String token : required.name().split("[\\s()]+")) {
          if (token.startsWith("/")) {
            paths.add(token);
          }
        }
      } else if (required.name().startsWith("/")) {
        paths.add(required.name());
      }
    }
  }

  /**
   * Solves for the packages the user chose; answers the ids ({@link PackageCaps#id()}) of the
   * source packages to copy besides them.
   */
  Set<String> solve(Collection<PackageCaps> selected) {
    Deque<PackageCaps> todo = new ArrayDeque<>();
    for (PackageCaps pkg : selected) {
      present.add(pkg);
      todo.add(pkg);
      if (!NOARCH.equals(arch(pkg))) {
        selectedArches.add(arch(pkg));
      }
    }
    while (!todo.isEmpty()) {
      PackageCaps next = todo.poll();
      for (Capability recommended : next.recommends()) {
        // Weak: brought when the source has it (dnf installs it then), never named as unmet.
        if (RichDependency.is(recommended.name())) {
          rich(recommended, next, todo, false);
        } else if (!present.meets(recommended)) {
          bring(source.providers(recommended), next, todo);
        }
      }
      for (Capability required : next.requires()) {
        if (RichDependency.is(required.name())) {
          rich(required, next, todo, true);
          continue;
        }
        if (present.meets(required)) {
          continue;
        }
        List<PackageCaps> providers = source.providers(required);
        if (providers.isEmpty()) {
          unmet.add(describe(required));
        }
        bring(providers, next, todo);
      }
    }
    return chosen;
  }

  private void bring(List<PackageCaps> providers, PackageCaps requirer, Deque<PackageCaps> todo) {
    for (PackageCaps provider : newestPerName(ofArch(providers, requirer))) {
      if (chosen.add(provider.id())) {
        present.add(provider);
        todo.add(provider);
      }
    }
  }

  /** A rich dependency: {@code (a or b)}, {@code (a with b)}... ({@link RichDependency}). */
  private void rich(
      Capability required, PackageCaps requirer, Deque<PackageCaps> todo, boolean strong) {
    RichDependency.Packages packages =
        new RichDependency.Packages() {
          @Override
          public List<PackageCaps> held(Capability c) {
            return present.providers(c);
          }

          @Override
          public List<PackageCaps> available(Capability c) {
            return source.providers(c);
          }

          @Override
          public void bring(List<PackageCaps> providers) {
            DependencyClosure.this.bring(providers, requirer, todo);
          }
        };
    RichDependency dependency;
    try {
      dependency = RichDependency.parse(required.name());
    } catch (IllegalArgumentException e) {
      if (strong) {
        unmet.add(required.name());
      }
      return;
    }
    if (dependency.met(packages)) {
      return;
    }
    if (dependency.possible(packages)) {
      dependency.bring(packages);
    } else if (strong) {
      unmet.add(required.name());
    }
  }

  /** The requirements nothing in the source met, as {@code name flags evr}. */
  Set<String> unmet() {
    return unmet;
  }

  /**
   * Of each name's providers, those of the requiring package's arch or noarch when there are any
   * (of the chosen packages' arches for a noarch one), as libsolv's arch policy chose for Pulp: a
   * multilib repository's x86_64 package brings the x86_64 library, not the i686 build of it.
   */
  private List<PackageCaps> ofArch(List<PackageCaps> providers, PackageCaps requirer) {
    Set<String> wanted = new LinkedHashSet<>();
    if (NOARCH.equals(arch(requirer))) {
      wanted.addAll(selectedArches);
    } else {
      wanted.add(arch(requirer));
    }
    wanted.add(NOARCH);
    Map<String, List<PackageCaps>> byName = new LinkedHashMap<>();
    for (PackageCaps p : providers) {
      byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
    }
    List<PackageCaps> kept = new ArrayList<>();
    for (List<PackageCaps> ofName : byName.values()) {
      List<PackageCaps> matching = ofName.stream().filter(p -> wanted.contains(arch(p))).toList();
      kept.addAll(matching.isEmpty() ? ofName : matching);
    }
    return kept;
  }

  private static String arch(PackageCaps pkg) {
    return String.valueOf(pkg.unitKey().get("arch"));
  }

  private static List<PackageCaps> newestPerName(List<PackageCaps> providers) {
    Map<String, PackageCaps> newest = new LinkedHashMap<>();
    Comparator<PackageCaps> byEvr = (a, b) -> Evr.compare(a.evr(), b.evr());
    for (PackageCaps p : providers) {
      newest.merge(p.name(), p, (a, b) -> byEvr.compare(a, b) >= 0 ? a : b);
    }
    return new ArrayList<>(newest.values());
  }

  private static String describe(Capability c) {
    if (c.flags() == null || c.evr() == null) {
      return c.name();
    }
    Evr e = c.evr();
    String evr =
        (e.epoch() == null || e.epoch().equals("0") ? "" : e.epoch() + ":")
            + e.version()
            + (e.release() == null ? "" : "-" + e.release());
    return c.name() + " " + c.flags() + " " + evr;
  }

  /** Packages by the names they provide, files included. */
  private static final class ProvidesIndex {
    private final Map<String, List<PackageCaps>> byName = new HashMap<>();
    private final Map<String, PackageCaps> byId = new HashMap<>();

    Collection<PackageCaps> all() {
      return byId.values();
    }

    boolean provides(String name) {
      return byName.containsKey(name);
    }

    /** Files found in a package's filelists: provides of it as much as those of its primary. */
    void addFiles(String id, Set<String> paths) {
      PackageCaps pkg = byId.get(id);
      if (pkg == null) {
        return;
      }
      for (String path : paths) {
        Capability file = new Capability(path, null, null);
        pkg.provides().add(file);
        List<PackageCaps> list = byName.computeIfAbsent(path, n -> new ArrayList<>(1));
        if (!list.contains(pkg)) {
          list.add(pkg);
        }
      }
    }

    void add(PackageCaps pkg) {
      byId.putIfAbsent(pkg.id(), pkg);
      for (Capability provided : pkg.provides()) {
        List<PackageCaps> list = byName.computeIfAbsent(provided.name(), n -> new ArrayList<>(1));
        if (list.isEmpty() || list.get(list.size() - 1) != pkg) {
          list.add(pkg);
        }
      }
    }

    List<PackageCaps> providers(Capability required) {
      return byName.getOrDefault(required.name(), List.of()).stream()
          .filter(p -> p.meets(required))
          .toList();
    }

    boolean meets(Capability required) {
      for (PackageCaps p : byName.getOrDefault(required.name(), List.of())) {
        if (p.meets(required)) {
          return true;
        }
      }
      return false;
    }
  }
}
