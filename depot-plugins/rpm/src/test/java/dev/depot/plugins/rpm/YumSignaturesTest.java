package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package's signing key is read from its signature header (a package signed with real gpg and
 * rpmsign), kept as Pulp's {@code signing_key}, and Pulp's {@code allowed_keys} and {@code
 * require_signature} decide what a sync or an upload takes.
 */
class YumSignaturesTest {
  @TempDir static Path built;
  static TestRpms.SigningKey release;
  static Path signed;
  static Path unsigned;

  @BeforeAll
  static void build() throws Exception {
    signed = TestRpms.build(built, "signed-app", "1.0").rpm();
    unsigned = TestRpms.build(built, "unsigned-lib", "1.0").rpm();
    release = TestRpms.newSigningKey(built, "release@depot.example");
    release.sign(signed);
  }

  @AfterAll
  static void stopAgent() throws Exception {
    release.close();
  }

  private static String shortId() {
    return release.keyId().substring(8);
  }

  @Test
  void theSigningKeyIsReadFromTheHeadersAsRpmShowsIt() throws Exception {
    RpmPackage p = RpmReader.read(signed);

    assertThat(p.signingKey()).contains(release.keyId());
    assertThat(TestRpms.run(built, List.of("rpm", "-qpi", signed.toString())))
        .containsIgnoringCase("Key ID " + release.keyId());
    assertThat(RpmUnit.metadata(p, 0)).containsEntry("signing_key", shortId());
    assertThat(RpmReader.read(unsigned).signingKey()).isEmpty();
    assertThat(RpmUnit.metadata(RpmReader.read(unsigned), 0)).doesNotContainKey("signing_key");
  }

  private static List<String> syncWith(Path dir, Map<String, Object> config) throws Exception {
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", List.of(signed, unsigned));
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Map<String, Object> all = new java.util.HashMap<>(config);
    all.put("feed", feed.toUri().toString());
    SyncReport report = YumSyncTest.sync(content, all);
    return java.util.stream.Stream.concat(
            YumSyncTest.units(content).stream(),
            report instanceof SyncReport.Failed
                ? java.util.stream.Stream.of(report.toString())
                : java.util.stream.Stream.of())
        .toList();
  }

  @Test
  void allowedKeysTakeThosePackagesAndUnsignedOnesUnlessASignatureIsRequired(@TempDir Path dir)
      throws Exception {
    assertThat(syncWith(dir.resolve("a"), Map.of("allowed_keys", List.of(shortId()))))
        .containsExactly("rpm signed-app", "rpm unsigned-lib");

    List<String> required =
        syncWith(
            dir.resolve("b"),
            Map.of("allowed_keys", shortId().toUpperCase(), "require_signature", true));
    assertThat(required).first().isEqualTo("rpm signed-app");
    assertThat(required).hasSize(2).last().asString().contains("unsigned-lib", "not signed");

    List<String> other = syncWith(dir.resolve("c"), Map.of("allowed_keys", List.of("deadbeef")));
    assertThat(other).first().isEqualTo("rpm unsigned-lib");
    assertThat(other.get(1)).contains("signed-app", "signed with key " + shortId());
  }

  @Test
  void anUploadIsHeldToTheSamePolicy(@TempDir Path dir) {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "r1");
    PluginCallConfiguration required =
        PluginCallConfiguration.of(Map.of("require_signature", true));

    UploadReport refused =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                "rpm",
                Map.of(),
                Map.of(),
                unsigned,
                content.uploadConduit(),
                required);
    UploadReport taken =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                "rpm",
                Map.of(),
                Map.of(),
                signed,
                content.uploadConduit(),
                required);

    assertThat(refused).isInstanceOf(UploadReport.Refused.class);
    assertThat(refused.toString()).contains("unsigned-lib", "not signed");
    assertThat(taken).isInstanceOf(UploadReport.Imported.class);
    assertThat(content.units()).hasSize(1);
  }
}
