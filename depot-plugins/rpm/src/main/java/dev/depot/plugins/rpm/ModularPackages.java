package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which packages of a repository belong to its module streams, as a machine's dnf sees them: a
 * package that is an artifact of some stream is offered only when one of its streams is enabled
 * there; a package of no stream always is. Held as {@link PackageNevras} (8 bytes a modular
 * package).
 */
final class ModularPackages {
  private final PackageNevras ofEnabled = new PackageNevras();
  private final PackageNevras ofAny = new PackageNevras();

  private final Set<String> enabled;

  private ModularPackages(Set<String> enabled) {
    this.enabled = enabled;
  }

  /** The streams enabled on the machine, its modules' default streams included. */
  Set<String> enabled() {
    return enabled;
  }

  /**
   * The module streams of {@code repository}, judged for a machine with {@code machineEnabled}
   * streams ({@code name:stream}); a module not in {@code stated} (enabled or disabled there) has
   * its default stream enabled, as dnf does ({@link #enabled}).
   */
  static ModularPackages of(UnitSource repository, Set<String> machineEnabled, Set<String> stated) {
    Set<String> enabled = new HashSet<>(machineEnabled);
    try (Stream<Unit> defaults =
        repository.units(UnitCriteria.ofTypes(RpmTypes.MODULEMD_DEFAULTS))) {
      defaults.forEach(
          d -> {
            Object module = d.unitKey().get("module");
            Object stream = d.metadata().get("stream");
            if (stream != null && !stated.contains(String.valueOf(module))) {
              enabled.add(module + ":" + stream);
            }
          });
    }
    ModularPackages modular = new ModularPackages(Set.copyOf(enabled));
    try (Stream<Unit> modules = repository.units(UnitCriteria.ofTypes(RpmTypes.MODULEMD))) {
      modules.forEach(
          module -> {
            boolean on = enabled.contains(RpmProfiler.stream(module.unitKey()));
            if (module.metadata().get("artifacts") instanceof List<?> artifacts) {
              for (Object artifact : artifacts) {
                modular.ofAny.addArtifact(String.valueOf(artifact));
                if (on) {
                  modular.ofEnabled.addArtifact(String.valueOf(artifact));
                }
              }
            }
          });
    }
    return modular;
  }

  /** Whether dnf on that machine may install the package of this unit key. */
  boolean offered(Map<String, Object> unitKey) {
    return !ofAny.contains(unitKey) || ofEnabled.contains(unitKey);
  }
}
