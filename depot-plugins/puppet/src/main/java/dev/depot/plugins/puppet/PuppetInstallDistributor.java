package dev.depot.plugins.puppet;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.cancel.Cancellation;
import dev.depot.publish.config.ConfigCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * {@code puppet_install_distributor}: publishing installs the repository's modules into {@code
 * install_path} (plus {@code subdir}) as {@code puppet module install} would, so a Puppet
 * environment's module path is exactly the repository; modules that left the repository leave the
 * directory. The switch is atomic (see {@link ModuleInstall}); see {@link InstallTarget} for the
 * paths it refuses. Two releases installing at the same module name (two versions, or two authors'
 * modules of one name) fail the publish, naming them, as in Pulp.
 */
public final class PuppetInstallDistributor implements Distributor {
  /** The distributor type id. */
  public static final String ID = "puppet_install_distributor";

  static final String INSTALL_PATH = "install_path";
  static final String SUBDIR = "subdir";

  private final Cancellation cancellation = new Cancellation();
  private Platform platform;

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Puppet Install Distributor", List.of(PuppetTypes.MODULE));
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    ConfigCheck check = new ConfigCheck(config);
    check.onlyKeys(Set.of(INSTALL_PATH, SUBDIR));
    String path = check.string(INSTALL_PATH);
    String subdir = check.string(SUBDIR);
    if (path == null && !check.has(INSTALL_PATH)) {
      check.problem(INSTALL_PATH, INSTALL_PATH + " is required: the directory to install into");
    } else if (path != null) {
      try {
        clash(target(config), conduit).ifPresent(other -> check.problem(INSTALL_PATH, other));
      } catch (IllegalArgumentException e) {
        check.problem(
            subdir != null && e.getMessage().startsWith(SUBDIR) ? SUBDIR : INSTALL_PATH,
            e.getMessage());
      }
    }
    return check.result();
  }

  /**
   * Another install distributor whose directory is this one's, or inside it, or holds it: two
   * publishes would replace each other's modules.
   */
  private Optional<String> clash(InstallTarget target, ConfigConduit conduit) {
    try (Stream<ConfiguredDistributor> others =
        Stream.concat(conduit.otherDistributors(), conduit.siblingDistributors())) {
      return others
          .filter(other -> overlaps(target, other.config()))
          .findFirst()
          .map(
              other ->
                  INSTALL_PATH
                      + " "
                      + target.link()
                      + " overlaps where distributor "
                      + other.distributorId()
                      + " of repository "
                      + other.repoId()
                      + " installs");
    }
  }

  private boolean overlaps(InstallTarget target, Map<String, Object> otherConfig) {
    try {
      Path other = target(PluginCallConfiguration.of(otherConfig)).link();
      return other.startsWith(target.link()) || target.link().startsWith(other);
    } catch (IllegalArgumentException e) {
      return false; // a stored config no longer valid installs nowhere new
    }
  }

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    return cancellation.run(
        () -> {},
        () -> install(conduit, target(config), record(repo, conduit.distributorId())),
        () -> PublishReport.canceled("cancelled", null));
  }

  @Override
  public void cancelPublishRepo() {
    cancellation.cancel();
  }

  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    try {
      InstallTarget target = target(config);
      ModuleInstall.uninstall(target);
      Optional<InstallRecord> record = record(repo, distributorId);
      if (record.isPresent()) {
        record.get().removePrevious(target); // install_path changed since the last publish
        record.get().forget();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PublishReport install(
      PublishConduit conduit, InstallTarget target, Optional<InstallRecord> record) {
    Map<String, String> installed = new HashMap<>(); // module name -> release, to find clashes
    ModuleInstall install;
    try {
      install = ModuleInstall.begin(target);
    } catch (IOException e) {
      return PublishReport.failure(
          "cannot install into " + target.link() + ": " + e.getMessage(), null);
    }
    try (Stream<Unit> units = conduit.units(PuppetPublish.UNITS)) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        cancellation.throwIfRequested("install");
        ModuleId id = ModuleRelease.idOf(unit);
        String clash = installed.put(id.name(), id.releaseSlug());
        if (clash != null) {
          install.abandon();
          return PublishReport.failure(
              "two releases would install as module '"
                  + id.name()
                  + "': "
                  + clash
                  + " and "
                  + id.releaseSlug()
                  + "; keep one in the repository",
              null);
        }
        install.install(id.name(), unit.storagePath());
      }
      install.commit();
    } catch (CancellationException e) {
      abandon(install);
      return PublishReport.canceled(Map.of("state", "cancelled"), null);
    } catch (IOException e) {
      abandon(install);
      return PublishReport.failure("install failed: " + e.getMessage(), null);
    }
    try {
      if (record.isPresent()) {
        record.get().installed(target);
      }
    } catch (IOException e) {
      return PublishReport.failure(
          "installed into "
              + target.link()
              + ", but the previous install_path could not be emptied: "
              + e.getMessage(),
          null);
    }
    // Where, too: the CLI says it, as it says an export_dir's; nothing else shows the directory.
    Map<String, Object> report =
        Map.of(
            "state",
            "complete",
            "modules_installed",
            installed.size(),
            "install_path",
            target.link().toString());
    conduit.setProgress(report);
    return PublishReport.success(report, null);
  }

  private static void abandon(ModuleInstall install) {
    try {
      install.abandon();
    } catch (IOException e) {
      // The half-built set stays beside the target, never switched in; the next publish clears it.
    }
  }

  private Optional<InstallRecord> record(Repository repo, String distributorId) {
    return platform == null
        ? Optional.empty()
        : Optional.of(new InstallRecord(platform, repo.id(), distributorId));
  }

  private InstallTarget target(PluginCallConfiguration config) {
    Path dataDir = platform == null ? null : platform.publishRoot().getParent();
    return InstallTarget.of(
        config.getString(INSTALL_PATH).orElse(null),
        config.getString(SUBDIR).orElse(null),
        dataDir);
  }
}
