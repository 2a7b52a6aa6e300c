package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** yum_importer takes packages whose headers agree with what is claimed, and nothing else. */
class YumImporterTest {
  static final PluginCallConfiguration NONE = PluginCallConfiguration.of(Map.of());

  @TempDir static Path dir;
  static TestRpms.Built built;

  @BeforeAll
  static void build() throws Exception {
    built = TestRpms.build(dir, "hello-depot", "1.2", "bash >= 4.0");
  }

  private static UploadReport upload(
      InMemoryContent content, String type, Map<String, Object> key, Path file) {
    return new YumImporter()
        .uploadUnit(content.repository(), type, key, Map.of(), file, content.uploadConduit(), NONE);
  }

  @Test
  void anUploadIsKeyedByItsHeadersAndCarriesItsRepodata(@TempDir Path root) {
    InMemoryContent content = InMemoryContent.under(root, "r1");
    assertThat(upload(content, "rpm", Map.of("name", "hello-depot", "arch", "noarch"), built.rpm()))
        .isInstanceOf(UploadReport.Imported.class);
    assertThat(upload(content, "srpm", Map.of(), built.srpm()))
        .isInstanceOf(UploadReport.Imported.class);
    assertThat(content.units()).hasSize(2);
    var rpm =
        content.units().stream().filter(u -> u.typeId().equals("rpm")).findFirst().orElseThrow();
    assertThat(rpm.unitKey())
        .containsEntry("epoch", "0")
        .containsEntry("release", "1")
        .containsEntry("checksumtype", "sha256")
        .containsKey("checksum");
    assertThat(rpm.metadata()).containsEntry("filename", "hello-depot-1.2-1.noarch.rpm");
    assertThat(((Map<?, ?>) rpm.metadata().get("repodata")).keySet().toString())
        .contains("primary", "filelists", "other");
  }

