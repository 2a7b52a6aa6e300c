package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code depot user|role|permission}: an admin makes a user, grants it a role's permissions, and
 * that user's own CLI can do what was granted and no more.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class UserCliEndToEndTest extends BothDatabasesCliServerTest {
  @Override
  Path serverDir() {
    return dir; // the data directory is the test directory
  }

  private CliServer.Run asAlice(String... args) {
    return server.run(Map.of("DEPOT_USER", "alice", "DEPOT_PASSWORD", "s3cret-pw"), args);
  }

  @Test
  void anAdminGrantsARoleAndTheUserCanDoThatAndNoMore() throws Exception {
    assertThat(server.run("repo", "create", "zoo", "--importer", "iso_importer").code()).isZero();
    CliServer.Run created =
        server.run(
            Map.of("ALICE_PASSWORD", "s3cret-pw"),
            "user",
            "create",
            "alice",
            "--name",
            "Alice",
            "--password-env",
            "ALICE_PASSWORD");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(server.run("role", "create", "readers").code()).isZero();
    // PUT /roles/<id>/ has its command too: the role's name and description change.
    assertThat(
            server
                .succeed(
                    "role",
                    "update",
                    "readers",
                    "--display-name",
                    "Readers",
                    "--description",
                    "read-only staff")
                .out())
        .isEqualTo("Role readers updated\n");
    assertThat(
            server.succeed("--json", "role", "show", "readers").json().path("description").asText())
        .isEqualTo("read-only staff");
    assertThat(server.succeed("role", "list").out()).contains("Readers");
    assertThat(server.run("role", "update", "readers").code()).isEqualTo(2);
    CliServer.Run granted =
        server.run(
            "permission",
            "grant",
            "--role",
            "readers",
            "--resource",
            "/v2/repositories/",
            "--op",
            "READ");
    assertThat(granted.code()).as(granted.err()).isZero();

    CliServer.Run refusedBefore = asAlice("repo", "list");
    assertThat(server.run("role", "add-user", "readers", "alice").code()).isZero();
    CliServer.Run listed = asAlice("repo", "list");
    Path note = java.nio.file.Files.writeString(dir.resolve("note.txt"), "hi");
    assertThat(server.run("repo", "upload", "zoo", note.toString()).code()).isZero();
    // READ on the repositories is all the REST search needs; the CLI asks no more of alice.
    CliServer.Run units = asAlice("repo", "units", "zoo");
    assertThat(units.code()).as(units.err()).isZero();
    assertThat(units.out()).contains("name=note.txt", "size=2");
    CliServer.Run deleteRefused = asAlice("repo", "delete", "zoo");
    CliServer.Run users = server.run("user", "list");
    CliServer.Run grants = server.run("permission", "list", "--resource", "/v2/repositories/");

    assertThat(refusedBefore.code()).isEqualTo(1);
    assertThat(refusedBefore.err()).contains("Permission denied");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("zoo");
    assertThat(deleteRefused.code()).isEqualTo(1);
    assertThat(users.out()).contains("alice", "Alice", "readers").doesNotContain("s3cret");
    assertThat(grants.out()).contains("role readers", "user alice", "READ");
    assertThat(server.run("user", "delete", "admin").code())
        .as("the last super-user stays")
        .isEqualTo(1);
  }

  @Test
  void loginTradesThePasswordForACertificateTheCliThenUsesAlone() throws Exception {
    assertThat(server.run("repo", "create", "zoo").code()).isZero();
    assertThat(
            server
                .run(
                    Map.of("ALICE_PASSWORD", "s3cret-pw"),
                    "user",
                    "create",
                    "alice",
                    "--password-env",
                    "ALICE_PASSWORD")
                .code())
        .isZero();
    assertThat(
            server
                .run(
                    "permission",
                    "grant",
                    "--login",
                    "alice",
                    "--resource",
                    "/v2/repositories/",
                    "--op",
                    "READ")
                .code())
        .isZero();
    Path pem = dir.resolve("alice-cert.pem");

    CliServer.Run login = asAlice("login", "--out", pem.toString());
    CliServer.Run listed =
        server.run(
            Map.of(
                "DEPOT_URL",
                "https://localhost:" + server.depot().httpsPort(),
                "DEPOT_CLIENT_CERT",
                pem.toString()),
            "repo",
            "list");
    CliServer.Run overHttp =
        server.run(Map.of("DEPOT_CLIENT_CERT", pem.toString()), "repo", "list");

    assertThat(login.code()).as(login.err()).isZero();
    assertThat(login.out()).contains(pem.toString()).doesNotContain("PRIVATE KEY");
    assertThat(java.nio.file.Files.readString(pem)).contains("PRIVATE KEY", "CERTIFICATE");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(pem)))
        .isEqualTo("rw-------");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("zoo");
    assertThat(overHttp.code()).isEqualTo(2);
    assertThat(overHttp.err()).contains("only works over HTTPS");
  }

  @Test
  void anyCollectionIsSearchedFromTheCli() throws Exception {
    assertThat(server.run("user", "create", "alice").code()).isZero();
    assertThat(server.run("user", "create", "bob").code()).isZero();
    assertThat(server.run("role", "create", "auditors").code()).isZero();

    CliServer.Run users =
        server.run("--json", "search", "users", "--filter", "{\"login\": {\"$regex\": \"^a\"}}");
    CliServer.Run roles = server.run("search", "roles", "--filter", "{\"id\": \"auditors\"}");
    CliServer.Run unknown = server.run("search", "widgets");

    assertThat(users.code()).as(users.err()).isZero();
    java.util.List<String> logins = new java.util.ArrayList<>();
    users.json().forEach(u -> logins.add(u.path("login").asText()));
    assertThat(logins).containsExactlyInAnyOrder("admin", "alice");
    assertThat(roles.code()).as(roles.err()).isZero();
    assertThat(roles.out()).contains("auditors").doesNotContain("super-users");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("repo_groups");
  }
}
