package dev.depot.server.repo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replacing a repository's importer tells the old one it is removed before the new one is added.
 * When the replacement then fails, the old importer is still the repository's, so it must be set up
 * again: before, it stayed configured with its state cleaned up (the test importer's {@code
 * state_file} gone), and the next sync ran against a plugin that believed it was removed.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ImporterReplaceTest extends ServerOnEachDatabase {
  private static final String IMPORTERS = "/pulp/api/v2/repositories/zoo/importers/";

  @Test
  void aReplacementRefusedByTheNewImporterLeavesTheOldOneSetUp() throws Exception {
    Path oldState = dir.resolve("old-state");
    server.call("POST", "/pulp/api/v2/repositories/", "{\"id\": \"zoo\"}");
    JsonNode set = server.awaitTask(setImporter("{\"state_file\": \"%s\"}".formatted(oldState)));
    assertThat(set.at("/state").asText()).isEqualTo("finished");
    assertThat(oldState).exists();

    JsonNode refused = server.awaitTask(setImporter("{\"refuse_add\": true}"));

    assertThat(refused.at("/state").asText()).isEqualTo("error");
    assertThat(refused.toString()).contains("refused to be added");
    JsonNode kept = server.call("GET", IMPORTERS + "echo_importer/", null).json();
    assertThat(kept.at("/config/state_file").asText()).isEqualTo(oldState.toString());
    assertThat(oldState).as("the old importer's set-up, done again").exists();
  }

  @Test
  void aReplacementThatSucceedsCleansUpTheOldImporterAndSetsUpTheNew() throws Exception {
    Path oldState = dir.resolve("old-state");
    Path newState = dir.resolve("new-state");
    server.call("POST", "/pulp/api/v2/repositories/", "{\"id\": \"zoo\"}");
    server.awaitTask(setImporter("{\"state_file\": \"%s\"}".formatted(oldState)));

    JsonNode replaced =
        server.awaitTask(setImporter("{\"state_file\": \"%s\"}".formatted(newState)));

    assertThat(replaced.at("/state").asText()).isEqualTo("finished");
    assertThat(Files.exists(oldState)).as("the old importer's clean-up ran").isFalse();
    assertThat(newState).exists();
  }

  private dev.depot.server.support.TestApi.Reply setImporter(String config) throws Exception {
    return server.call(
        "POST",
        IMPORTERS,
        "{\"importer_type_id\": \"echo_importer\", \"importer_config\": %s}".formatted(config));
  }
}
