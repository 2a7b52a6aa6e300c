package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code puppet_install_distributor} driven with the CLI: the publish says how many modules went
 * where, as an export_dir's publish says where it wrote, and the directory holds them.
 */
class PuppetInstallCliEndToEndTest extends CliServerTest {
  @Test
  void thePublishSaysWhereTheModulesWereInstalled() throws Exception {
    Path modules = Files.createDirectories(dir.resolve("modules"));
    Path env = dir.resolve("env/production/modules");
    server.succeed(
        "repo",
        "create",
        "site",
        "--importer",
        "puppet_importer",
        "--distributor",
        "puppet_install_distributor:inst",
        "--distributor-option",
        "inst.install_path=" + env);
    server.succeed(
        "repo",
        "upload",
        "site",
        TestModules.module(modules, "owlco", "app", "2.0.0", "owlco-lib >= 1.0.0").toString(),
        TestModules.module(modules, "owlco", "lib", "1.3.0").toString());

    String published = server.succeed("repo", "publish", "site").out();

    assertThat(published)
        .contains("Repository site published by inst (2 modules installed in " + env + ")");
    assertThat(env.resolve("app/metadata.json")).content().contains("\"2.0.0\"");
    assertThat(env.resolve("lib/manifests/init.pp")).exists();
  }
}
