package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.Unit;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.UnitStore;
import dev.depot.server.db.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code depot repo units|copy|remove-units} and {@code depot orphans} against a real server. */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class UnitCliEndToEndTest extends BothDatabasesCliServerTest {
  @Override
  Path serverDir() {
    return dir; // the data directory is the test directory
  }

  /** Runs the CLI; the test looks at its exit code. */
  private CliServer.Run cli(String... args) {
    return server.run(args);
  }

  /** Five iso units f0..f4.iso of sizes 0..4 in {@code repo}, stored as a sync would. */
  private void plantUnits(String repo) throws Exception {
    UnitStore units = new UnitStore();
    ContentStore content = new ContentStore(dir);
    for (int i = 0; i < 5; i++) {
      Map<String, Object> key = Map.of("name", "f" + i + ".iso", "checksum", "c" + i, "size", i);
      Path file = content.storagePath("iso", key, "f" + i + ".iso");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "iso " + i);
      Unit unit = new Unit(null, "iso", key, Map.of(), file);
      server
          .depot()
          .database()
          .jdbi()
          .useTransaction(
              h ->
                  units.associate(
                      h, repo, units.save(h, unit, Timestamps.now()), Timestamps.now()));
    }
  }

  @Test
  void searchCopyRemoveAndCleanUpOrphans() throws Exception {
    for (String repo : new String[] {"zoo", "copy"}) {
      assertThat(cli("repo", "create", repo, "--importer", "iso_importer").code()).isZero();
    }
    plantUnits("zoo");
    // The planted units become a version before the removal's task runs: kept, it would hold the
    // removed unit, and orphan cleanup would rightly leave it.
    assertThat(cli("repo", "update", "zoo", "--retain-versions", "1").code()).isZero();

    CliServer.Run listed =
        cli("repo", "units", "zoo", "--type", "iso", "--sort", "size,desc", "--limit", "2");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("UNIT_KEY", "name=f4.iso", "name=f3.iso")
        .doesNotContain("f2.iso");
    JsonNode filtered = cli("--json", "repo", "units", "zoo", "--filter", "name=f1.iso").json();
    assertThat(filtered).hasSize(1);

    CliServer.Run copied =
        cli("repo", "copy", "zoo", "copy", "--filters", "{\"size\": {\"$gte\": 3}}");
    assertThat(copied.code()).as(copied.err()).isZero();
    assertThat(copied.out()).contains("Units copied from zoo to copy (2 units)");
    assertThat(cli("--json", "repo", "units", "copy").json()).hasSize(2);

    CliServer.Run removed =
        cli("repo", "remove-units", "zoo", "--type", "iso", "--filter", "size=0");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(cli("orphans", "list").out()).contains("iso", "1");
    assertThat(cli("orphans", "list", "--type", "iso").out()).contains("f0.iso");
    CliServer.Run deleted = cli("orphans", "delete", "--type", "iso");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(cli("--json", "orphans", "list").json().at("/iso/count").asLong()).isZero();
    assertThat(cli("orphans", "delete", "--id", "x").code()).isNotZero();
  }

  @Test
  void copyIntoAMissingOrBareRepositoryNamesTheCommandThatFixesIt() throws Exception {
    assertThat(cli("repo", "create", "zoo", "--importer", "iso_importer").code()).isZero();
    plantUnits("zoo");
    String[] copy = {"repo", "copy", "zoo", "zoo-copy", "--filters", "{\"size\": {\"$gt\": 2}}"};

    CliServer.Run missing = cli(copy);
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err())
        .contains("repository zoo-copy does not exist")
        .contains("depot repo create zoo-copy --importer iso_importer");

    assertThat(cli("repo", "create", "zoo-copy").code()).isZero();
    CliServer.Run bare = cli(copy);
    assertThat(bare.code()).isEqualTo(1);
    assertThat(bare.err())
        .contains("repository zoo-copy has no importer")
        .contains("depot repo importer set zoo-copy --type iso_importer");
    assertThat(cli("--json", "task", "list").json()).as("nothing was queued").isEmpty();

    // Doing what it says makes the README's copy work as written.
    CliServer.Run fixed = cli("repo", "importer", "set", "zoo-copy", "--type", "iso_importer");
    assertThat(fixed.code()).as(fixed.err()).isZero();
    CliServer.Run copied = cli(copy);
    assertThat(copied.code()).as(copied.err()).isZero();
    assertThat(copied.out()).contains("Units copied from zoo to zoo-copy (2 units)");
  }

  @Test
  void unknownContentTypeIsRefusedNamingIt() throws Exception {
    assertThat(cli("repo", "create", "zoo", "--importer", "iso_importer").code()).isZero();
    plantUnits("zoo");

    CliServer.Run units = cli("repo", "units", "zoo", "--type", "nosuch");
    CliServer.Run remove = cli("repo", "remove-units", "zoo", "--type", "nosuch");
    JsonNode json = cli("--json", "repo", "units", "zoo", "--type", "nosuch").json();

    assertThat(units.code()).isEqualTo(1);
    assertThat(units.err()).contains("unknown content type(s) [nosuch]", "iso", "HTTP 400");
    assertThat(units.out()).doesNotContain("No units");
    assertThat(remove.code()).isEqualTo(1);
    assertThat(remove.err()).contains("[nosuch]");
    assertThat(json.at("/http_status").asInt()).isEqualTo(400);
    assertThat(json.at("/error_message").asText()).contains("nosuch");
    assertThat(cli("--json", "repo", "units", "zoo").json()).hasSize(5);
  }

  @Test
  void aFilterOnAFieldNoUnitHasSaysSoWhenNothingMatches() throws Exception {
    assertThat(cli("repo", "create", "zoo", "--importer", "iso_importer").code()).isZero();
    plantUnits("zoo");

    CliServer.Run misspelt = cli("repo", "units", "zoo", "--filter", "nmae=f1.iso");
    CliServer.Run right = cli("repo", "units", "zoo", "--filter", "name=f9.iso");

    assertThat(misspelt.code()).isZero();
    assertThat(misspelt.out()).contains("No units (no unit here has a field named nmae");
    assertThat(right.out()).isEqualTo("No units\n");
  }

  @Test
  void removeUnitsWithoutASelectionWantsAllInsteadOfEmptyingTheRepository() throws Exception {
    assertThat(cli("repo", "create", "zoo", "--importer", "iso_importer").code()).isZero();
    plantUnits("zoo");

    CliServer.Run forgotten = cli("repo", "remove-units", "zoo");
    assertThat(forgotten.code()).isEqualTo(2);
    assertThat(forgotten.err()).contains("--filter", "--all");
    CliServer.Run both = cli("repo", "remove-units", "zoo", "--all", "--type", "iso");
    assertThat(both.code()).isEqualTo(2);
    assertThat(cli("--json", "repo", "units", "zoo").json()).as("nothing removed").hasSize(5);
    assertThat(cli("--json", "task", "list").json()).as("nothing was queued").isEmpty();

    CliServer.Run all = cli("repo", "remove-units", "zoo", "--all");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out()).contains("Units removed from zoo (5 units)");
    assertThat(cli("--json", "repo", "units", "zoo").json()).isEmpty();
  }

  @Test
  void aJsonFilterIsTakenByFilterAsRepoSearchTakesIt() throws Exception {
    assertThat(cli("repo", "create", "zoo", "--importer", "iso_importer").code()).isZero();
    plantUnits("zoo");

    CliServer.Run json =
        cli("--json", "repo", "units", "zoo", "--filter", "{\"size\": {\"$gte\": 3}}");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.json()).hasSize(2);
    CliServer.Run mixed =
        cli(
            "--json",
            "repo",
            "units",
            "zoo",
            "--filter",
            "{\"size\": {\"$gte\": 3}}",
            "--filter",
            "name=f4.iso");
    assertThat(mixed.json()).hasSize(1);
    assertThat(mixed.json().at("/0/metadata/name").asText()).isEqualTo("f4.iso");
  }
}
