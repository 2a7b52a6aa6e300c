package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugins.rpm.TestRpms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A machine bound to a yum repository uses it with dnf alone: {@code depot consumer bind} writes a
 * {@code .repo} file (HTTPS, trusting Depot's CA) that Debian's real dnf reads to install, and
 * unbind (or unregister) removes it. With the distributor's {@code gpgkey}, the bound dnf checks
 * signatures: a package signed by that key (rpmsign, gpg) installs, an unsigned one is refused.
 */
class RpmBindEndToEndTest extends CliServerTest {
  @Test
  void bindWritesARepoFileDnfInstallsFromOverHttps() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path app = TestRpms.build(built, "bound-app", "1.0").rpm();
    createAndPublish(List.of(app));
    Path machine = Files.createDirectories(dir.resolve("machine"));
    server.succeed("consumer", "register", "--id", "web01", "--root", machine.toString());

    String bound =
        server.succeed("consumer", "bind", "el9", "web", "--root", machine.toString()).out();

    Path repoFile = machine.resolve("etc/yum.repos.d/depot-el9.repo");
    assertThat(bound)
        .contains(repoFile.toString())
        .contains(
            "dnf --setopt=reposdir=" + repoFile.getParent() + " --repo=el9 install <package>");
    assertThat(Files.readString(repoFile))
        .contains("[el9]", "baseurl=https://", "/pulp/repos/el9/", "sslcacert=" + machine)
        .contains("gpgcheck=0");
    dnfInstall(repoFile, "bound-app");
    assertThat(dir.resolve("installroot/usr/bin/bound-app")).isRegularFile();

    server.succeed("consumer", "unbind", "el9", "web", "--root", machine.toString());
    assertThat(repoFile).doesNotExist();

    // Unregistering removes what every binding wrote: a .repo left behind would name a CA file
    // that is gone, and dnf would then fail on every repository of the machine.
    server.succeed("consumer", "bind", "el9", "web", "--root", machine.toString());
    assertThat(repoFile).exists();
    server.succeed("consumer", "unregister", "--root", machine.toString());
    assertThat(repoFile).doesNotExist();
    assertThat(machine.resolve("etc/depot/repos.d")).isEmptyDirectory();
  }

  @Test
  void aBoundRepositoryWithAGpgKeyInstallsSignedPackagesAndRefusesUnsignedOnes() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path signed = TestRpms.build(built, "signed-app", "1.0").rpm();
    Path unsigned = TestRpms.build(built, "unsigned-app", "1.0").rpm();
    TestRpms.SigningKey release = TestRpms.newSigningKey(dir, "release@depot.example");
    try {
      release.sign(signed);
    } finally {
      release.close();
    }
    Path key = release.publicKey();
    createAndPublish(List.of(signed, unsigned), "--distributor-option", "web.gpgkey=@" + key);
    Path machine = Files.createDirectories(dir.resolve("machine"));
    server.succeed("consumer", "register", "--id", "web01", "--root", machine.toString());

    server.succeed("consumer", "bind", "el9", "web", "--root", machine.toString());

    Path repoFile = machine.resolve("etc/yum.repos.d/depot-el9.repo");
    Path keyFile = machine.resolve("etc/pki/rpm-gpg/depot-el9-pulp.key").toAbsolutePath();
    assertThat(keyFile).hasContent(Files.readString(key).strip());
    assertThat(Files.readString(repoFile)).contains("gpgcheck=1", "gpgkey=" + keyFile.toUri());
    dnfInstall(repoFile, "signed-app");
    assertThat(dir.resolve("installroot/usr/bin/signed-app")).isRegularFile();
    assertThatThrownBy(() -> dnfInstall(repoFile, "unsigned-app"))
        .hasMessageContaining("is not signed");
    assertThat(dir.resolve("installroot/usr/bin/unsigned-app")).doesNotExist();

    server.succeed("consumer", "unbind", "el9", "web", "--root", machine.toString());
    assertThat(keyFile).doesNotExist();
  }

  private void createAndPublish(List<Path> rpms, String... options) throws Exception {
    List<String> create = new ArrayList<>(List.of("repo", "create", "el9"));
    create.addAll(List.of("--importer", "yum_importer", "--distributor", "yum_distributor:web"));
    create.addAll(List.of("--distributor-option", "web.relative_url=el9"));
    create.addAll(List.of(options));
    server.succeed(create.toArray(String[]::new));
    for (Path rpm : rpms) {
      server.succeed("repo", "upload", "el9", rpm.toString());
    }
    server.succeed("repo", "publish", "el9", "--distributor", "web");
  }

  private void dnfInstall(Path repoFile, String name) throws IOException, InterruptedException {
    Path conf =
        Files.writeString(
            dir.resolve("dnf.conf"),
            "[main]\ncachedir=%s\nlogdir=%s\npersistdir=%s\n"
                .formatted(dir.resolve("cache"), dir.resolve("log"), dir.resolve("persist")));
    Path installRoot = Files.createDirectories(dir.resolve("installroot"));
    TestRpms.run(
        dir,
        List.of(
            "dnf",
            "-c",
            conf.toString(),
            "--setopt=reposdir=" + repoFile.getParent(),
            "--releasever=1",
            "--installroot=" + installRoot,
            "--repo=el9",
            "-y",
            "install",
            name));
  }
}
