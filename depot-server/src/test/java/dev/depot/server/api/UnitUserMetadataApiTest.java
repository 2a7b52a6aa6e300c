package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pulp's {@code pulp_user_metadata}: every unit has one ({@code {}} until set), users replace it
 * over REST, and unit searches filter on it. Over real HTTP, on H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UnitUserMetadataApiTest extends ServerOnEachDatabase {
  private static final String API = "/pulp/api/v2/";

  @BeforeEach
  void start() throws Exception {
    Reply repo =
        server.call(
            "POST",
            API + "repositories/",
            "{\"id\": \"zoo\", \"importer_type_id\": \"echo_importer\","
                + " \"importer_config\": {\"notes_per_sync\": 2}}");
    assertThat(repo.status()).as(repo.body()).isEqualTo(201);
    server.awaitTask(server.call("POST", API + "repositories/zoo/actions/sync/", "{}"));
  }

  private JsonNode search(String filters) throws Exception {
    Reply found =
        server.call(
            "POST",
            API + "repositories/zoo/search/units/",
            "{\"criteria\": {\"type_ids\": [\"note\"], \"filters\": {\"unit\": " + filters + "}}}");
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    return found.json();
  }

  @Test
  void usersSetAUnitsMetadataAndSearchByIt() throws Exception {
    JsonNode all = search("{}");
    assertThat(all).hasSize(2);
    String id = all.get(0).path("unit_id").asText();
    String path = API + "content/units/note/" + id + "/pulp_user_metadata/";
    assertThat(all.get(0).at("/metadata/pulp_user_metadata").toString()).isEqualTo("{}");
    assertThat(server.call("GET", path, null).json().toString()).isEqualTo("{}");

    Reply set = server.call("PUT", path, "{\"team\": \"qa\", \"tier\": 2}");

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.body().strip()).isEqualTo("null");
    assertThat(server.call("GET", path, null).json().path("team").asText()).isEqualTo("qa");
    assertThat(
            server
                .call("GET", API + "content/units/note/" + id + "/", null)
                .json()
                .at("/pulp_user_metadata/tier")
                .asInt())
        .isEqualTo(2);
    JsonNode tagged = search("{\"pulp_user_metadata.team\": \"qa\"}");
    assertThat(tagged).hasSize(1);
    assertThat(tagged.get(0).path("unit_id").asText()).isEqualTo(id);
  }

  @Test
  void aBodyThatIsNoObjectOrAnUnknownUnitIsRefused() throws Exception {
    String id = search("{}").get(0).path("unit_id").asText();
    String path = API + "content/units/note/" + id + "/pulp_user_metadata/";

    assertThat(server.call("PUT", path, "[\"qa\"]").status()).isEqualTo(400);
    assertThat(server.call("PUT", path, "not json").status()).isEqualTo(400);
    assertThat(server.call("GET", path, null).json().toString()).isEqualTo("{}");
    String unknown = API + "content/units/note/no-such-unit/pulp_user_metadata/";
    assertThat(server.call("GET", unknown, null).status()).isEqualTo(404);
    assertThat(server.call("PUT", unknown, "{}").status()).isEqualTo(404);
    // A unit asked for under another type is not found either.
    assertThat(
            server
                .call("GET", API + "content/units/iso/" + id + "/pulp_user_metadata/", null)
                .status())
        .isEqualTo(404);
  }
}
