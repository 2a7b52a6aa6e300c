package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionsTest {
  @Test
  void ordersAsSemanticVersioningSaysNotAsText() {
    // The example order of semver.org, plus numbers that text order gets wrong.
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.2.0",
            "1.10.0",
            "2.0.0+build.7",
            "10.0.0");
    List<String> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);
    Collections.swap(shuffled, 2, 7);

    shuffled.sort(SemanticVersions.OLDEST_FIRST);

    assertThat(shuffled).containsExactlyElementsOf(ordered);
    assertThat(SemanticVersions.compare("1.0.0+a", "1.0.0+b")).isZero();
  }
}
