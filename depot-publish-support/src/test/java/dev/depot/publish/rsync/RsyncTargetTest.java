package dev.depot.publish.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RsyncTargetTest {
  private static RsyncTarget on(String host, int port) {
    return new RsyncTarget(
        host,
        port,
        "deploy",
        Path.of("/keys/id"),
        Path.of("/keys/known_hosts"),
        "/srv/pulp/",
        "content/units");
  }

  @Test
  void onSshsDefaultPortTheLocationIsRsyncsPlainUserAtHostPath() {
    assertThat(on("mirror.example", 0).location("isos/zoo"))
        .isEqualTo("deploy@mirror.example:/srv/pulp/isos/zoo/");
    assertThat(on("mirror.example", 22).location("isos/zoo"))
        .isEqualTo("deploy@mirror.example:/srv/pulp/isos/zoo/");
  }

  @Test
  void onAnotherPortTheLocationCarriesTheSshOptionRsyncNeedsForIt() {
    assertThat(on("mirror.example", 2222).location("isos/zoo"))
        .isEqualTo("-e 'ssh -p 2222' deploy@mirror.example:/srv/pulp/isos/zoo/");
  }

  @Test
  void anIpv6AddressIsBracketedAsInThePushItself() {
    assertThat(on("fd00::5", 2222).location("content/units"))
        .isEqualTo("-e 'ssh -p 2222' deploy@[fd00::5]:/srv/pulp/content/units/")
        .endsWith(on("fd00::5", 2222).destination("content/units"));
  }
}
