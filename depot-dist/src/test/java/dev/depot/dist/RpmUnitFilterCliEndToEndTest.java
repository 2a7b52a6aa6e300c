package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code repo units --filter} finding nothing says why: a field no unit has and the type does not
 * know is likely misspelt; a field the type declares (rpm's signing_key) is merely unset on every
 * unit here (the packages are unsigned), and is not called a misspelling.
 */
class RpmUnitFilterCliEndToEndTest extends CliServerTest {
  @Test
  void aSigningKeyFilterOnUnsignedPackagesSaysNoneIsSetNotMisspelt() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path unsigned = TestRpms.build(built, "app", "1.0").rpm();
    server.succeed("repo", "create", "el9", "--importer", "yum_importer");
    server.succeed("repo", "upload", "el9", unsigned.toString());

    String signed =
        server.succeed("repo", "units", "el9", "--filter", "signing_key=18e9b70e").out();
    assertThat(signed)
        .isEqualTo("No units (no unit here has a signing_key set)\n")
        .doesNotContain("misspelt");
    String typed =
        server
            .succeed("repo", "units", "el9", "--type", "rpm", "--filter", "signing_key=18e9b70e")
            .out();
    assertThat(typed).doesNotContain("misspelt");

    String typo = server.succeed("repo", "units", "el9", "--filter", "nmae=app").out();
    assertThat(typo).contains("no unit here has a field named nmae: misspelt?");
    assertThat(server.succeed("plugins", "show", "rpm").out())
        .contains("Search indexes:  name, version, arch, signing_key");
  }
}
