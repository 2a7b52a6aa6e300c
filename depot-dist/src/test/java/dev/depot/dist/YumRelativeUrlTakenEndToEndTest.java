package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A yum_distributor's relative_url another repository already serves is refused naming the value as
 * the user typed it and the repository holding it, not the path below /pulp/ with the type's prefix
 * the user never wrote.
 */
class YumRelativeUrlTakenEndToEndTest extends CliServerTest {
  @Test
  void aTakenRelativeUrlIsRefusedNamingItAsTypedAndTheRepositoryHoldingIt() {
    server.succeed(
        "repo",
        "create",
        "el-stable",
        "--importer",
        "yum_importer",
        "--distributor",
        "yum_distributor:web",
        "--distributor-option",
        "web.relative_url=el/test",
        "--distributor-option",
        "web.http=true");
    server.succeed("repo", "create", "el-next", "--importer", "yum_importer");

    CliServer.Run taken =
        server.run(
            "repo",
            "distributor",
            "add",
            "el-next",
            "--type",
            "yum_distributor",
            "--id",
            "web",
            "--option",
            "relative_url=el/test",
            "--option",
            "http=true");

    assertThat(taken.code()).as(taken.out()).isEqualTo(1);
    assertThat(taken.err())
        .contains("relative_url el/test conflicts with distributor web")
        .contains("of repository el-stable")
        .contains("HTTP 400")
        .doesNotContain("relative_url repos/el/test");
    assertThat(server.succeed("repo", "distributor", "list", "el-next").out())
        .doesNotContain("yum_distributor");
  }
}
