package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin-password file the server writes at its first start holds that first password only, and
 * only admin's: a refusal after the password was changed, or for another user, says so instead of a
 * bare "invalid username or password".
 */
class PasswordFileCliEndToEndTest extends CliServerTest {
  @Test
  void aChangedAdminPasswordIsNamedAsTheReasonTheFileIsRefused() {
    String file = dir.resolve("server").resolve("admin-password").toAbsolutePath().toString();
    assertThat(server.run("repo", "list").code()).isZero();
    CliServer.Run changed =
        server.run(
            Map.of("NEW_PW", "n3w-admin-pw"),
            "user",
            "update",
            "admin",
            "--password-env",
            "NEW_PW");
    assertThat(changed.code()).as(changed.err()).isZero();

    CliServer.Run stale = server.run("repo", "list");

    assertThat(stale.code()).isEqualTo(1);
    assertThat(stale.err())
        .contains("invalid username or password")
        .contains("The password was read from " + file)
        .contains("if it was changed since");
    assertThat(server.run(Map.of("DEPOT_PASSWORD", "n3w-admin-pw"), "repo", "list").code())
        .isZero();
  }

  @Test
  void anotherUserIsNotSentTheAdminPasswordFromTheFile() {
    CliServer.Run created =
        server.run(Map.of("PW", "b0b-pw"), "user", "create", "bob", "--password-env", "PW");
    assertThat(created.code()).as(created.err()).isZero();

    CliServer.Run bob = server.run("--user", "bob", "repo", "list");

    assertThat(bob.code()).isEqualTo(1);
    assertThat(bob.err())
        .contains("no credentials given")
        .contains("No password was given for bob");
  }
}
