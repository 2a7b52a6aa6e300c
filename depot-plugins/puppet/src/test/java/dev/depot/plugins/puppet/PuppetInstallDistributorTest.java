package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.TestConfigConduit;
import dev.depot.plugin.testkit.UnitSpec;
import dev.depot.plugins.puppet.TestModules.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** puppet_install_distributor installing into a real directory that real puppet then reads. */
class PuppetInstallDistributorTest {
  @TempDir Path dir;
  InMemoryContent content;
  PuppetInstallDistributor distributor;
  Path modules;

  @BeforeEach
  void setUp() {
    content = InMemoryContent.under(dir.resolve("data/store"), "prod");
    distributor = new PuppetInstallDistributor();
    distributor.init(Platform.publishingUnder(dir.resolve("data/published")));
    modules = dir.resolve("env/modules");
  }

  @Test
  void installsTheRepositoryAsPuppetLaysItOutAndPuppetListsIt() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0", "acme-base >= 1.0.0");
    TestModules.upload(content, dir, "acme", "base", "1.0.0");

    assertThat(publish(config())).isInstanceOf(PublishReport.Published.class);

    assertThat(modules.resolve("web/manifests/init.pp")).hasContent("class web {}");
    assertThat(modules.resolve("base/metadata.json")).content().contains("\"acme-base\"");
    // Debian's puppet (.ci/run installs it) reads the directory as a module path.
    assertThat(puppetModuleList()).contains("acme-web (v1.2.0)").contains("acme-base (v1.0.0)");
    // A Puppet server running as another user reads the modules too.
    assertThat(Files.getPosixFilePermissions(modules.toRealPath()))
        .contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
  }

  @Test
  void keepsTheExecutableBitAsPuppetDoes() throws Exception {
    Path top = Files.createDirectories(dir.resolve("src/acme-tools-1.0.0"));
    Files.writeString(top.resolve("metadata.json"), TestModules.metadata("acme", "tools", "1.0.0"));
    Path script = Files.createDirectories(top.resolve("files")).resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Path init = Files.createDirectories(top.resolve("manifests")).resolve("init.pp");
    Files.writeString(init, "class tools {}\n");
    Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rw-------"));
    Path tarball = dir.resolve("acme-tools-1.0.0.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar",
                "czf",
                tarball.toString(),
                "-C",
                top.getParent().toString(),
                "acme-tools-1.0.0")
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    assertThat(
            new PuppetImporter()
                .uploadUnit(
                    content.repository(),
                    PuppetTypes.MODULE,
                    Map.of(),
                    Map.of(),
                    tarball,
                    content.uploadConduit(),
                    PluginCallConfiguration.of(Map.of())))
        .isInstanceOf(UploadReport.Imported.class);

    assertThat(publish(config())).isInstanceOf(PublishReport.Published.class);

    // puppet module install: 0755 when the owner may execute the file, else 0644.
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(modules.resolve("tools/files/run.sh"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(modules.resolve("tools/manifests/init.pp"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void removingTheDistributorLeavesASymlinkItDidNotMake() throws Exception {
    // The user's own module path, a link to their directory: the publish refuses to replace it,
    // and removing the distributor must not delete it either.
    Path theirs = Files.createDirectories(dir.resolve("srv/modules/keep"));
    Files.createDirectories(modules.getParent());
    Files.createSymbolicLink(modules, theirs.getParent());
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    assertThat(publish(config())).isInstanceOf(PublishReport.Failed.class);

    distributor.distributorRemoved(
        content.repository(), "install", PluginCallConfiguration.of(config()));

    assertThat(Files.isSymbolicLink(modules)).isTrue();
    assertThat(modules.resolve("keep")).isDirectory();
  }

  @Test
  void aModuleThatLeftTheRepositoryLeavesTheDirectoryInOneSwitch() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    TestModules.upload(content, dir, "acme", "db", "1.0.0");
    publish(config());
    Path before = modules.toRealPath();
    content.remove(
        content.units().stream()
            .filter(u -> u.unitKey().get("name").equals("db"))
            .findFirst()
            .orElseThrow());

    assertThat(publish(config())).isInstanceOf(PublishReport.Published.class);

    assertThat(modules.resolve("db")).doesNotExist();
    assertThat(modules.resolve("web")).isDirectory();
    assertThat(Files.isSymbolicLink(modules)).isTrue();
    assertThat(before.resolve("db")).isDirectory(); // the old set, for readers still in it
  }

  @Test
  void refusesPathsItMustNotTouchWrittenOrReachedThroughASymlink() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Path intoData = Files.createSymbolicLink(dir.resolve("data-link"), dir.resolve("data"));
    Path toEtc = Files.createSymbolicLink(dir.resolve("etc-link"), Path.of("/etc"));
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("install_path", "relative/modules"),
            Map.of("install_path", "/etc"),
            Map.of("install_path", "/"),
            Map.of("install_path", dir.resolve("data/store").toString()),
            Map.of("install_path", dir.toString(), "subdir", "../escape"),
            Map.of("install_path", intoData.resolve("modules").toString()),
            Map.of("install_path", dir.toString(), "subdir", "data-link/modules"),
            Map.of("install_path", toEtc.toString()),
            Map.of("install_path", "/usr/local/bin"),
            Map.of("install_path", "/etc/cron.d"),
            Map.of("install_path", toEtc.resolve("cron.d").toString()),
            Map.of(),
            Map.of("install_path", dir.toString(), "colour", "blue"))) {
      ValidationResult result =
          distributor.validateConfig(
              content.repository(), PluginCallConfiguration.of(bad), TestConfigConduit.of());
      assertThat(result).as(bad.toString()).isInstanceOf(ValidationResult.Invalid.class);
    }
    assertThat(
            distributor.validateConfig(
                content.repository(),
                PluginCallConfiguration.of(
                    Map.of("install_path", "/etc/puppetlabs/code/environments/production/modules")),
                TestConfigConduit.of()))
        .as("puppet's own module directory")
        .isEqualTo(ValidationResult.valid());
    ValidationResult throughLink =
        distributor.validateConfig(
            content.repository(),
            PluginCallConfiguration.of(
                Map.of("install_path", intoData.resolve("modules").toString())),
            TestConfigConduit.of());
    assertThat(((ValidationResult.Invalid) throughLink).message())
        .contains("data directory")
        .contains("once its links are followed");
  }

  @Test
  void refusesADirectoryAnotherInstallDistributorUses() {
    var other =
        new ConfiguredDistributor(
            "staging", "install", Map.of("install_path", dir.resolve("env").toString()));

    ValidationResult result =
        distributor.validateConfig(
            content.repository(),
            PluginCallConfiguration.of(config()),
            TestConfigConduit.of(other));

    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).message())
        .contains("install_path")
        .contains("distributor install of repository staging");
  }

  @Test
  void refusesADirectoryHoldingFilesItDidNotInstall() throws Exception {
    Files.createDirectories(modules);
    Files.writeString(modules.resolve("precious.txt"), "keep me");
    TestModules.upload(content, dir, "acme", "web", "1.2.0");

    PublishReport report = publish(config());

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(String.valueOf(report.summary())).contains("did not install");
    assertThat(modules.resolve("precious.txt")).hasContent("keep me");
  }

  @Test
  void neverDeletesThroughALinkPlantedWhereItKeepsItsSets() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("precious.txt"), "keep me");
    Files.createDirectories(modules.getParent());
    Files.createSymbolicLink(modules.resolveSibling(".modules.depot"), elsewhere);
    TestModules.upload(content, dir, "acme", "web", "1.2.0");

    PublishReport report = publish(config());

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(String.valueOf(report.summary())).contains("symlink Depot did not make");
    assertThat(elsewhere.resolve("precious.txt")).hasContent("keep me");
    assertThat(elsewhere).isDirectoryNotContaining("glob:**/{set,building}-*");
  }

  @Test
  void neverWritesItsOwnerRecordThroughALinkPlantedBesideTheSets() throws Exception {
    // Whoever may write beside install_path plants a link where the record of the distributor
    // installing there is about to be written, to a file the server may write.
    Path victim = Files.writeString(dir.resolve("admin-password"), "s3cret");
    Path sets = Files.createDirectories(modules.resolveSibling(".modules.depot"));
    Files.createSymbolicLink(sets.resolve(".owner.new"), victim);
    TestModules.upload(content, dir, "acme", "web", "1.2.0");

    publish(config());

    assertThat(victim).hasContent("s3cret");
  }

  @Test
  void aSwitchRemovesOnlyTheSetsItMadeBesideTheTarget() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    publish(config());
    Path kept = modules.resolveSibling(".modules.depot").resolve("notes.txt");
    Files.writeString(kept, "mine");

    publish(config());
    publish(config());

    assertThat(kept).hasContent("mine");
  }

  @Test
  void twoReleasesOfOneModuleFailNamingThemAndLeaveTheOldSet() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    publish(config());
    TestModules.upload(content, dir, "acme", "web", "1.3.0");

    PublishReport report = publish(config());

    assertThat(String.valueOf(report.summary()))
        .contains("acme-web-1.2.0")
        .contains("acme-web-1.3.0");
    assertThat(modules.resolve("web/README.md")).content().contains("1.2.0");
  }

  @Test
  void aFirstInstallThatFailsLeavesNothingBesideTheTarget() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    TestModules.upload(content, dir, "acme", "web", "1.3.0");

    assertThat(publish(config())).isInstanceOf(PublishReport.Failed.class);

    assertThat(modules).doesNotExist();
    assertThat(dir.resolve("env/.modules.depot")).doesNotExist();
  }

  @Test
  void aStoredTarballEscapingItsModuleFailsTheInstallAndChangesNothing() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    publish(config());
    byte[] evil =
        TestModules.gzip(
            TestModules.tar(
                List.of(
                    Entry.file(
                        "acme-evil-1.0.0/metadata.json",
                        TestModules.metadata("acme", "evil", "1.0.0")),
                    Entry.file("acme-evil-1.0.0/../../../../owned", "boom"))));
    ModuleId id = new ModuleId("acme", "evil", "1.0.0");
    content.add(new UnitSpec(PuppetTypes.MODULE, id.unitKey(), Map.of(), id.fileName()), evil);

    PublishReport report = publish(config());

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(String.valueOf(report.summary())).contains("out of the archive");
    assertThat(modules.resolve("evil")).doesNotExist();
    assertThat(modules.resolve("web")).isDirectory();
    assertThat(dir.resolve("owned")).doesNotExist();
  }

  @Test
  void installsOnlyTheModulesDirectoryAsPuppetDoes() throws Exception {
    // puppet module install moves the directory holding metadata.json into place, nothing else.
    byte[] tarball =
        TestModules.gzip(
            TestModules.tar(
                List.of(
                    Entry.file(
                        "acme-web-1.0.0/metadata.json",
                        TestModules.metadata("acme", "web", "1.0.0")),
                    Entry.file("acme-web-1.0.0/manifests/init.pp", "class web {}\n"),
                    Entry.file("stray/manifests/init.pp", "class web { exec { 'owned': } }\n"),
                    Entry.file("stray/extra.txt", "not the module's"))));
    ModuleId id = new ModuleId("acme", "web", "1.0.0");
    content.add(new UnitSpec(PuppetTypes.MODULE, id.unitKey(), Map.of(), id.fileName()), tarball);

    assertThat(publish(config())).isInstanceOf(PublishReport.Published.class);

    assertThat(modules.resolve("web/manifests/init.pp")).hasContent("class web {}");
    assertThat(modules.resolve("web/extra.txt")).doesNotExist();
  }

  @Test
  void aNewInstallPathTakesTheModulesOutOfTheOldOne() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    publish(config());
    Map<String, Object> moved = Map.of("install_path", dir.resolve("env2/modules").toString());

    assertThat(publish(moved)).isInstanceOf(PublishReport.Published.class);

    assertThat(dir.resolve("env2/modules/web")).isDirectory();
    // A Puppet environment still pointing at the old path no longer loads the modules.
    assertThat(modules).doesNotExist();
    assertThat(dir.resolve("env/.modules.depot")).doesNotExist();

    // Removed after another move it did not publish: neither place keeps its modules.
    distributor.distributorRemoved(
        content.repository(),
        "install",
        PluginCallConfiguration.of(Map.of("install_path", dir.resolve("env3").toString())));
    assertThat(dir.resolve("env2/modules")).doesNotExist();
  }

  @Test
  void theOldInstallPathStaysWhenAnotherDistributorPublishedThereSince() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.2.0");
    publish(config());
    Map<String, Object> moved = Map.of("install_path", dir.resolve("env2/modules").toString());
    publish(moved); // ours has moved; another distributor now installs where it was
    distributor.publishRepo(
        content.repository(),
        content.publishConduit("other"),
        PluginCallConfiguration.of(config()));

    assertThat(publish(moved)).isInstanceOf(PublishReport.Published.class);

    assertThat(modules.resolve("web")).isDirectory();
  }

  private Map<String, Object> config() {
    return Map.of("install_path", dir.resolve("env").toString(), "subdir", "modules");
  }

  private PublishReport publish(Map<String, Object> config) {
    return distributor.publishRepo(
        content.repository(),
        content.publishConduit("install"),
        PluginCallConfiguration.of(config));
  }

  private String puppetModuleList() throws Exception {
    Process puppet =
        new ProcessBuilder(
                "puppet",
                "module",
                "list",
                "--color=false",
                "--modulepath",
                modules.toString(),
                "--confdir",
                dir.resolve("puppet/conf").toString(),
                "--vardir",
                dir.resolve("puppet/var").toString())
            .redirectErrorStream(true)
            .start();
    puppet.getOutputStream().close();
    String out = new String(puppet.getInputStream().readAllBytes());
    assertThat(puppet.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
