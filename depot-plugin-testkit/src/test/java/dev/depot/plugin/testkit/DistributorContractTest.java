package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.Distributor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checks only {@link DistributorContract} makes fail when they should; the checks it shares
 * with {@link ImporterContract} are shown failing in {@link ImporterContractTest}.
 */
class DistributorContractTest {
  /** The sample contract, but with a distributor that leaves the conduit's stream open. */
  private static final class Leaky extends SampleDistributorContractTest {
    @Override
    public Distributor newDistributor() {
      return new SampleDistributor(true);
    }
  }

  @Test
  void aStreamLeftOpenIsCaught() {
    assertThatThrownBy(new Leaky()::validationClosesTheOtherDistributorsStream)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("left open");
  }

  @Test
  void theConduitCountsStreamsUntilTheyAreClosed() {
    TestConfigConduit conduit = TestConfigConduit.empty();
    var stream = conduit.otherDistributors();
    assertThat(conduit.unclosedStreams()).isEqualTo(1);
    stream.close();
    stream.close();
    assertThat(conduit.unclosedStreams()).isZero();
  }

  @Test
  void aRelativeUrlTakenInTheConduitIsRefusedButAFreeOneIsNot() {
    SampleDistributorContractTest sample = new SampleDistributorContractTest();
    assertThatThrownBy(
            new SampleDistributorContractTest() {
                  @Override
                  public Map<String, Object> validConfig() {
                    return Map.of("relative_url", "taken");
                  }
                }
                ::acceptsTheValidConfig)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("taken");
    sample.acceptsTheValidConfig();
  }
}
