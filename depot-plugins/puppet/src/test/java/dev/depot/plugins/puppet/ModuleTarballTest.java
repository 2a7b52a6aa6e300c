package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugins.puppet.TestModules.Entry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTarballTest {
  @TempDir Path dir;

  @Test
  void readsMetadataAndDigestsOfATarballBuiltByTar() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("src/acme-web-1.2.0"));
    Files.writeString(
        tree.resolve("metadata.json"),
        TestModules.metadata("acme", "web", "1.2.0", "acme-base >= 1.0.0 < 2.0.0"));
    Files.writeString(tree.resolve("checksums.json"), "{\"manifests/init.pp\":\"abc\"}");
    Path tarball = dir.resolve("acme-web-1.2.0.tar.gz");
    Process tar =
        new ProcessBuilder(
                "tar",
                "czf",
                tarball.toString(),
                "-C",
                dir.resolve("src").toString(),
                "acme-web-1.2.0")
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();

    ModuleRelease release = ModuleTarball.read(tarball);

    assertThat(release.id()).isEqualTo(new ModuleId("acme", "web", "1.2.0"));
    assertThat(release.metadata())
        .containsEntry("summary", "The web module")
        .containsEntry("license", "Apache-2.0")
        .containsEntry("project_page", "https://example.com/web")
        .containsEntry("tag_list", List.of("test", "web"))
        .containsEntry("checksums", Map.of("manifests/init.pp", "abc"))
        .containsEntry("file_size", Files.size(tarball));
    assertThat(release.metadata().get("dependencies"))
        .isEqualTo(List.of(Map.of("name", "acme-base", "version_requirement", ">= 1.0.0 < 2.0.0")));
    assertThat(release.sha256()).isEqualTo(hex("SHA-256", tarball));
    assertThat(release.md5()).isEqualTo(hex("MD5", tarball));
  }

  @Test
  void refusesATarballWithoutMetadata() throws Exception {
    Path tarball =
        TestModules.write(
            dir.resolve("m.tar.gz"), List.of(Entry.file("acme-web-1.0.0/README", "x")));
    assertThatThrownBy(() -> ModuleTarball.read(tarball))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining("no metadata.json");
  }

  @Test
  void refusesBadNamesAndVersions() throws Exception {
    for (String[] bad :
        new String[][] {{"acme_web", "1.0.0"}, {"acme-Web", "1.0.0"}, {"acme-web", "1.0"}}) {
      String json = "{\"name\":\"" + bad[0] + "\",\"version\":\"" + bad[1] + "\"}";
      Path tarball =
          TestModules.write(
              dir.resolve("bad.tar.gz"), List.of(Entry.file("top/metadata.json", json)));
      assertThatThrownBy(() -> ModuleTarball.read(tarball))
          .isInstanceOf(InvalidModuleException.class)
          .hasMessageContaining("metadata.json");
    }
  }

  @Test
  void refusesADependencyRangePuppetCannotRead() throws Exception {
    Path tarball = TestModules.module(dir, "acme", "web", "1.0.0", "acme-base garbage >>");

    assertThatThrownBy(() -> ModuleTarball.read(tarball))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining("dependency acme-base")
        .hasMessageContaining("'garbage >>'");
  }

  @Test
  void refusesADependencyNamePuppetCannotRead() throws Exception {
    for (String bad : List.of("bogus", "acme-", "acme-9lives", "acme-my-mod", "../x")) {
      Path tarball = TestModules.module(dir, "acme", "web", "1.0.0", bad + " >= 1.0.0");

      assertThatThrownBy(() -> ModuleTarball.read(tarball))
          .isInstanceOf(InvalidModuleException.class)
          .hasMessageContaining("dependency name '" + bad + "'");
    }
    // Both separators and either case, as puppet takes them.
    Path fine = TestModules.module(dir, "acme", "web", "1.0.0", "Acme/Base_2 >= 1.0.0");
    assertThat(ModuleTarball.read(fine).id().name()).isEqualTo("web");
  }

  @Test
  void refusesEntriesEscapingTheArchive() throws Exception {
    for (Entry evil :
        List.of(
            Entry.file("acme-web-1.0.0/../../etc/cron.d/x", "boom"),
            Entry.file("/etc/passwd", "boom"),
            Entry.symlink("acme-web-1.0.0/key", "../../../data/tls/server.key"),
            Entry.symlink("acme-web-1.0.0/abs", "/etc/shadow"))) {
      Path tarball =
          TestModules.write(
              dir.resolve("evil.tar.gz"),
              List.of(
                  Entry.file(
                      "acme-web-1.0.0/metadata.json", TestModules.metadata("acme", "web", "1.0.0")),
                  evil));
      assertThatThrownBy(() -> ModuleTarball.read(tarball))
          .isInstanceOf(InvalidModuleException.class)
          .hasMessageContaining("out of the archive")
          .hasMessageContaining(evil.path());
    }
  }

  @Test
  void refusesATarballHoldingTwoModules() throws Exception {
    // puppet installs one of them; the Forge API would have listed the other under its name.
    for (List<Entry> entries :
        List.of(
            List.of(
                Entry.file("a-one-1.0.0/metadata.json", TestModules.metadata("a", "one", "1.0.0")),
                Entry.file("a-two-1.0.0/metadata.json", TestModules.metadata("a", "two", "1.0.0"))),
            List.of(
                Entry.file("a-one-1.0.0/metadata.json", TestModules.metadata("a", "one", "1.0.0")),
                Entry.file(
                    "a-one-1.0.0/metadata.json", TestModules.metadata("a", "other", "9.0.0"))),
            // puppet installs the directory of the shortest metadata.json path: the root here.
            List.of(
                Entry.file("a-one-1.0.0/metadata.json", TestModules.metadata("a", "one", "1.0.0")),
                Entry.file("./metadata.json", TestModules.metadata("a", "two", "1.0.0"))))) {
      Path tarball = TestModules.write(dir.resolve("two.tar.gz"), entries);

      assertThatThrownBy(() -> ModuleTarball.read(tarball))
          .isInstanceOf(InvalidModuleException.class)
          .hasMessageContaining("more than one metadata.json")
          .hasMessageContaining(entries.get(1).path());
    }
  }

  @Test
  void checksALinkTargetAPaxRecordGivesNotTheHeadersOwn() throws Exception {
    // GNU tar extracts the link to the pax linkpath; the header's field only looks harmless.
    String record = "24 linkpath=/etc/shadow\n";
    Path tarball =
        TestModules.write(
            dir.resolve("pax.tar.gz"),
            List.of(
                Entry.file(
                    "acme-web-1.0.0/metadata.json", TestModules.metadata("acme", "web", "1.0.0")),
                new Entry("PaxHeaders/l", 'x', "", record.getBytes(StandardCharsets.UTF_8)),
                Entry.symlink("acme-web-1.0.0/l", "README")));

    assertThatThrownBy(() -> ModuleTarball.read(tarball))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining("symlink points out of the archive")
        .hasMessageContaining("/etc/shadow");
  }

  @Test
  void refusesCorruptAndTruncatedGzip() throws Exception {
    Path good = TestModules.module(dir, "acme", "web", "1.0.0");
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = Files.write(dir.resolve("t.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ModuleTarball.read(truncated))
        .isInstanceOf(InvalidModuleException.class);
    byte[] flipped = bytes.clone();
    flipped[bytes.length - 12] ^= 0x55; // inside the deflate stream's tail or the CRC
    Path corrupt = Files.write(dir.resolve("c.tar.gz"), flipped);
    assertThatThrownBy(() -> ModuleTarball.read(corrupt))
        .isInstanceOf(InvalidModuleException.class);
    Path empty = Files.write(dir.resolve("e.tar.gz"), new byte[0]);
    assertThatThrownBy(() -> ModuleTarball.read(empty))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessage("the tarball is empty (0 bytes)");
    Path header = Files.write(dir.resolve("h.tar.gz"), Arrays.copyOf(bytes, 5));
    assertThatThrownBy(() -> ModuleTarball.read(header))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageNotContaining("null");
    Path plain = Files.writeString(dir.resolve("p.tar.gz"), "just text, not gzip");
    assertThatThrownBy(() -> ModuleTarball.read(plain))
        .isInstanceOf(InvalidModuleException.class)
        .hasMessageContaining("gzip");
  }

  private static String hex(String algorithm, Path file) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
  }
}
