package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code depot repo copy} without {@code --type} from a repository holding types the destination's
 * importer does not take (puppet modules into a yum repository) is refused before any task, saying
 * what to do; the same copy into a repository that takes them is done. With the real plugins, on H2
 * and PostgreSQL.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgresql"})
class CopyHeldTypesCliEndToEndTest extends BothDatabasesCliServerTest {
  @Test
  void aCopyOfEverythingTheDestinationCannotHoldIsRefusedUpFront() throws Exception {
    depot("repo", "create", "mods", "--importer", "puppet_importer");
    depot("repo", "create", "forge", "--importer", "puppet_importer");
    depot("repo", "create", "el", "--importer", "yum_importer");
    Path modules = Files.createDirectories(dir.resolve("modules"));
    depot(
        "repo", "upload", "mods", TestModules.module(modules, "owlco", "lib", "1.3.0").toString());

    int tasksBefore = depot("--json", "task", "list").json().size();

    CliServer.Run refused = server.run("repo", "copy", "mods", "el");

    assertThat(refused.code()).as(refused.out()).isNotZero();
    assertThat(refused.err())
        .contains("repository mods holds [puppet_module]")
        .contains("repository el cannot hold")
        .contains("yum_importer takes [")
        .contains("type_ids");
    assertThat(depot("--json", "task", "list").json())
        .as("no task was queued")
        .hasSize(tasksBefore);
    assertThat(depot("--json", "repo", "units", "el").json()).isEmpty();

    depot("repo", "copy", "mods", "forge");
    assertThat(depot("--json", "repo", "units", "forge").json()).hasSize(1);
  }
}
