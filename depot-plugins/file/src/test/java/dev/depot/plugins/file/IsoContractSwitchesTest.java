package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two iso settings that give up a contract on purpose do so visibly: {@code validate: false}
 * stores a file whatever its checksum, and {@code force_full} links every unit again. The contracts
 * fail for them, which shows they look at what these settings change.
 */
class IsoContractSwitchesTest {
  @TempDir Path dir;

  @Test
  void withoutValidationACorruptedFeedFileIsStored() {
    IsoImporterContractTest contract =
        new IsoImporterContractTest() {
          @Override
          public Map<String, Object> syncConfig(URI feedUrl) {
            return Map.of("feed", feedUrl.toString(), "validate", false);
          }
        };
    assertThatThrownBy(() -> contract.aSyncVerifiesChecksumsNamingTheCorruptedFile(dir))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("corrupted file succeeded");
  }

  @Test
  void aForcedFullPublishLinksTheUnchangedUnitsAgain() {
    IsoDistributorContractTest contract =
        new IsoDistributorContractTest() {
          @Override
          public Map<String, Object> publishConfig() {
            return Map.of("relative_url", "el9/", "serve_http", true, "force_full", true);
          }
        };
    assertThatThrownBy(() -> contract.aPublishAfterOneChangeTouchesOnlyThatUnit(dir))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("linked again");
  }
}
