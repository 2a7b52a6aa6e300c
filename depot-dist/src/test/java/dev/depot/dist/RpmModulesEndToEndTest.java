package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A modular yum repository (createrepo_c, then modifyrepo_c adding modules.yaml) mirrored with the
 * CLI from a file:// feed and published: Debian's real dnf lists the module stream from Depot's
 * copy and installs its default profile. A modules.yaml uploaded with the CLI beside its packages
 * does the same; a broken one is refused and leaves nothing.
 */
class RpmModulesEndToEndTest extends CliServerTest {
  static final String MODULES =
      """
      ---
      document: modulemd
      version: 2
      data:
        name: greeter
        stream: "2"
        version: 20261201000000
        context: c0ffee42
        arch: noarch
        summary: Greeting tools
        description: >-
          Greeting tools as a module.
        license:
          module:
          - MIT
        profiles:
          default:
            rpms:
            - mod-app
        artifacts:
          rpms:
          - mod-app-0:2.0-1.noarch
      ...
      ---
      document: modulemd-defaults
      version: 1
      data:
        module: greeter
        stream: "2"
        profiles:
          "2": [default]
      ...
      """;

  @Test
  void dnfListsAndInstallsTheModuleFromDepotsCopy() throws Exception {
    Path feed = Files.createDirectories(dir.resolve("feed/Packages"));
    Files.copy(
        TestRpms.build(dir, "mod-app", "2.0").rpm(), feed.resolve("mod-app-2.0-1.noarch.rpm"));
    Path top = feed.getParent();
    writeRepodata(top, MODULES);
    server.succeed(
        "repo",
        "create",
        "mods",
        "--importer",
        "yum_importer",
        "--importer-option",
        "feed=" + top.toUri(),
        "--distributor",
        "yum_distributor:web",
        "--distributor-option",
        "web.relative_url=mods",
        "--distributor-option",
        "web.http=true");
    server.succeed("repo", "sync", "mods");
    assertThat(server.succeed("repo", "units", "mods", "--type", "modulemd").out())
        .contains("greeter");
    server.succeed("repo", "publish", "mods", "--distributor", "web");

    Dnf dnf =
        new Dnf(
            dir.resolve("dnf"),
            "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/mods/",
            List.of());
    assertThat(dnf.run("module", "list")).contains("greeter").contains("2 [d]");
    dnf.run("-y", "module", "install", "greeter");
    assertThat(dnf.root.resolve("usr/bin/mod-app")).isRegularFile();
  }

  @Test
  void aFeedListingAModulesDefaultsTwiceKeepsTheFirstAndSaysSo() throws Exception {
    Path top = Files.createDirectories(dir.resolve("feed"));
    String twice =
        MODULES
            + """
            ---
            document: modulemd-defaults
            version: 1
            data:
              module: greeter
              stream: "3"
            ...
            """;
    writeRepodata(top, twice);
    server.succeed(
        "repo",
        "create",
        "mods",
        "--importer",
        "yum_importer",
        "--importer-option",
        "feed=" + top.toUri());

    String synced = server.succeed("repo", "sync", "mods").out();

    assertThat(synced)
        .contains(
            "warning: modules.yaml holds more than one modulemd-defaults document for module"
                + " greeter; the first is kept");
    String kept =
        server.succeed("--json", "repo", "units", "mods", "--type", "modulemd_defaults").out();
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(kept)
                .findValuesAsText("stream"))
        .containsExactly("2");
  }

  @Test
  void anUploadedModulesYamlIsWhatDnfListsAndABrokenOneLeavesNothing() throws Exception {
    Path app = TestRpms.build(dir, "mod-app", "2.0").rpm();
    server.succeed(
        "repo",
        "create",
        "curated",
        "--importer",
        "yum_importer",
        "--distributor",
        "yum_distributor:web",
        "--distributor-option",
        "web.relative_url=curated",
        "--distributor-option",
        "web.http=true");
    server.succeed("repo", "upload", "curated", app.toString());
    Path broken =
        Files.writeString(
            dir.resolve("broken.yaml"),
            MODULES.replace("  stream: \"2\"\n  version:", "  version:"));
    CliServer.Run refused =
        server.run("repo", "upload", "curated", broken.toString(), "--type", "modulemd");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.out() + refused.err()).contains("data.stream");
    assertThat(server.succeed("repo", "units", "curated", "--type", "modulemd_defaults").out())
        .doesNotContain("greeter");

    Path modules = Files.writeString(dir.resolve("modules.yaml"), MODULES);
    server.succeed("repo", "upload", "curated", modules.toString(), "--type", "modulemd");
    server.succeed("repo", "publish", "curated", "--distributor", "web");

    Dnf dnf =
        new Dnf(
            dir.resolve("dnf"),
            "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/curated/",
            List.of());
    assertThat(dnf.run("module", "list")).contains("greeter").contains("2 [d]");
    dnf.run("-y", "module", "install", "greeter");
    assertThat(dnf.root.resolve("usr/bin/mod-app")).isRegularFile();
  }

  /** The feed's repodata, by createrepo_c, with {@code modulesYaml} added by modifyrepo_c. */
  private void writeRepodata(Path top, String modulesYaml) throws Exception {
    TestRpms.run(dir, List.of("createrepo_c", "-q", "--no-database", top.toString()));
    Path modules = Files.writeString(dir.resolve("modules.yaml"), modulesYaml);
    TestRpms.run(
        dir,
        List.of(
            "modifyrepo_c",
            "--mdtype=modules",
            modules.toString(),
            top.resolve("repodata").toString()));
  }
}
