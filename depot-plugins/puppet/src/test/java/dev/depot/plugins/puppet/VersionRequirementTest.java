package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ranges semantic_puppet documents (and the Forge's modules use) read; garbage does not. Each
 * case was checked against the semantic_puppet Debian's puppet uses (1.0.4), except that Depot also
 * takes spaces around the whole range.
 */
class VersionRequirementTest {
  @Test
  void readsEveryFormPuppetDocuments() {
    List<String> readable =
        List.of(
            "1.0.0",
            "1.2.3-pre",
            "1.0.x",
            "1",
            "2.X",
            "3.*",
            "*",
            "> 1.0.0",
            "<3.2.0",
            ">=4.0.0",
            ">=v4.0.0",
            "^1",
            "^3.2",
            "^4.1.0",
            "~1.0.0",
            "~ 3.2.0",
            "~> 1.2",
            "1.0.0 - 1.3.9",
            ">1.0.0 <=2.3.0",
            ">= 4.13.1 < 10.0.0",
            ">=1.0.0 <2.3.0 || >=2.5.0 <3.0.0",
            "  >= 1.0.0  ",
            ">= 1.x",
            "1.0.0 - 2.x",
            "|| >=1.0.0",
            ">=1.0.0 ||",
            "");
    for (String range : readable) {
      assertThat(VersionRequirement.readable(range)).as("'%s'", range).isTrue();
    }
  }

  @Test
  void refusesWhatPuppetCannotParse() {
    List<String> unreadable =
        List.of(
            "garbage >>",
            "latest",
            ">>1.0.0",
            "1.0.0.0",
            ">=01.0.0",
            ">= v4.0.0",
            "1.0.0 -",
            ">=1.0.0,<2.0.0");
    for (String range : unreadable) {
      assertThat(VersionRequirement.readable(range)).as("'%s'", range).isFalse();
    }
  }
}
