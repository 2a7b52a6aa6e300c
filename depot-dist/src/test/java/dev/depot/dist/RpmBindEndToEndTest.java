package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A machine bound to a yum repository uses it with dnf alone: {@code depot consumer bind} writes a
 * {@code .repo} file (HTTPS, trusting Depot's CA) that Debian's real dnf reads to install, and
 * unbind removes it.
 */
class RpmBindEndToEndTest extends CliServerTest {
  @Test
  void bindWritesARepoFileDnfInstallsFromOverHttps() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path app = TestRpms.build(built, "bound-app", "1.0").rpm();
    server.succeed(
        "repo",
        "create",
        "el9",
        "--importer",
        "yum_importer",
        "--distributor",
        "yum_distributor:web",
        "--distributor-option",
        "web.relative_url=el9");
    server.succeed("repo", "upload", "el9", app.toString());
    server.succeed("repo", "publish", "el9", "--distributor", "web");
    Path machine = Files.createDirectories(dir.resolve("machine"));
    server.succeed("consumer", "register", "--id", "web01", "--root", machine.toString());

    String bound =
        server.succeed("consumer", "bind", "el9", "web", "--root", machine.toString()).out();

    assertThat(bound).contains("dnf --repo=el9 install <package>");
    Path repoFile = machine.resolve("etc/yum.repos.d/depot-el9.repo");
    assertThat(Files.readString(repoFile))
        .contains("[el9]", "baseurl=https://", "/pulp/repos/el9/", "sslcacert=" + machine);
    Path conf =
        Files.writeString(
            dir.resolve("dnf.conf"),
            "[main]\ngpgcheck=0\ncachedir=%s\nlogdir=%s\npersistdir=%s\n"
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
            "bound-app"));
    assertThat(installRoot.resolve("usr/bin/bound-app")).isRegularFile();

    server.succeed("consumer", "unbind", "el9", "web", "--root", machine.toString());
    assertThat(repoFile).doesNotExist();
  }
}
