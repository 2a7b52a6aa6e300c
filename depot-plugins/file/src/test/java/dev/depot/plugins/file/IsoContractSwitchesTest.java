package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the iso settings that look like giving up a contract do: {@code validate: false} does not
 * let a corrupted file into the content store, which every repository shares (it would be served to
 * repositories that validate); {@code force_full} links every unit again, and the contract fails
 * for it, which shows the contract looks at what it changes.
 */
class IsoContractSwitchesTest {
  @TempDir Path dir;

  @Test
  void evenWithoutValidationACorruptedFeedFileIsRefused() throws Exception {
    IsoImporterContractTest contract =
        new IsoImporterContractTest() {
          @Override
          public Map<String, Object> syncConfig(URI feedUrl) {
            return Map.of("feed", feedUrl.toString(), "validate", false);
          }
        };
    contract.aSyncVerifiesChecksumsNamingTheCorruptedFile(dir);
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
