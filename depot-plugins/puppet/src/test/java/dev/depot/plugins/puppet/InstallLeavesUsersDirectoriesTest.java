package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * puppet_install_distributor takes away only what it made: the directories its first publish
 * created above install_path (when that publish fails, or when the distributor is removed), and
 * nothing of an empty directory the user had at install_path (publishing replaces it by Depot's
 * symlink; removing the distributor puts it back).
 */
class InstallLeavesUsersDirectoriesTest {
  @TempDir Path dir;
  InMemoryContent content;
  PuppetInstallDistributor distributor;

  @BeforeEach
  void setUp() {
    content = InMemoryContent.under(dir.resolve("data/store"), "prod");
    distributor = new PuppetInstallDistributor();
    distributor.init(Platform.publishingUnder(dir.resolve("data/published")));
  }

  @Test
  void aFailedFirstPublishRemovesTheParentDirectoriesItCreated() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    TestModules.upload(content, dir, "acme", "web", "1.3.0"); // two releases: the publish fails
    Files.createDirectories(dir.resolve("srv"));

    PublishReport report = publish(at(dir.resolve("srv/puppet/env/modules")));

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(dir.resolve("srv")).as("the user's own directory").isEmptyDirectory();
  }

  @Test
  void aFailedFirstPublishKeepsWhatTheUserPutBesideTheDirectoriesItCreated() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    TestModules.upload(content, dir, "acme", "web", "1.3.0");
    Path env = Files.createDirectories(dir.resolve("srv/env"));
    Files.writeString(env.resolve("environment.conf"), "modulepath = modules\n");

    PublishReport report = publish(at(env.resolve("modules")));

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(env).isDirectoryContaining("glob:**/environment.conf");
    assertThat(env.resolve(".modules.depot")).doesNotExist();
  }

  @Test
  void aFailedFirstPublishIntoTheUsersEmptyDirectoryLeavesItAsItWas() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    TestModules.upload(content, dir, "acme", "web", "1.3.0");
    Path modules = Files.createDirectories(dir.resolve("env/modules"));

    assertThat(publish(at(modules))).isInstanceOf(PublishReport.Failed.class);

    assertThat(Files.isDirectory(modules, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(dir.resolve("env")).isDirectoryNotContaining("glob:**/.modules.depot");
  }

  @Test
  void removingTheDistributorPutsBackTheEmptyDirectoryTheUserHad() throws Exception {
    Path modules = Files.createDirectories(dir.resolve("env/modules"));
    Files.setPosixFilePermissions(modules, PosixFilePermissions.fromString("rwxr-x---"));
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    assertThat(publish(at(modules))).isInstanceOf(PublishReport.Published.class);
    assertThat(publish(at(modules))).isInstanceOf(PublishReport.Published.class);
    assertThat(Files.isSymbolicLink(modules)).isTrue();

    distributor.distributorRemoved(content.repository(), "install", at(modules));

    assertThat(Files.isDirectory(modules, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(modules).isEmptyDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(modules)))
        .isEqualTo("rwxr-x---");
    assertThat(dir.resolve("env/.modules.depot")).doesNotExist();
  }

  @Test
  void aNewInstallPathPutsBackTheEmptyDirectoryTheUserHadAtTheOldOne() throws Exception {
    Path old = Files.createDirectories(dir.resolve("env/modules"));
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    publish(at(old));

    assertThat(publish(at(dir.resolve("env2/modules"))))
        .isInstanceOf(PublishReport.Published.class);

    assertThat(Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(old).isEmptyDirectory();
  }

  @Test
  void removingTheDistributorLeavesNoDirectoryWhereThereWasNone() throws Exception {
    Path modules = dir.resolve("env/modules");
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    publish(at(modules));

    distributor.distributorRemoved(content.repository(), "install", at(modules));

    assertThat(modules).doesNotExist();
    assertThat(Files.isSymbolicLink(modules)).isFalse();
  }

  @Test
  void removingTheDistributorRemovesTheParentDirectoriesItsFirstPublishCreated() throws Exception {
    Files.createDirectories(dir.resolve("srv"));
    Path modules = dir.resolve("srv/puppet/env/modules");
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    assertThat(publish(at(modules))).isInstanceOf(PublishReport.Published.class);
    TestModules.upload(content, dir, "acme", "db", "2.0.0");
    assertThat(publish(at(modules))).isInstanceOf(PublishReport.Published.class);

    distributor.distributorRemoved(content.repository(), "install", at(modules));

    assertThat(dir.resolve("srv")).as("the user's own directory").isEmptyDirectory();
  }

  @Test
  void removingTheDistributorKeepsWhatTheUserPutInTheDirectoriesItCreated() throws Exception {
    Path modules = dir.resolve("srv/puppet/env/modules");
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    assertThat(publish(at(modules))).isInstanceOf(PublishReport.Published.class);
    Files.writeString(dir.resolve("srv/puppet/env/environment.conf"), "modulepath = modules\n");

    distributor.distributorRemoved(content.repository(), "install", at(modules));

    assertThat(modules).doesNotExist();
    assertThat(dir.resolve("srv/puppet/env")).isDirectoryContaining("glob:**/environment.conf");
  }

  private static PluginCallConfiguration at(Path installPath) {
    return PluginCallConfiguration.of(Map.of("install_path", installPath.toString()));
  }

  private PublishReport publish(PluginCallConfiguration config) {
    return distributor.publishRepo(content.repository(), content.publishConduit("install"), config);
  }
}
