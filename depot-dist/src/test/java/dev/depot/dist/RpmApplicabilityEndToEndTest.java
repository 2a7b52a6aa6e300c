package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Applicability as a fleet admin uses it: a machine (a dnf install root) registers, binds to a yum
 * repository, uploads its installed packages as read by the real {@code rpm -qa}, and learns that
 * the newer package and the advisory carrying it apply to it; after updating with dnf, neither
 * does.
 */
class RpmApplicabilityEndToEndTest extends CliServerTest {
  @Test
  void aMachineLearnsWhichPackagesAndErrataApplyToIt() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path old = TestRpms.build(built, "app", "1.0").rpm();
    Path fixed = TestRpms.build(built, "app", "1.1").rpm();
    createServedYumRepository("el9");
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
        "{\"title\": \"app fix\", \"type\": \"bugfix\", \"pkglist\": [{\"packages\":"
            + " [{\"name\": \"app\", \"version\": \"1.1\", \"release\": \"1\", \"arch\":"
            + " \"noarch\", \"filename\": \"app-1.1-1.noarch.rpm\"}]}]}");
    // Its packages are not in this repository: it applies to no machine bound to it.
    server.succeed(
        "repo",
        "upload-unit",
        "el9",
        "--type",
        "erratum",
        "--key",
        "id=APP-2",
        "--metadata",
        "{\"title\": \"app next\", \"type\": \"bugfix\", \"pkglist\": [{\"packages\":"
            + " [{\"name\": \"app\", \"version\": \"1.2\", \"release\": \"1\", \"arch\":"
            + " \"noarch\", \"filename\": \"app-1.2-1.noarch.rpm\"}]}]}");
    server.succeed("repo", "publish", "el9", "--distributor", "web");
    Dnf dnf =
        new Dnf(
            dir.resolve("machine"),
            "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/el9/",
            List.of());
    dnf.run("-y", "install", "app-1.0");
    String root = dnf.root.toString();
    server.succeed("consumer", "register", "--id", "web01", "--root", root);
    server.succeed("consumer", "bind", "el9", "web", "--root", root);

    CliServer.Run bad =
        server.run(
            "consumer",
            "profile",
            "--root",
            root,
            "--file",
            Files.writeString(dir.resolve("bad.json"), "[{\"name\": \"app\"}]").toString());
    assertThat(bad.code()).isNotZero();
    assertThat(bad.out() + bad.err()).contains("profile[0].version is missing");
    // --installed stores two profiles; with --json, stdout is one document: both, as an array.
    JsonNode stored =
        server.succeed("--json", "consumer", "profile", "--root", root, "--installed").json();
    assertThat(stored.isArray()).as(stored.toString()).isTrue();
    assertThat(stored.findValuesAsText("content_type")).containsExactly("rpm", "modulemd");

    JsonNode applies = applicability(root);
    assertThat(applies.path("erratum")).hasSize(1);
    assertThat(applies.path("rpm")).hasSize(1);
    String units = server.succeed("--json", "repo", "units", "el9").out();
    assertThat(units).contains(applies.path("erratum").get(0).asText());
    JsonNode rpm = unit(units, applies.path("rpm").get(0).asText());
    assertThat(rpm.path("metadata").path("version").asText()).isEqualTo("1.1");
    // The table names what applies, not only the units' ids.
    assertThat(server.succeed("consumer", "applicability", "--root", root).out())
        .contains("APP-1 (app fix)")
        .contains("app-1.1-1.noarch")
        .contains(applies.path("rpm").get(0).asText())
        .doesNotContain("APP-2");

    dnf.run("-y", "upgrade", "app");
    server.succeed("consumer", "profile", "--root", root, "--installed");
    JsonNode after = applicability(root);
    assertThat(after.path("erratum")).isEmpty();
    assertThat(after.path("rpm")).isEmpty();

    // Pulp's parallel regeneration: a task group, followed to its end by its state summary.
    JsonNode group =
        new ObjectMapper()
            .readTree(
                server
                    .succeed("--json", "repo", "regenerate-applicability", "el9", "--parallel")
                    .out());
    assertThat(group.path("total").asInt()).isEqualTo(1);
    assertThat(group.path("finished").asInt()).isEqualTo(1);
    assertThat(server.succeed("task", "group", "show", group.path("group_id").asText()).out())
        .contains("1/1 tasks complete (1 finished, 0 error");
  }

  /** The greeter:2 stream (mod-app 2.0) without its defaults: dnf enables it only when told. */
  private static final String MODULES =
      RpmModulesEndToEndTest.MODULES.substring(
          0, RpmModulesEndToEndTest.MODULES.indexOf("---\ndocument: modulemd-defaults"));

  @Test
  void aModularUpdateAppliesOnlyToAMachineWithItsStreamEnabled() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path plain = TestRpms.build(built, "mod-app", "1.0").rpm();
    Path modular = TestRpms.build(built, "mod-app", "2.0").rpm();
    server.succeed(
        "repo",
        "create",
        "stream",
        "--importer",
        "yum_importer",
        "--distributor",
        "yum_distributor:web",
        "--distributor-option",
        "web.relative_url=stream",
        "--distributor-option",
        "web.http=true");
    server.succeed("repo", "upload", "stream", plain.toString(), modular.toString());
    Path modules = Files.writeString(dir.resolve("modules.yaml"), MODULES);
    server.succeed("repo", "upload", "stream", modules.toString(), "--type", "modulemd");
    server.succeed(
        "repo",
        "upload-unit",
        "stream",
        "--type",
        "erratum",
        "--key",
        "id=MOD-1",
        "--metadata",
        "{\"title\": \"greeter 2 update\", \"type\": \"bugfix\", \"pkglist\": [{\"name\":"
            + " \"greeter:2\", \"module\": {\"name\": \"greeter\", \"stream\": \"2\","
            + " \"version\": \"20261201000000\", \"context\": \"c0ffee42\", \"arch\":"
            + " \"noarch\"}, \"packages\": [{\"name\": \"mod-app\", \"version\": \"2.0\","
            + " \"release\": \"1\", \"arch\": \"noarch\", \"filename\":"
            + " \"mod-app-2.0-1.noarch.rpm\"}]}]}");
    server.succeed("repo", "publish", "stream", "--distributor", "web");
    Dnf dnf =
        new Dnf(
            dir.resolve("machine"),
            "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/stream/",
            List.of());
    dnf.run("-y", "install", "mod-app"); // 1.0: the stream is not enabled, dnf hides 2.0
    String root = dnf.root.toString();
    server.succeed("consumer", "register", "--id", "modular01", "--root", root);
    server.succeed("consumer", "bind", "stream", "web", "--root", root);

    server.succeed("consumer", "profile", "--root", root, "--installed");
    JsonNode hidden = applicability(root);
    assertThat(hidden.path("rpm")).as("2.0 is the stream's, not enabled here").isEmpty();
    assertThat(hidden.path("erratum")).isEmpty();

    dnf.run("-y", "module", "enable", "greeter:2");
    assertThat(server.succeed("consumer", "profile", "--root", root, "--installed").out())
        .contains("Profile modulemd of modular01 stored (1 entry)");
    JsonNode enabled = applicability(root);
    assertThat(enabled.path("rpm")).hasSize(1);
    assertThat(enabled.path("erratum")).hasSize(1);
    String units = server.succeed("--json", "repo", "units", "stream").out();
    JsonNode rpm = unit(units, enabled.path("rpm").get(0).asText());
    assertThat(rpm.path("metadata").path("version").asText()).isEqualTo("2.0");
    assertThat(unit(units, enabled.path("erratum").get(0).asText()).toString()).contains("MOD-1");
  }

  /** The last of the JSON documents --json prints: the task, then the applicability. */
  private JsonNode applicability(String root) throws Exception {
    String out =
        server.succeed("--json", "consumer", "applicability", "--root", root, "--regenerate").out();
    JsonNode last = null;
    try (var all = new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(out)) {
      while (all.hasNext()) {
        last = all.next();
      }
    }
    return last;
  }

  private static JsonNode unit(String unitsJson, String id) throws Exception {
    for (JsonNode u : new ObjectMapper().readTree(unitsJson)) {
      if (u.path("id").asText().equals(id) || u.path("metadata").path("_id").asText().equals(id)) {
        return u;
      }
    }
    throw new AssertionError("no unit " + id + " in " + unitsJson);
  }
}
