package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mirror follows an advisory its source amends, as Pulp 2 did: createrepo_c's repository gets a
 * new edition of the advisory (a later {@code updated} date, another severity, a new CVE), the
 * mirror's next sync says it updated one unit, the publish after it is not skipped as unchanged,
 * the unit search finds the advisory by its new severity, and Debian's dnf reads the new edition
 * from the mirror.
 */
class RpmAmendedErratumEndToEndTest extends CliServerTest {
  private static final String ADVISORY =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <updates>
        <update from="sec@example.com" status="final" type="security" version="%d">
          <id>AMEND-2026:0001</id>
          <title>%s</title>
          <issued date="2026-11-01 00:00:00"/>
          <updated date="%s"/>
          <severity>%s</severity>
          <description>Fixes fix-app.</description>
          <references>
            <reference href="https://example.com/%s" id="%s" type="cve"/>
          </references>
          <pkglist>
            <collection short="el9">
              <name>el9</name>
              <package name="fix-app" version="1.1" release="1" epoch="0" arch="noarch">
                <filename>fix-app-1.1-1.noarch.rpm</filename>
              </package>
            </collection>
          </pkglist>
        </update>
      </updates>
      """;

  @Test
  void theMirrorsDnfReadsTheAmendedAdvisory() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path feed = Files.createDirectories(dir.resolve("feed"));
    for (String version : List.of("1.0", "1.1")) {
      Path rpm = TestRpms.build(built, "fix-app", version).rpm();
      Files.copy(rpm, feed.resolve(rpm.getFileName()));
    }
    TestRpms.run(feed, List.of("createrepo_c", "-q", feed.toString()));
    edition(feed, 1, "Moderate: fix-app update", "2026-11-02 00:00:00", "Moderate", "CVE-2026-1");
    server.succeed(YumRepoArgs.create("mirror", List.of("feed=" + feed.toUri())));
    server.succeed("repo", "sync", "mirror");
    server.succeed("repo", "publish", "mirror", "--distributor", "web");
    // A curated copy: the advisory and its packages, published on their own.
    server.succeed(YumRepoArgs.create("prod", List.of()));
    server.succeed(
        "repo", "copy", "mirror", "prod", "--type", "erratum", "--override", "recursive=true");
    server.succeed("repo", "publish", "prod", "--distributor", "web");
    String url = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/mirror/";
    Dnf before = new Dnf(dir.resolve("dnf-before"), url, List.of());
    before.run("-y", "install", "fix-app-1.0");
    assertThat(before.run("updateinfo", "info", "AMEND-2026:0001"))
        .contains("Moderate: fix-app update", "CVE-2026-1");

    edition(feed, 2, "Important: fix-app update", "2026-11-20 12:00:00", "Important", "CVE-2026-2");
    assertThat(server.succeed("repo", "sync", "mirror").out()).contains("updated 1");
    assertThat(server.succeed("repo", "publish", "mirror", "--distributor", "web").out())
        .doesNotContain("skipped");
    assertThat(
            server
                .succeed(
                    "repo",
                    "units",
                    "mirror",
                    "--type",
                    "erratum",
                    "--filter",
                    "severity=Important")
                .out())
        .contains("AMEND-2026:0001");

    Dnf after = new Dnf(dir.resolve("dnf-after"), url, List.of());
    after.run("-y", "install", "fix-app-1.0");
    assertThat(after.run("updateinfo", "info", "AMEND-2026:0001"))
        .contains("Important: fix-app update", "CVE-2026-2", "2026-11-20")
        .doesNotContain("Moderate");

    // The copy holds the same advisory: its next publish is not skipped and carries the new
    // edition, though nothing was added to it.
    assertThat(server.succeed("repo", "publish", "prod", "--distributor", "web").out())
        .doesNotContain("skipped");
    String prodUrl = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/prod/";
    Dnf prod = new Dnf(dir.resolve("dnf-prod"), prodUrl, List.of());
    prod.run("-y", "install", feed.resolve("fix-app-1.0-1.noarch.rpm").toString()); // not in prod
    assertThat(prod.run("updateinfo", "info", "AMEND-2026:0001"))
        .contains("Important: fix-app update", "CVE-2026-2");

    // The same edition again: nothing to merge, nothing to publish.
    assertThat(server.succeed("repo", "sync", "mirror").out()).doesNotContain("updated");
    assertThat(server.succeed("repo", "publish", "mirror", "--distributor", "web").out())
        .contains("skipped");
  }

  /** Puts one edition of the advisory in the feed's repodata, replacing the one before. */
  private void edition(
      Path feed, int version, String title, String updated, String severity, String cve)
      throws Exception {
    Path file = dir.resolve("edition-" + version).resolve("updateinfo.xml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, ADVISORY.formatted(version, title, updated, severity, cve, cve));
    TestRpms.run(
        dir,
        List.of(
            "modifyrepo_c",
            "--mdtype=updateinfo",
            file.toString(),
            feed.resolve("repodata").toString()));
  }
}
