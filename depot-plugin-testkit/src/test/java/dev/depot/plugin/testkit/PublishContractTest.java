package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.NoteDistributor.Flaw;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check of {@link PublishContract} fails for a distributor that breaks it; {@link
 * NoteDistributorContractTest} shows the well-behaved one passing them all.
 */
class PublishContractTest {
  @TempDir Path dir;

  /** The note distributor's contract, run against a distributor with this flaw. */
  private static PublishContract with(Flaw flaw) {
    return new NoteDistributorContractTest() {
      @Override
      public Distributor newDistributor() {
        return new NoteDistributor(flaw);
      }
    };
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> fails(ThrowingCallable check) {
    return assertThatThrownBy(check).isInstanceOf(AssertionError.class);
  }

  @Test
  void aDistributorWritingInPlaceIsSeenHalfPublished() {
    fails(() -> with(Flaw.WRITES_IN_PLACE).aReaderNeverSeesAHalfPublishedTree(dir))
        .hasMessageContaining("half-published");
  }

  @Test
  void aDistributorIgnoringCancelIsCaughtServingTheNewTree() {
    fails(() -> with(Flaw.IGNORES_CANCEL).aCancelledPublishLeavesThePreviousTreeServed(dir))
        .hasMessageContaining("after a cancelled publish");
  }

  @Test
  void aDistributorCopyingEveryFileIsNotIncremental() {
    fails(() -> with(Flaw.COPIES_EVERY_FILE).aPublishAfterOneChangeTouchesOnlyThatUnit(dir))
        .hasMessageContaining("was rewritten");
  }

  @Test
  void aDistributorRelinkingEveryUnitInANewTreeIsNotIncremental() {
    fails(() -> with(Flaw.REBUILDS_EVERY_TREE).aPublishAfterOneChangeTouchesOnlyThatUnit(dir))
        .hasMessageContaining("linked again");
  }

  @Test
  void aDistributorKeepingRemovedUnitsIsCaught() {
    fails(() -> with(Flaw.KEEPS_REMOVED_UNITS).aRemovedUnitLeavesTheNextPublish(dir))
        .hasMessageContaining("still serves the removed unit");
  }

  @Test
  void aPayloadNamingAnUnpublishedProtocolIsCaught() {
    fails(
            () ->
                with(Flaw.PAYLOAD_NAMES_EVERY_PROTOCOL)
                    .theConsumerPayloadNamesTheProtocolsPublished(dir))
        .hasMessageContaining("protocols");
  }

  /** Each flaw breaks only its own promise: the other checks still pass with it. */
  @Test
  void aFlawFailsOnlyItsOwnCheck(@TempDir Path other) throws Exception {
    with(Flaw.WRITES_IN_PLACE).aRemovedUnitLeavesTheNextPublish(other.resolve("a"));
    with(Flaw.IGNORES_CANCEL).aReaderNeverSeesAHalfPublishedTree(other.resolve("b"));
    with(Flaw.COPIES_EVERY_FILE).aCancelledPublishLeavesThePreviousTreeServed(other.resolve("c"));
    with(Flaw.REBUILDS_EVERY_TREE).aRemovedUnitLeavesTheNextPublish(other.resolve("d"));
    with(Flaw.PAYLOAD_NAMES_EVERY_PROTOCOL).aReaderNeverSeesAHalfPublishedTree(other.resolve("e"));
  }
}
