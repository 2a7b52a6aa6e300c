package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Curation dev → prod as a release engineer does it: one package copied with {@code depot repo copy
 * --override recursive=true} brings what it needs and nothing else, and Debian's real dnf installs
 * it from the published copy.
 */
class RpmCopyEndToEndTest extends CliServerTest {
  @Test
  void aRecursiveCopyIsInstallableByDnf() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    List<Path> packages =
        List.of(
            TestRpms.build(built, "app", "1.0", "lib >= 2.0").rpm(),
            TestRpms.build(built, "lib", "1.0", "/usr/bin/base").rpm(),
            TestRpms.build(built, "lib", "2.1", "/usr/bin/base").rpm(),
            TestRpms.build(built, "base", "1.0").rpm(),
            TestRpms.build(built, "other", "1.0").rpm(),
            TestRpms.build(built, "needy", "1.0", "ghost-lib").rpm());
    server.succeed("repo", "create", "dev", "--importer", "yum_importer");
    for (Path rpm : packages) {
      server.succeed("repo", "upload", "dev", rpm.toString());
    }
    createServedYumRepository("prod");

    server.succeed("repo", "create", "test", "--importer", "yum_importer");
    server.succeed(
        "repo", "copy", "dev", "prod", "--filter", "name=app", "--override", "recursive=true");
    server.succeed("repo", "publish", "prod", "--distributor", "web");

    assertThat(server.succeed("repo", "units", "prod").out()).doesNotContain("other");
    // A need nothing in the source meets does not fail the copy; the user is told which.
    String needy =
        server
            .succeed(
                "repo",
                "copy",
                "dev",
                "test",
                "--filter",
                "name=needy",
                "--override",
                "recursive=true")
            .out();
    assertThat(needy).contains("warning: no package in the source meets ghost-lib");
    String url = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/prod/";
    Dnf dnf = new Dnf(dir.resolve("dnf"), url, List.of());
    assertThat(
            dnf.run("repoquery", "--qf", "nevra %{name}-%{version}", "*")
                .lines()
                .filter(l -> l.startsWith("nevra "))
                .map(l -> l.substring("nevra ".length()))
                .sorted())
        .containsExactly("app-1.0", "base-1.0", "lib-2.1");
    dnf.run("-y", "install", "app");
    assertThat(dnf.root.resolve("usr/bin/base")).isRegularFile();
    assertThat(dnf.root.resolve("usr/share/lib/greeting.txt")).hasContent("hi");
  }

  @Test
  void aFileOnlyFilelistsListsIsMetByACopyAndDnfInstallsIt() throws Exception {
    // createrepo_c and Depot list /usr/share files in filelists only, never in primary.
    Path built = Files.createDirectories(dir.resolve("built"));
    List<Path> packages =
        List.of(
            TestRpms.build(built, "viewer", "1.0", "/usr/share/data/greeting.txt").rpm(),
            TestRpms.build(built, "data", "1.0").rpm(),
            TestRpms.build(built, "other", "1.0").rpm());
    server.succeed("repo", "create", "dev", "--importer", "yum_importer");
    for (Path rpm : packages) {
      server.succeed("repo", "upload", "dev", rpm.toString());
    }
    createServedYumRepository("prod");

    String copied =
        server
            .succeed(
                "repo",
                "copy",
                "dev",
                "prod",
                "--filter",
                "name=viewer",
                "--override",
                "recursive=true")
            .out();
    server.succeed("repo", "publish", "prod", "--distributor", "web");

    assertThat(copied).doesNotContain("warning");
    String url = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/prod/";
    Dnf dnf = new Dnf(dir.resolve("dnf"), url, List.of());
    dnf.run("-y", "install", "viewer");
    assertThat(dnf.root.resolve("usr/share/data/greeting.txt")).hasContent("hi");
    assertThat(server.succeed("repo", "units", "prod").out()).doesNotContain("other");
  }

  @Test
  void aRebuildPromotedByACopyTakesThePlaceOfTheHeldBuild() throws Exception {
    Path old = TestRpms.build(dir.resolve("old"), "lib", "1.1").rpm();
    Path rebuild = TestRpms.build(dir.resolve("new"), "lib", "1.1", "bash").rpm();
    server.succeed("repo", "create", "dev", "--importer", "yum_importer");
    server.succeed("repo", "upload", "dev", rebuild.toString());
    createServedYumRepository("prod");
    server.succeed("repo", "upload", "prod", old.toString());
    server.succeed("repo", "publish", "prod", "--distributor", "web");

    assertThat(server.succeed("repo", "copy", "dev", "prod", "--filter", "name=lib").out())
        .contains("warning: the copied build of rpm lib-0:1.1-1.noarch replaced the one");
    assertThat(server.succeed("--json", "repo", "units", "prod").json()).hasSize(1);
    server.succeed("repo", "publish", "prod", "--distributor", "web");

    Curl.Result served =
        Curl.run(
            "http://127.0.0.1:"
                + server.depot().port()
                + "/pulp/repos/prod/Packages/l/lib-1.1-1.noarch.rpm");
    assertThat(served.body()).isEqualTo(Files.readAllBytes(rebuild));
  }
}
