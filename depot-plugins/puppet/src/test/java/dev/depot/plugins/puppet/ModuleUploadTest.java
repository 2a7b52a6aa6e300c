package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugins.puppet.TestModules.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading module tarballs: stored once from their own metadata.json, bad ones refused. */
class ModuleUploadTest {
  @TempDir Path dir;

  private UploadReport upload(InMemoryContent content, Map<String, Object> key, Path file) {
    return new PuppetImporter()
        .uploadUnit(
            content.taskRepository(),
            PuppetTypes.MODULE,
            key,
            Map.of(),
            file,
            content.uploadConduit(),
            PluginCallConfiguration.of(Map.of()));
  }

  @Test
  void aTarballIsStoredOnceAndAnotherUploadOfItIsReused() throws Exception {
    InMemoryContent content = InMemoryContent.under(dir.resolve("server"));
    Path tarball = TestModules.module(dir.resolve("up"), "acme", "web", "1.0.0");

    UploadReport first = upload(content, Map.of(), tarball);
    UploadReport second =
        upload(content, Map.of("author", "acme", "name", "web", "version", "1.0.0"), tarball);

    assertThat(first).isInstanceOf(UploadReport.Imported.class);
    assertThat(second).isInstanceOf(UploadReport.Imported.class);
    assertThat(content.units()).hasSize(1);
    assertThat(content.storedFiles()).hasSize(1);
    assertThat(content.units().getFirst().unitKey())
        .isEqualTo(Map.of("author", "acme", "name", "web", "version", "1.0.0"));
    assertThat(content.units().getFirst().metadata()).containsEntry("summary", "The web module");
  }

  @Test
  void aRebuiltTarballOfAStoredReleaseIsRefusedNamingBothDigests() throws Exception {
    InMemoryContent content = InMemoryContent.under(dir.resolve("server"));
    Path original = TestModules.module(dir.resolve("one"), "acme", "web", "1.0.0");
    Path rebuilt = TestModules.module(dir.resolve("two"), "acme", "web", "1.0.0", "acme-base");
    upload(content, Map.of(), original);
    String stored = sha256(original);

    UploadReport again = upload(content, Map.of(), rebuilt);

    assertThat(again).isInstanceOf(UploadReport.Refused.class);
    assertThat(String.valueOf(again.summary()))
        .contains("acme-web-1.0.0 is stored already with other content")
        .contains(stored)
        .contains(sha256(rebuilt));
    assertThat(content.units()).hasSize(1);
    assertThat(content.units().getFirst().metadata()).containsEntry("file_sha256", stored);
    assertThat(content.storedFiles()).hasSize(1);
  }

  private static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void aTarballWithoutMetadataIsRefused() throws Exception {
    Path bare =
        TestModules.write(
            dir.resolve("bare.tar.gz"), List.of(Entry.file("acme-web-1.0.0/README", "x")));
    assertRefused(bare, Map.of(), "no metadata.json");
  }

  @Test
  void aMetadataJsonWithoutNameOrVersionIsRefusedNamingTheField() throws Exception {
    Path noName =
        TestModules.write(
            dir.resolve("noname.tar.gz"),
            List.of(Entry.file("acme-web-1.0.0/metadata.json", "{\"version\": \"1.0.0\"}")));
    assertRefused(noName, Map.of(), "metadata.json: no \"name\" field");
    Path noVersion =
        TestModules.write(
            dir.resolve("noversion.tar.gz"),
            List.of(Entry.file("acme-web-1.0.0/metadata.json", "{\"name\": \"acme-web\"}")));
    assertRefused(noVersion, Map.of(), "metadata.json: no \"version\" field");
  }

  @Test
  void aTarballWithAnEscapingPathIsRefused() throws Exception {
    Path evil =
        TestModules.write(
            dir.resolve("evil.tar.gz"),
            List.of(
                Entry.file(
                    "acme-web-1.0.0/metadata.json", TestModules.metadata("acme", "web", "1.0.0")),
                Entry.file("acme-web-1.0.0/../../x", "boom")));
    assertRefused(evil, Map.of(), "out of the archive");
  }

  @Test
  void aCorruptGzipIsRefused() throws Exception {
    byte[] bytes = Files.readAllBytes(TestModules.module(dir.resolve("c"), "acme", "web", "1.0.0"));
    Path cut = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    assertRefused(cut, Map.of(), "tarball");
    Path text = Files.writeString(dir.resolve("text.tar.gz"), "not gzip at all");
    assertRefused(text, Map.of(), "gzip");
  }

  @Test
  void aClaimedUnitKeyDisagreeingWithMetadataIsRefused() throws Exception {
    Path tarball = TestModules.module(dir.resolve("up"), "acme", "web", "1.0.0");
    assertRefused(
        tarball,
        Map.of("author", "acme", "name", "web", "version", "2.0.0"),
        "does not match the tarball's metadata.json");
  }

  private void assertRefused(Path file, Map<String, Object> key, String why) {
    InMemoryContent content = InMemoryContent.under(dir.resolve("refused-" + file.getFileName()));
    UploadReport report = upload(content, key, file);
    assertThat(report).isInstanceOf(UploadReport.Refused.class);
    assertThat(String.valueOf(report.summary())).contains(why);
    assertThat(content.units()).isEmpty();
    assertThat(content.storedFiles()).isEmpty();
  }
}
