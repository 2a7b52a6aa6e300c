package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A copy asking for content types the destination's importer does not take (rpm units into a puppet
 * repository) is a 400 naming type_ids before any task is queued, with the real plugins, on H2 and
 * PostgreSQL; criteria without type_ids from an empty source still queue the copy.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CopyIntoWrongTypeEndToEndTest {
  private static final String REPOS = "/pulp/api/v2/repositories/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
    for (String[] repo :
        new String[][] {
          {"el", "yum_importer"}, {"forge", "puppet_importer"}, {"mods", "puppet_importer"}
        }) {
      Reply created =
          depot.call(
              "POST",
              REPOS,
              "{\"id\": \"" + repo[0] + "\", \"importer_type_id\": \"" + repo[1] + "\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private Reply copy(String source, String dest, String criteria) throws Exception {
    return depot.call(
        "POST",
        REPOS + dest + "/actions/associate/",
        "{\"source_repo_id\": \"" + source + "\", \"criteria\": " + criteria + "}");
  }

  @Test
  void typesTheDestinationCannotHoldAreRefusedUpFrontNamingTypeIds() throws Exception {
    Reply rpms = copy("el", "forge", "{\"type_ids\": [\"rpm\"]}");
    Reply mixed = copy("el", "forge", "{\"type_ids\": [\"puppet_module\", \"rpm\", \"erratum\"]}");

    for (Reply refused : new Reply[] {rpms, mixed}) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      JsonNode body = refused.json();
      assertThat(body.at("/http_status").asInt()).isEqualTo(400);
      assertThat(body.at("/error/code").asText()).isEqualTo("PLP0015");
      assertThat(body.at("/property_names/0").asText()).isEqualTo("criteria");
      assertThat(body.at("/error/sub_errors/0/data/property_names/0").asText())
          .isEqualTo("type_ids");
      assertThat(body.at("/error_message").asText())
          .contains("repository forge cannot hold them")
          .contains("puppet_importer takes [puppet_module]");
    }
    assertThat(rpms.json().at("/error_message").asText()).contains("type_ids [rpm]");
    assertThat(mixed.json().at("/error_message").asText()).contains("type_ids [rpm, erratum]");
    assertThat(depot.call("GET", "/pulp/api/v2/tasks/", null).json()).isEmpty();
  }

  @Test
  void typesItTakesOrNoTypeIdsStillQueueTheCopy() throws Exception {
    JsonNode modules =
        depot.awaitTask(copy("mods", "forge", "{\"type_ids\": [\"puppet_module\"]}"));
    JsonNode everything = depot.awaitTask(copy("el", "forge", "{}"));

    assertThat(modules.at("/state").asText()).as(modules.toString()).isEqualTo("finished");
    // An empty source holds no type the destination refuses: the task decides, as before.
    assertThat(everything.at("/state").asText()).as(everything.toString()).isEqualTo("finished");
  }
}
