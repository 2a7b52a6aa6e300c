package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Errata and comps with the CLI and Debian's real dnf: an advisory and a group uploaded as JSON,
 * published beside the packages; {@code dnf updateinfo} names the advisory for the installed
 * package it updates, {@code dnf group list} shows the group and {@code dnf group info} its
 * packages; {@code dnf upgrade --advisory} applies the advisory; the generic unit search finds
 * errata by severity and issue date; a mirror syncs both from the published repository.
 */
class RpmErrataEndToEndTest extends CliServerTest {
  @Test
  void dnfReadsTheAdvisoriesAndGroups() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path old = TestRpms.build(built, "fix-app", "1.0").rpm();
    Path fixed = TestRpms.build(built, "fix-app", "1.1").rpm();
    createServedYumRepository("el9");
    server.succeed("repo", "upload", "el9", old.toString(), fixed.toString());
    Path advisory =
        Files.writeString(
            dir.resolve("advisory.json"),
            """
            {"title": "Important: fix-app security update", "type": "security",
             "severity": "Important", "issued": "2026-11-30 00:00:00",
             "description": "Fixes CVE-2026-0001.",
             "references": [{"href": "https://example.com/CVE-2026-0001",
                             "id": "CVE-2026-0001", "type": "cve"}],
             "pkglist": [{"name": "el9", "short": "el9", "packages": [
               {"name": "fix-app", "version": "1.1", "release": "1", "epoch": "0",
                "arch": "noarch", "filename": "fix-app-1.1-1.noarch.rpm"}]}]}
            """);
    uploadUnit(server, "erratum", "DEPOT-2026:0001", "@" + advisory);
    // A modular advisory: dnf reads its <module> and applies it only with that stream enabled.
    Path modular =
        Files.writeString(
            dir.resolve("modular.json"),
            """
            {"title": "fix:1 stream update", "type": "enhancement",
             "pkglist": [{"name": "fix:1", "module": {"name": "fix", "stream": "1",
                 "version": "20261201", "context": "c0ffee42", "arch": "noarch"},
               "packages": [{"name": "fix-app", "version": "1.1", "release": "1",
                 "epoch": "0", "arch": "noarch", "filename": "fix-app-1.1-1.noarch.rpm",
                 "restart_suggested": true}]}]}
            """);
    uploadUnit(server, "erratum", "DEPOT-2026:0002", "@" + modular);
    uploadUnit(
        server,
        "package_group",
        "fix-tools",
        "{\"name\": \"Fix tools\", \"mandatory_package_names\": [\"fix-app\"]}");
    uploadUnit(
        server,
        "package_environment",
        "fix-station",
        "{\"name\": \"Fix station\", \"group_ids\": [\"fix-tools\"],"
            + " \"options\": [{\"group\": \"fix-tools\", \"default\": true}]}");
    uploadUnit(
        server,
        "package_category",
        "fixing",
        "{\"name\": \"Fixing\", \"packagegroupids\": [\"fix-tools\"]}");
    // The repository's langpacks: keyed by the repository alone, so no --key; dnf's comps
    // reader takes them in the comps it reads below.
    server.succeed(
        "repo",
        "upload-unit",
        "el9",
        "--type",
        "package_langpacks",
        "--metadata",
        "{\"matches\": [{\"name\": \"fix-app\", \"install\": \"fix-app-lang-%s\"}]}");
    CliServer.Run refused =
        tryUploadUnit(server, "el9", "erratum", "BAD-1", "{\"type\": \"security\"}");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.out() + refused.err()).contains("title is missing");
    CliServer.Run notJson = tryUploadUnit(server, "el9", "erratum", "BAD-2", "{");
    assertThat(notJson.code()).isNotZero();
    assertThat(notJson.out() + notJson.err()).contains("not valid JSON");
    assertThat(server.succeed("repo", "units", "el9", "--type", "erratum").out())
        .contains("DEPOT-2026:0001")
        .doesNotContain("BAD-");
    assertThat(
            server
                .succeed(
                    "repo", "units", "el9", "--type", "erratum", "--filter", "severity=Important")
                .out())
        .contains("DEPOT-2026:0001");
    assertThat(issuedSince(server, "2026-11-01")).contains("DEPOT-2026:0001");
    assertThat(issuedSince(server, "2026-12-01")).doesNotContain("DEPOT-2026:0001");
    server.succeed("repo", "publish", "el9", "--distributor", "web");

    // A copied group becomes the destination's own (its key's repo_id), as Pulp makes it.
    server.succeed("repo", "create", "prod", "--importer", "yum_importer");
    server.succeed("repo", "copy", "el9", "prod", "--type", "package_group");
    assertThat(
            server
                .succeed(
                    "repo", "units", "prod", "--type", "package_group", "--filter", "repo_id=prod")
                .out())
        .contains("fix-tools");
    assertThat(server.succeed("repo", "units", "prod", "--type", "rpm").out()).contains("1.1");
    // Copying a group of that id again, from another repository: the copy replaces prod's own.
    server.succeed("repo", "create", "qa", "--importer", "yum_importer");
    assertThat(
            tryUploadUnit(
                    server,
                    "qa",
                    "package_group",
                    "fix-tools",
                    "{\"name\": \"Fix tools, second edition\","
                        + " \"mandatory_package_names\": [\"fix-app\"]}")
                .code())
        .isZero();
    server.succeed("repo", "copy", "qa", "prod", "--type", "package_group");
    assertThat(
            server
                .succeed("--json", "repo", "units", "prod", "--type", "package_group")
                .json()
                .findValuesAsText("name"))
        .containsExactly("Fix tools, second edition");

    String url = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/el9/";
    Dnf dnf = new Dnf(dir.resolve("dnf"), url, List.of());
    dnf.run("-y", "install", "fix-app-1.0");
    assertThat(dnf.run("updateinfo", "list"))
        .contains("DEPOT-2026:0001")
        .contains("fix-app-1.1-1.noarch");
    assertThat(dnf.run("group", "list", "--hidden")).contains("Fix tools");
    assertThat(dnf.run("updateinfo", "info", "DEPOT-2026:0001"))
        .contains("Important", "CVE-2026-0001", "Fixes CVE-2026-0001.", "2026-11-30");
    assertThat(dnf.run("group", "info", "Fix tools")).contains("Mandatory Packages", "fix-app");
    assertThat(dnf.run("group", "list", "--hidden")).contains("Environment", "Fix station");
    assertThat(dnf.run("group", "info", "Fix station")).contains("Fix tools");
    dnf.run("-y", "upgrade", "--advisory=DEPOT-2026:0001");
    assertThat(dnf.run("list", "--installed", "fix-app")).contains("1.1-1");

    // A later edition uploaded amends the advisory (the same edition changed is refused).
    String amended =
        Files.readString(advisory)
            .replace("Important: fix-app", "Critical: fix-app")
            .replace("\"severity\": \"Important\"", "\"severity\": \"Critical\"");
    CliServer.Run sameEdition = tryUploadUnit(server, "el9", "erratum", "DEPOT-2026:0001", amended);
    assertThat(sameEdition.code()).isNotZero();
    assertThat(sameEdition.out() + sameEdition.err()).contains("a later edition");
    uploadUnit(
        server,
        "erratum",
        "DEPOT-2026:0001",
        amended.replace("\"issued\"", "\"updated\": \"2026-12-02 00:00:00\", \"issued\""));
    assertThat(server.succeed("repo", "publish", "el9", "--distributor", "web").out())
        .doesNotContain("skipped");
    Dnf fresh = new Dnf(dir.resolve("dnf-amended"), url, List.of());
    fresh.run("-y", "install", "fix-app-1.0");
    assertThat(fresh.run("updateinfo", "info", "DEPOT-2026:0001"))
        .contains("Critical: fix-app security update", "2026-12-02");

    server.succeed(
        "repo",
        "create",
        "mirror",
        "--importer",
        "yum_importer",
        "--importer-option",
        "feed=" + url);
    server.succeed("repo", "sync", "mirror");
    assertThat(server.succeed("repo", "units", "mirror", "--type", "erratum").out())
        .contains("DEPOT-2026:0001", "DEPOT-2026:0002");
    assertThat(
            server
                .succeed("--json", "repo", "units", "mirror", "--type", "erratum")
                .json()
                .findValues("module"))
        .as("the mirror keeps the modular advisory's stream")
        .singleElement()
        .satisfies(m -> assertThat(m.path("context").asText()).isEqualTo("c0ffee42"));
    assertThat(server.succeed("repo", "units", "mirror", "--type", "package_group").out())
        .contains("fix-tools");
  }

  /** The errata of el9 issued on or after {@code date}, by the generic unit search. */
  private static String issuedSince(CliServer server, String date) throws Exception {
    return server
        .succeed(
            "repo",
            "units",
            "el9",
            "--type",
            "erratum",
            "--filters",
            "{\"issued\": {\"$gte\": \"" + date + "\"}}")
        .out();
  }

  /** Adds a unit of {@code type} to el9: {@code metadata} is JSON, or {@code @FILE}. */
  private static void uploadUnit(CliServer server, String type, String id, String metadata) {
    server.succeed(
        "repo", "upload-unit", "el9", "--type", type, "--key", "id=" + id, "--metadata", metadata);
  }

  /**
   * Tries to add a unit of {@code type} keyed {@code id} to {@code repo}: the run, refused or not.
   */
  private static CliServer.Run tryUploadUnit(
      CliServer server, String repo, String type, String id, String metadata) {
    return server.run(
        "repo", "upload-unit", repo, "--type", type, "--key", "id=" + id, "--metadata", metadata);
  }
}
