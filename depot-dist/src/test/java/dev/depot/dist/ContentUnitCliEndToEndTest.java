package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot unit search|show|user-metadata}: {@code /content/units/<type>/} from the CLI. */
class ContentUnitCliEndToEndTest {
  @TempDir Path dir;
  CliServer server;

  @BeforeEach
  void start() throws Exception {
    server = CliServer.start("h2", dir.resolve("server"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void unitsOfATypeAreFoundAcrossRepositories() throws Exception {
    Path iso = Files.writeString(dir.resolve("a.iso"), "some bytes");
    server.succeed("repo", "create", "zoo", "--importer", "iso_importer");
    server.succeed("repo", "upload", "zoo", iso.toString());

    JsonNode found =
        server
            .succeed("--json", "unit", "search", "iso", "--filter", "{\"name\": \"a.iso\"}")
            .json();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).path("repository_memberships").get(0).asText()).isEqualTo("zoo");
    String id = found.get(0).path("_id").asText();

    assertThat(server.succeed("unit", "search", "iso").out()).contains(id, "a.iso", "zoo");
    assertThat(server.succeed("--json", "unit", "show", "iso", id).json().path("name").asText())
        .isEqualTo("a.iso");

    CliServer.Run missing = server.run("unit", "show", "iso", "nope");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("Missing resource(s): unit=nope");
  }

  @Test
  void usersTagAUnitAndFindItByTheTag() throws Exception {
    server.succeed("repo", "create", "zoo", "--importer", "iso_importer");
    server.succeed(
        "repo",
        "upload",
        "zoo",
        Files.writeString(dir.resolve("a.iso"), "a").toString(),
        Files.writeString(dir.resolve("b.iso"), "b").toString());
    String id =
        server
            .succeed("--json", "unit", "search", "iso", "--filter", "{\"name\": \"a.iso\"}")
            .json()
            .get(0)
            .path("_id")
            .asText();
    assertThat(server.succeed("unit", "user-metadata", "iso", id).out().strip()).isEqualTo("{ }");

    server.succeed("unit", "user-metadata", "iso", id, "--set", "team=qa", "--set", "stage=beta");
    JsonNode tags =
        server.succeed("--json", "unit", "user-metadata", "iso", id, "--unset", "stage").json();

    assertThat(tags.toString()).isEqualTo("{\"team\":\"qa\"}");
    JsonNode tagged =
        server
            .succeed("--json", "repo", "units", "zoo", "--filter", "pulp_user_metadata.team=qa")
            .json();
    assertThat(tagged).hasSize(1);
    assertThat(tagged.get(0).at("/metadata/name").asText()).isEqualTo("a.iso");
    CliServer.Run bad = server.run("unit", "user-metadata", "iso", id, "--replace", "[1]");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("--replace needs a JSON object");
  }
}
