package dev.depot.plugins.puppet;

import dev.depot.plugin.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one {@code puppet_install_distributor} last installed, kept in its master directory: when
 * its {@code install_path} changes, the next publish (or its removal) takes the modules out of the
 * old place, so a Puppet environment there does not go on loading them. The old place is left alone
 * when another distributor has published there since (it owns it now).
 */
final class InstallRecord {
  private final Path file;
  private final String owner;

  InstallRecord(Platform platform, String repoId, String distributorId) {
    this.file =
        platform
            .masterDir(PuppetInstallDistributor.ID, repoId, distributorId)
            .resolve("install_path");
    this.owner = repoId + "/" + distributorId;
  }

  /** After a publish into {@code target}: claims it, and uninstalls the previous place. */
  void installed(InstallTarget target) throws IOException {
    ModuleInstall.claim(target, owner);
    removePrevious(target);
    Files.createDirectories(file.getParent());
    Files.writeString(file, target.link().toString());
  }

  /** Uninstalls the last place installed into unless it is {@code current} or another's now. */
  void removePrevious(InstallTarget current) throws IOException {
    Optional<InstallTarget> previous = previous();
    if (previous.isPresent()
        && !previous.get().equals(current)
        && ModuleInstall.ownedBy(previous.get(), owner)) {
      ModuleInstall.uninstall(previous.get());
    }
  }

  /** Forgets the record: the distributor is gone. */
  void forget() throws IOException {
    Files.deleteIfExists(file);
  }

  private Optional<InstallTarget> previous() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(new InstallTarget(Path.of(Files.readString(file).strip())));
  }
}
