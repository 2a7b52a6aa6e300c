package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A fleet of three machines as an admin follows it from the CLI: which consumers are bound to a
 * repository (and to which distributor), the profiles each machine uploaded, read back and deleted,
 * and which updates apply to every machine of a site at once, machines with the same answer
 * together.
 */
class ConsumerProfileCliEndToEndTest extends CliServerTest {
  private static final String APP_FIX =
      "{\"title\": \"app fix\", \"type\": \"bugfix\", \"pkglist\": [{\"packages\": [{\"name\":"
          + " \"app\", \"version\": \"1.1\", \"release\": \"1\", \"arch\": \"noarch\","
          + " \"filename\": \"app-1.1-1.noarch.rpm\"}]}]}";

  @Test
  void anAdminSeesBindingsProfilesAndTheFleetsApplicability() throws Exception {
    createRepoWithAnUpdate();
    String north1 = machine("web01", "north", "web");
    String south = machine("web02", "south", "web");
    String north2 = machine("web03", "north", "other");

    // Which consumers read el9, and which of them from the web distributor.
    String bound = server.succeed("repo", "bindings", "el9").out();
    assertThat(bound).contains("CONSUMER", "web01", "web02", "web03", "yum_distributor");
    String web = server.succeed("repo", "bindings", "el9", "--distributor", "web").out();
    assertThat(web).contains("web01", "web02").doesNotContain("web03");
    JsonNode other =
        server.succeed("--json", "repo", "bindings", "el9", "--distributor", "other").json();
    assertThat(other.findValuesAsText("consumer_id")).containsExactly("web03");
    CliServer.Run noDistributor = server.run("repo", "bindings", "el9", "--distributor", "nope");
    assertThat(noDistributor.code()).isEqualTo(1);
    assertThat(noDistributor.err()).contains("nope");
    server.succeed("repo", "create", "empty");
    assertThat(server.succeed("repo", "bindings", "empty").out())
        .isEqualTo("No consumers bound to empty\n");

    // Profiles: none yet, then what each machine uploaded, read back as the machine or the admin.
    assertThat(server.succeed("consumer", "profile", "list", "--root", north1).out())
        .isEqualTo("No profiles uploaded by web01\n");
    upload(north1, "1.0");
    upload(south, "1.1");
    upload(north2, "1.0");
    assertThat(server.succeed("consumer", "profile", "list", "--root", north1).out())
        .contains("CONTENT TYPE", "rpm  ");
    String shown = server.succeed("consumer", "profile", "show", "rpm", "--id", "web02").out();
    assertThat(shown).contains("NAME", "VERSION", "app", "1.1", "noarch");
    JsonNode stored =
        server.succeed("--json", "consumer", "profile", "show", "rpm", "--root", north1).json();
    assertThat(stored.at("/profile/0/version").asText()).isEqualTo("1.0");

    // Just uploaded: not computed yet (Pulp computes it on regenerate only), which is not
    // "nothing applies"; said so to the machine itself and to the admin.
    assertThat(server.succeed("consumer", "applicability", "--root", north1).out())
        .isEqualTo(
            "Applicability of web01 has not been computed since its profiles last changed;"
                + " compute it with: depot consumer applicability --regenerate\n");
    assertThat(server.succeed("consumer", "applicability", "--id", "web02").out())
        .contains("has not been computed", "--regenerate --id web02");

    // The north site's machines: regenerated, then one answer for both.
    String north =
        server
            .succeed(
                "consumer",
                "applicability",
                "--filter",
                "{\"notes.site\": \"north\"}",
                "--regenerate")
            .out();
    assertThat(north).contains("web01, web03", "app-1.1-1.noarch", "APP-1 (app fix)");
    assertThat(north).doesNotContain("web02");

    // Every machine, errata only: the up-to-date one has nothing that applies.
    JsonNode fleet =
        last(
            server
                .succeed(
                    "--json",
                    "consumer",
                    "applicability",
                    "--all",
                    "--content-type",
                    "erratum",
                    "--regenerate")
                .out());
    assertThat(fleet).hasSize(2);
    assertThat(fleet.get(0).path("consumers").toString()).isEqualTo("[\"web01\",\"web03\"]");
    assertThat(fleet.get(0).path("applicability").path("erratum")).hasSize(1);
    assertThat(fleet.get(0).path("applicability").has("rpm")).isFalse();
    assertThat(fleet.get(1).path("consumers").toString()).isEqualTo("[\"web02\"]");
    assertThat(server.succeed("consumer", "applicability", "--all").out())
        .containsPattern("web02 +- +nothing applies");
    // Computed and empty (web02 has app 1.1 already): that is an answer.
    assertThat(
            server
                .succeed("consumer", "applicability", "--id", "web02", "--content-type", "erratum")
                .out())
        .isEqualTo("Nothing applies\n");
    // A type no plugin declares ("errata" for erratum) is no such answer: refused, naming it.
    CliServer.Run typo =
        server.run("consumer", "applicability", "--id", "web01", "--content-type", "errata");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.out()).isEmpty();
    assertThat(typo.err()).contains("--content-type errata: no such content type", "erratum");
    CliServer.Run typoAll =
        server.run("consumer", "applicability", "--all", "--content-type", "errata");
    assertThat(typoAll.code()).isEqualTo(2);
    assertThat(typoAll.err()).contains("errata");
    assertThat(server.succeed("consumer", "applicability", "--root", north1).out())
        .contains("APP-1 (app fix)");
    assertThat(
            server
                .succeed("consumer", "applicability", "--filter", "{\"notes.site\": \"east\"}")
                .out())
        .isEqualTo("No consumer matches\n");

