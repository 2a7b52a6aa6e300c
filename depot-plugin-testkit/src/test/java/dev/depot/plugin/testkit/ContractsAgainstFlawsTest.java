package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.Importer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Whole contracts run the way a plugin author's build runs them (through the JUnit Platform), once
 * per flaw of the testkit's broken plugins: the check the flaw breaks fails (for the importer's
 * flaws, only that check), and a plugin without flaws fails none. A dynamic check counts under its
 * factory method's name. The nested classes are the contracts as an author would write them;
 * Surefire does not pick them up by itself (it skips nested classes), only this test launches them.
 */
class ContractsAgainstFlawsTest {
  private static volatile NoteDistributor.Flaw distributorFlaw = NoteDistributor.Flaw.NONE;
  private static volatile NoteImporter.Flaw importerFlaw = NoteImporter.Flaw.NONE;
  private static volatile SampleImporter.Flaw configFlaw = SampleImporter.Flaw.NONE;

  /** The note distributor's publish contract, with {@link #distributorFlaw}. */
  static class FlawedDistributor extends NoteDistributorContractTest {
    @Override
    public Distributor newDistributor() {
      return new NoteDistributor(distributorFlaw);
    }
  }

  /** The note importer's sync and upload contracts, with {@link #importerFlaw}. */
  static class FlawedImporter extends NoteImporterContractTest {
    @Override
    public Importer newImporter() {
      return new NoteImporter(importerFlaw);
    }
  }

  /** The sample importer's config contract, with {@link #configFlaw}. */
  static class FlawedConfig extends SampleImporterContractTest {
    @Override
    public Importer newImporter() {
      return new SampleImporter(configFlaw);
    }
  }

  private static final Map<NoteDistributor.Flaw, String> PUBLISH_CHECKS =
      Map.of(
          NoteDistributor.Flaw.WRITES_IN_PLACE, "aReaderNeverSeesAHalfPublishedTree",
          NoteDistributor.Flaw.IGNORES_CANCEL, "aCancelledPublishLeavesThePreviousTreeServed",
          NoteDistributor.Flaw.COPIES_EVERY_FILE, "aPublishAfterOneChangeTouchesOnlyThatUnit",
          NoteDistributor.Flaw.REBUILDS_EVERY_TREE, "aPublishAfterOneChangeTouchesOnlyThatUnit",
          NoteDistributor.Flaw.KEEPS_REMOVED_UNITS, "aRemovedUnitLeavesTheNextPublish",
          NoteDistributor.Flaw.PAYLOAD_NAMES_EVERY_PROTOCOL,
              "theConsumerPayloadNamesTheProtocolsPublished",
          NoteDistributor.Flaw.CLAIMS_ANOTHER_PATH, "servedPathsClaimEveryServedFile",
          NoteDistributor.Flaw.REPORTS_NO_LOCATIONS, "reportedLocationsAreWhereItServes");

  private static final Map<NoteImporter.Flaw, String> IMPORT_CHECKS =
      Map.of(
          NoteImporter.Flaw.SKIPS_CHECKSUMS, "aSyncVerifiesChecksumsNamingTheCorruptedFile",
          NoteImporter.Flaw.REPORTS_NO_PROGRESS, "aSyncReportsProgressWithCounts",
          NoteImporter.Flaw.DOWNLOADS_AGAIN, "aSyncStoresEachFileOnce",
          NoteImporter.Flaw.IGNORES_CANCEL, "aCancelledSyncStopsAndSaysSo",
          NoteImporter.Flaw.UPLOAD_SKIPS_CHECKSUM, "anUploadNotMatchingItsUnitKeyIsRefused",
          NoteImporter.Flaw.UPLOAD_STORES_AGAIN, "theSameFileUploadedTwiceIsStoredOnce");

  private static final Map<SampleImporter.Flaw, String> CONFIG_CHECKS =
      Map.of(
          SampleImporter.Flaw.UPPER_CASE_ID, "metadataIsWellFormed",
          SampleImporter.Flaw.METADATA_VARIES, "metadataIsTheSameOnEveryInstance",
          SampleImporter.Flaw.IGNORES_UNKNOWN_KEYS, "refusesAnUnknownKeyNamingIt",
          SampleImporter.Flaw.REFUSES_WITHOUT_NAMING_THE_KEY,
              "refusesEachInvalidConfigNamingItsKey",
          SampleImporter.Flaw.THROWS_ON_A_BAD_FEED, "refusesEachInvalidConfigNamingItsKey",
          SampleImporter.Flaw.EMPTIES_THE_MIRRORS_LIST, "validationLeavesTheConfigUnchanged",
          SampleImporter.Flaw.CANCEL_THROWS, "cancellingAnIdleInstanceReturnsAtOnce");

  /** Runs every test of the class through the JUnit Platform; the names of those that failed. */
  private static Set<String> failures(Class<?> contract) {
    Set<String> failed = new TreeSet<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
              failed.add(
                  test.getSource().orElse(null) instanceof MethodSource method
                      ? method.getMethodName()
                      : test.getDisplayName());
            }
          }
        });
    return failed;
  }

  @Test
  void pluginsWithoutFlawsPassEveryCheck() {
    distributorFlaw = NoteDistributor.Flaw.NONE;
    importerFlaw = NoteImporter.Flaw.NONE;
    configFlaw = SampleImporter.Flaw.NONE;
    for (Class<?> contract :
        List.of(FlawedDistributor.class, FlawedImporter.class, FlawedConfig.class)) {
      assertThat(failures(contract)).as("checks failed by %s", contract.getSimpleName()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void eachDistributorFlawFailsItsCheck(NoteDistributor.Flaw flaw) {
    distributorFlaw = flaw;
    assertThat(failures(FlawedDistributor.class)).contains(PUBLISH_CHECKS.get(flaw));
  }

  @ParameterizedTest
  @EnumSource(names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void eachImporterFlawFailsItsCheck(NoteImporter.Flaw flaw) {
    importerFlaw = flaw;
    assertThat(failures(FlawedImporter.class)).containsExactly(IMPORT_CHECKS.get(flaw));
  }

  @ParameterizedTest
  @EnumSource(names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void eachConfigFlawFailsItsCheck(SampleImporter.Flaw flaw) {
    configFlaw = flaw;
    assertThat(failures(FlawedConfig.class)).contains(CONFIG_CHECKS.get(flaw));
  }
}
