package dev.depot.publish.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.publish.testing.ThisBuild;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This very build names the Maven version and the commit of the checkout it was built from. */
class DepotBuildTest {
  @Test
  void versionIsTheMavenVersionAndTheCheckoutsCommit() throws Exception {
    assertThat(DepotBuild.version()).isEqualTo(ThisBuild.version(Path.of("..")));
  }
}