    // A machine deletes its profile: its applicability is dropped, no longer the north answer.
    assertThat(server.succeed("consumer", "profile", "delete", "rpm", "--root", north2).out())
        .isEqualTo("Profile rpm of web03 deleted\n");
    assertThat(server.succeed("consumer", "profile", "list", "--id", "web03").out())
        .isEqualTo("No profiles uploaded by web03\n");
    CliServer.Run gone = server.run("consumer", "profile", "show", "rpm", "--id", "web03");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("rpm");
    JsonNode after =
        server
            .succeed(
                "--json", "consumer", "applicability", "--filter", "{\"notes.site\": \"north\"}")
            .json();
    assertThat(after).hasSize(2);
    assertThat(after.get(0).path("consumers").toString()).isEqualTo("[\"web01\"]");

    CliServer.Run both = server.run("consumer", "applicability", "--id", "web01", "--all");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("not both");
  }

  /** el9 with app 1.0 and 1.1 and the advisory of 1.1, and two yum distributors. */
  private void createRepoWithAnUpdate() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path old = TestRpms.build(built, "app", "1.0").rpm();
    Path fixed = TestRpms.build(built, "app", "1.1").rpm();
    createServedYumRepository(
        "el9",
        "--distributor",
        "yum_distributor:other",
        "--distributor-option",
        "other.relative_url=el9-other",
        "--distributor-option",
        "other.http=true");
    server.succeed("repo", "upload", "el9", old.toString(), fixed.toString());
    server.succeed(
        "repo",
        "upload-unit",
        "el9",
        "--type",
        "erratum",
        "--key",
        "id=APP-1",
        "--metadata",
        APP_FIX);
  }

  /** A registered machine of {@code site}, bound to a distributor of el9; its root. */
  private String machine(String id, String site, String distributor) {
    String root = dir.resolve(id).toString();
    server.succeed("consumer", "register", "--id", id, "--note", "site=" + site, "--root", root);
    server.succeed("consumer", "bind", "el9", distributor, "--root", root);
    return root;
  }

  /** The machine reports app at {@code version} installed, as the machine. */
  private void upload(String root, String version) throws Exception {
    Path profile =
        Files.writeString(
            Path.of(root, "profile.json"),
            "[{\"name\": \"app\", \"epoch\": \"0\", \"version\": \""
                + version
                + "\", \"release\": \"1\", \"arch\": \"noarch\"}]");
    server.succeed("consumer", "profile", "--root", root, "--file", profile.toString());
  }

  /** The last of the JSON documents --json printed: after the task, the answer. */
  private static JsonNode last(String out) throws Exception {
    JsonNode last = null;
    try (var all = new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(out)) {
      while (all.hasNext()) {
        last = all.next();
      }
    }
    return last;
  }
}
