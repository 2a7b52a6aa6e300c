package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An RPM repository carried to an air-gapped site with the CLI: exported to a directory (what an
 * ISO image holds), installed from by Debian's real dnf as it is, and imported there by a yum
 * repository syncing it with a file:// feed.
 */
class RpmExportEndToEndTest extends CliServerTest {
  @Test
  void anExportedRepositoryIsInstallableAndImportable() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    TestRpms.Built app = TestRpms.build(built, "gap-app", "1.0", "gap-lib");
    TestRpms.Built lib = TestRpms.build(built, "gap-lib", "1.0");
    Path media = Files.createDirectories(dir.resolve("media"));
    server.succeed(
        "repo",
        "create",
        "el9",
        "--importer",
        "yum_importer",
        "--distributor",
        "export_distributor:media",
        "--distributor-option",
        "media.export_dir=" + media,
        "--distributor-option",
        "media.http=false",
        "--distributor-option",
        "media.https=false");
    server.succeed(
        "repo", "upload", "el9", app.rpm().toString(), lib.rpm().toString(), app.srpm().toString());
    server.succeed("repo", "publish", "el9", "--distributor", "media");

    Dnf dnf = new Dnf(dir.resolve("dnf"), media.toUri().toString(), List.of());
    dnf.run("-y", "install", "gap-app");
    assertThat(dnf.root.resolve("usr/share/gap-lib/greeting.txt")).hasContent("hi");

    server.succeed(
        "repo",
        "create",
        "far",
        "--importer",
        "yum_importer",
        "--importer-option",
        "feed=" + media.toUri());
    server.succeed("repo", "sync", "far");
    assertThat(server.succeed("repo", "units", "far").out()).contains("gap-app", "gap-lib", "srpm");
  }
}
