package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Schedules and searches as the README's walkthrough gives them, against a real server: what a
 * command takes and prints must be what it does.
 */
class ScheduleAndSearchCliEndToEndTest extends CliServerTest {
  private void zoo() {
    server.succeed(
        "repo",
        "create",
        "zoo",
        "--importer",
        "iso_importer",
        "--importer-option",
        "feed=https://example.com/zoo/",
        "--distributor",
        "iso_distributor:web");
  }

  /**
   * A sync schedule belongs to the importer: {@code --distributor} was taken and dropped, so a user
   * who meant to schedule publishes got a sync schedule instead, without a word.
   */
  @Test
  void aSyncScheduleRefusesADistributorAndNamesThePublishSchedule() throws Exception {
    zoo();
    CliServer.Run refused =
        server.run(
            "repo",
            "sync",
            "schedule",
            "create",
            "zoo",
            "--schedule",
            "PT6H",
            "--distributor",
            "web");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("take no --distributor")
        .contains("depot repo publish schedule create zoo --distributor web");
    assertThat(server.succeed("repo", "sync", "schedule", "list", "zoo").out())
        .isEqualTo("No schedules\n");

    String created =
        server
            .succeed(
                "--json",
                "repo",
                "sync",
                "schedule",
                "create",
                "zoo",
                "--schedule",
                "R5/2026-12-01T00:00:00Z/PT6H",
                "--disabled")
            .json()
            .path("_id")
            .asText();
    server.succeed("repo", "sync", "schedule", "update", "zoo", created, "--schedule", "PT12H");
    assertThat(server.succeed("repo", "sync", "schedule", "list", "zoo").out())
        .contains(created, "PT12H", "no");
    server.succeed(
        "repo",
        "publish",
        "schedule",
        "create",
        "zoo",
        "--distributor",
        "web",
        "--schedule",
        "R1/2027-01-01T00:00:00Z/P1D");
    assertThat(
            server
                .succeed("repo", "publish", "schedule", "list", "zoo", "--distributor", "web")
                .out())
        .contains("R1/2027-01-01T00:00:00Z/P1D");
    server.succeed("repo", "sync", "schedule", "delete", "zoo", created);
    assertThat(server.succeed("repo", "sync", "schedule", "list", "zoo").out())
        .isEqualTo("No schedules\n");
  }

  /**
   * {@code --field} trims what the server returns: the table shows the fields asked for, not the
   * command's usual columns, which showed a repository's units as 0 and left its notes out.
   */
  @Test
  void aSearchWithFieldsShowsThoseFieldsNotZeroes() throws Exception {
    zoo();
    server.succeed("repo", "update", "zoo", "--note", "team=qa");
    String table =
        server
            .succeed(
                "repo",
                "search",
                "--filter",
                "{\"display_name\": {\"$regex\": \"^zoo\", \"$options\": \"i\"}}",
                "--field",
                "notes")
            .out();
    assertThat(table)
        .contains("zoo", "\"notes\":{\"team\":\"qa\"}")
        .doesNotContain("UNITS", "importers");
    // Without --field, the usual columns.
    assertThat(server.succeed("repo", "search", "--filter", "{\"id\": \"zoo\"}").out())
        .contains("UNITS", "iso_importer", "web");
    assertThat(server.succeed("consumer", "search", "--field", "notes").out())
        .isEqualTo("No matches\n");
  }
}
