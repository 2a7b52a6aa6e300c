package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An upload that makes several units (a modules.yaml) saves them in one transaction on either
 * database: all of them land in the repository, and a file refused leaves none behind.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class UploadBatchCliEndToEndTest extends BothDatabasesCliServerTest {
  private static final String MODULES =
      """
      ---
      document: modulemd
      version: 2
      data:
        name: batch
        stream: "1"
        version: 1
        context: c0ffee42
        arch: noarch
        summary: One of a batch
      ...
      ---
      document: modulemd
      version: 2
      data:
        name: batch
        stream: "2"
        version: 1
        context: c0ffee42
        arch: noarch
        summary: Another of a batch
      ...
      ---
      document: modulemd-defaults
      version: 1
      data:
        module: batch
        stream: "2"
      ...
      """;

  @Test
  void everyDocumentOfAModulesYamlLandsOrNone() throws Exception {
    server.succeed("repo", "create", "mods", "--importer", "yum_importer");
    Path broken =
        Files.writeString(
            dir.resolve("broken.yaml"),
            MODULES.replace(
                "  context: c0ffee42\n  arch: noarch\n  summary: Another", "  summary: Another"));

    CliServer.Run refused =
        server.run("repo", "upload", "mods", broken.toString(), "--type", "modulemd");

    assertThat(refused.code()).isNotZero();
    assertThat(refused.out() + refused.err()).contains("data.context");
    assertThat(server.succeed("repo", "units", "mods", "--json").out()).doesNotContain("batch");

    Path modules = Files.writeString(dir.resolve("modules.yaml"), MODULES);
    server.succeed("repo", "upload", "mods", modules.toString(), "--type", "modulemd");

    String modulemd = server.succeed("repo", "units", "mods", "--type", "modulemd", "--json").out();
    assertThat(modulemd).contains("One of a batch", "Another of a batch");
    assertThat(server.succeed("repo", "units", "mods", "--type", "modulemd_defaults").out())
        .contains("batch");
  }
}
