package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evr orders versions as rpm itself does: checked against rpm's own vercmp, case by case. */
class EvrTest {
  private static final String[][] PAIRS = {
    {"1.0", "1.0"},
    {"1.0", "2.0"},
    {"2.0.1", "2.0"},
    {"2.0.1a", "2.0.1"},
    {"5.5p1", "5.5p2"},
    {"5.5p10", "5.5p1"},
    {"10xyz", "10.1xyz"},
    {"xyz10", "xyz10.1"},
    {"xyz.4", "8"},
    {"1.01", "1.1"},
    {"1.0a", "1.0"},
    {"1.0~rc1", "1.0"},
    {"1.0~rc1", "1.0~rc2"},
    {"1.0~rc1~git123", "1.0~rc1"},
    {"1.0^", "1.0"},
    {"1.0^git1", "1.0.1"},
    {"1.0^git1", "1.0"},
    {"1.0^git1", "1.0^git2"},
    {"1.0^git1~pre", "1.0^git1"},
    {"1:1.0-1", "2.0-1"},
    {"0:1.0-1", "1.0-1"},
    {"1.0-2", "1.0-1"},
    {"1.0-1.fc40", "1.0-1.el9"},
    {"2.0", "2_0"},
    {"a+", "a_"},
    {"+a", "_a"},
    {"1.0010", "1.9"},
    {"1.05", "1.5"},
    {"fc4", "fc.4"},
    {"3.0.0_fc", "3.0.0.fc"},
    {"1b.fc17", "1.fc17"},
  };

  @Test
  void aRequirementWithoutReleaseIsMetByEveryReleaseOfItsVersion() {
    // As rpm matches dependencies (rpm.vercmp, comparing whole strings, would call 1.0-1 newer).
    Capability required = new Capability("lib", "GE", new Evr("0", "2.0", null));
    assertThat(new Capability("lib", "EQ", new Evr("0", "2.0", "7")).meets(required)).isTrue();
    assertThat(new Capability("lib", "EQ", new Evr("0", "1.9", "7")).meets(required)).isFalse();
    assertThat(new Capability("lib", null, null).meets(required)).isTrue();
    assertThat(new Capability("libx", "EQ", new Evr("0", "2.0", "7")).meets(required)).isFalse();
    Capability below = new Capability("lib", "LT", new Evr("0", "2.0", "1"));
    assertThat(new Capability("lib", "EQ", new Evr("0", "2.0", "1")).meets(below)).isFalse();
    assertThat(new Capability("lib", "EQ", new Evr("0", "2.0", "0.9")).meets(below)).isTrue();
  }

  @Test
  void ordersAsRpmVercmpDoes(@TempDir Path dir) throws Exception {
    StringBuilder lua = new StringBuilder("%{lua: ");
    for (String[] pair : PAIRS) {
      lua.append("print(rpm.vercmp(\"").append(pair[0]).append("\", \"");
      lua.append(pair[1]).append("\") .. \" \") ");
    }
    lua.append("}");
    String[] expected =
        TestRpms.run(dir, List.of("rpm", "--eval", lua.toString())).trim().split("\\s+");

    List<String> ours = new ArrayList<>();
    List<String> rpms = new ArrayList<>();
    for (int i = 0; i < PAIRS.length; i++) {
      String pair = PAIRS[i][0] + " vs " + PAIRS[i][1] + ": ";
      ours.add(pair + Integer.signum(Evr.compare(parse(PAIRS[i][0]), parse(PAIRS[i][1]))));
      rpms.add(pair + Integer.signum(Integer.parseInt(expected[i])));
    }
    assertThat(ours).containsExactlyElementsOf(rpms);
  }

  /** {@code [epoch:]version[-release]}, as rpm.vercmp reads it. */
  private static Evr parse(String evr) {
    String epoch = null;
    int colon = evr.indexOf(':');
    if (colon >= 0) {
      epoch = evr.substring(0, colon);
      evr = evr.substring(colon + 1);
    }
    int dash = evr.lastIndexOf('-');
    return dash < 0
        ? new Evr(epoch, evr, null)
        : new Evr(epoch, evr.substring(0, dash), evr.substring(dash + 1));
  }
}