  @Test
  void anUploadedRebuildOfANevraReplacesTheBuildTheRepositoryHeld(@TempDir Path root)
      throws Exception {
    Path rebuild = TestRpms.build(root.resolve("b"), "hello-depot", "1.2", "bash").rpm();
    Path otherVersion = TestRpms.build(root.resolve("c"), "hello-depot", "1.3").rpm();
    InMemoryContent content = InMemoryContent.under(root.resolve("store"), "r1");
    upload(content, "rpm", Map.of(), built.rpm());
    upload(content, "rpm", Map.of(), otherVersion);
    upload(content, "srpm", Map.of(), built.srpm());

    UploadReport report = upload(content, "rpm", Map.of(), rebuild);

    assertThat(report).isInstanceOf(UploadReport.Imported.class);
    assertThat(report.toString()).contains("replaced_unit_keys", "version=1.2");
    assertThat(content.units())
        .extracting(u -> u.typeId() + " " + u.unitKey().get("version"))
        .containsExactlyInAnyOrder("rpm 1.2", "rpm 1.3", "srpm 1.2");
    String held =
        content.units().stream()
            .filter(u -> u.typeId().equals("rpm") && "1.2".equals(u.unitKey().get("version")))
            .map(u -> String.valueOf(u.unitKey().get("checksum")))
            .findFirst()
            .orElseThrow();
    assertThat(held)
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(rebuild))));
    assertThat(upload(content, "rpm", Map.of(), rebuild).toString())
        .as("the same build again replaces nothing")
        .doesNotContain("replaced_unit_keys");
  }

  @Test
  void aClaimTheHeadersContradictIsRefusedWithNothingStored(@TempDir Path root) {
    InMemoryContent content = InMemoryContent.under(root, "r1");
    UploadReport wrongVersion = upload(content, "rpm", Map.of("version", "9.9"), built.rpm());
    assertThat(wrongVersion).isInstanceOf(UploadReport.Refused.class);
    assertThat(wrongVersion.toString()).contains("version 9.9 does not match");
    assertThat(upload(content, "rpm", Map.of(), built.srpm()).toString())
        .contains("a source package: upload it as srpm");
    assertThat(upload(content, "srpm", Map.of(), built.rpm()).toString())
        .contains("a binary package");
    assertThat(upload(content, "iso", Map.of(), built.rpm()).toString())
        .contains("takes rpm and srpm units");
    assertThat(content.units()).isEmpty();
  }

  @Test
  void aFileThatIsNotAnRpmIsRefused(@TempDir Path root) throws Exception {
    InMemoryContent content = InMemoryContent.under(root, "r1");
    Path junk = Files.writeString(root.resolve("junk.rpm"), "junk junk junk");
    assertThat(upload(content, "rpm", Map.of(), junk).toString()).contains("is not an RPM package");
    assertThat(content.units()).isEmpty();
  }

  @Test
  void aRefusedUploadDoesNotNameTheServersTemporaryFile(@TempDir Path root) throws Exception {
    InMemoryContent content = InMemoryContent.under(root, "r1");
    String uploadId = "5823af14-42c1-4e23-bc1e-d9f89ace376c"; // the platform names uploads so
    Path junk = Files.writeString(root.resolve(uploadId), "junk junk junk");
    assertThat(upload(content, "rpm", Map.of(), junk).toString())
        .contains("not an RPM package")
        .doesNotContain(uploadId);
  }

  @Test
  void feedKeysAndSkipAreChecked() {
    Repository repo = Repository.named("r1");
    ValidationResult badSkip =
        new YumImporter()
            .validateConfig(repo, PluginCallConfiguration.of(Map.of("skip", List.of("rpms"))));
    assertThat(badSkip.toString()).contains("skip", "'rpms' is not a yum content type");
    ValidationResult ok =
        new YumImporter()
            .validateConfig(
                repo, PluginCallConfiguration.of(Map.of("feed", "https://example.com/el9/")));
    assertThat(ok).isInstanceOf(ValidationResult.Valid.class);
    ValidationResult unknown =
        new YumImporter().validateConfig(repo, PluginCallConfiguration.of(Map.of("feeds", "x")));
    assertThat(unknown).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(unknown.toString()).contains("feeds");
  }

  @Test
  void pulpsNamesForSkipAndDownloadsAreTakenButNotBesideDepotsOwn() {
    Repository repo = Repository.named("r1");
    YumImporter importer = new YumImporter();
    ValidationResult badPulpSkip =
        importer.validateConfig(
            repo, PluginCallConfiguration.of(Map.of("type_skip_list", List.of("rpms"))));
    assertThat(badPulpSkip.toString()).contains("type_skip_list: 'rpms' is not a yum content");
    ValidationResult both =
        importer.validateConfig(
            repo,
            PluginCallConfiguration.of(
                Map.of("skip", List.of("srpm"), "type_skip_list", List.of("srpm"))));
    assertThat(both).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(both.toString()).contains("type_skip_list is Pulp's name for skip");
  }

  @Test
  void theDistributorRefusesKeysItDoesNotImplementYetAndBadValuesNamingThem() {
    Repository repo = Repository.named("r1");
    ValidationResult result =
        new YumDistributor()
            .validateConfig(
                repo,
                PluginCallConfiguration.of(
                    Map.of(
                        "relative_url",
                        "r",
                        "gpgkey",
                        "KEY",
                        "generate_sqlite",
                        true,
                        "checksum_type",
                        "sha1",
                        "bogus",
                        1)),
                null);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(result.toString())
        .contains("gpgkey must be an ASCII-armored public key")
        .contains("generate_sqlite true is not supported yet")
        .contains("checksum_type sha1 is not supported yet")
        .contains("bogus");
    assertThat(
            new YumDistributor()
                .validateConfig(
                    repo,
                    PluginCallConfiguration.of(
                        Map.of("relative_url", "r", "checksum_type", "sha256")),
                    null))
        .isInstanceOf(ValidationResult.Valid.class);
    // A value that is no checksum type at all is not "not supported yet".
    ValidationResult typo =
        new YumDistributor()
            .validateConfig(
                repo,
                PluginCallConfiguration.of(Map.of("relative_url", "r", "checksum_type", "sha-256")),
                null);
    assertThat(typo.toString())
        .contains("checksum_type sha-256 is not a checksum type")
        .contains("sha256")
        .doesNotContain("not supported yet");
    // Pulp's switches whose false is what Depot does anyway are taken false, as Pulp clients send.
    assertThat(
            new YumDistributor()
                .validateConfig(
                    repo,
                    PluginCallConfiguration.of(
                        Map.of(
                            "relative_url",
                            "r",
                            "generate_sqlite",
                            false,
                            "repoview",
                            "false",
                            "protected",
                            false,
                            "use_createrepo",
                            false)),
                    null))
        .isInstanceOf(ValidationResult.Valid.class);
    assertThat(
            new YumDistributor()
                .validateConfig(
                    repo,
                    PluginCallConfiguration.of(
                        Map.of("relative_url", "r", "repoview", "sometimes")),
                    null)
                .toString())
        .contains("repoview");
  }
}
