package dev.depot.server.group;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A group distributor and a repository distributor cannot serve the same path, whichever claims it
 * first, over real HTTP on both databases. The test types both serve below {@code /pulp/shared/}:
 * {@code shelf_distributor} for repositories, {@code bundle_group_distributor} for groups.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class GroupServedPathsApiTest {
  private static final String API = "/pulp/api/v2/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot server;

  @BeforeEach
  void start() throws Exception {
    server = RunningDepot.start(database, dir.resolve("server"));
    server.call("POST", API + "repositories/", "{\"id\": \"zoo\"}");
    server.call("POST", API + "repo_groups/", "{\"id\": \"all\", \"repo_ids\": [\"zoo\"]}");
    server.call("POST", API + "repo_groups/", "{\"id\": \"more\", \"repo_ids\": [\"zoo\"]}");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private Reply addToRepo(String id, String url) throws Exception {
    return server.call(
        "POST",
        API + "repositories/zoo/distributors/",
        "{\"distributor_type_id\": \"shelf_distributor\", \"distributor_id\": \""
            + id
            + "\", \"distributor_config\": {\"relative_url\": \""
            + url
            + "\"}}");
  }

  private Reply addToGroup(String group, String id, String config) throws Exception {
    return server.call(
        "POST",
        API + "repo_groups/" + group + "/distributors/",
        "{\"distributor_type_id\": \"bundle_group_distributor\", \"distributor_id\": \""
            + id
            + "\", \"distributor_config\": "
            + config
            + "}");
  }

  @Test
  void groupDistributorCannotClaimAPathARepositoryDistributorServes() throws Exception {
    assertThat(addToRepo("web", "pub/zoo").status()).isEqualTo(201);

    Reply equal = addToGroup("all", "bundle", "{\"relative_url\": \"pub/zoo\"}");
    Reply parent = addToGroup("all", "bundle", "{\"relative_url\": \"pub\"}");

    for (Reply refused : new Reply[] {equal, parent}) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().at("/error_message").asText())
          .startsWith("relative_url " + (refused == equal ? "pub/zoo" : "pub") + " conflicts")
          .contains("distributor web (shelf_distributor) of repository zoo")
          .contains("/pulp/shared/pub/zoo/");
      assertThat(refused.json().at("/error/data/property_names/0").asText())
          .isEqualTo("distributor_config");
    }
    assertThat(server.call("GET", API + "repo_groups/all/distributors/", null).json()).isEmpty();
    assertThat(addToGroup("all", "bundle", "{\"relative_url\": \"pub/zoo2\"}").status())
        .isEqualTo(201);
  }

  @Test
  void repositoryDistributorCannotClaimAPathAGroupDistributorServesByDefault() throws Exception {
    assertThat(addToGroup("all", "bundle", "{}").status()).isEqualTo(201);

    Reply refused = addToRepo("web", "groups/all/zoo");

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().at("/error_message").asText())
        .contains("distributor bundle (bundle_group_distributor) of repository group all")
        .contains("/pulp/shared/groups/all/");
    assertThat(server.call("GET", API + "repositories/zoo/distributors/", null).json()).isEmpty();
  }

  @Test
  void twoGroupsCannotShareAPathAndAnUpdateKeepsItsOwn() throws Exception {
    assertThat(addToGroup("all", "bundle", "{\"relative_url\": \"g\"}").status()).isEqualTo(201);
    assertThat(addToGroup("more", "bundle", "{\"relative_url\": \"g\"}").status()).isEqualTo(400);
    assertThat(addToGroup("more", "bundle", "{\"relative_url\": \"h\"}").status()).isEqualTo(201);

    Reply same =
        server.call(
            "PUT",
            API + "repo_groups/all/distributors/bundle/",
            "{\"distributor_config\": {\"relative_url\": \"g\"}}");
    Reply into =
        server.call(
            "PUT",
            API + "repo_groups/more/distributors/bundle/",
            "{\"distributor_config\": {\"relative_url\": \"g/sub\"}}");

    assertThat(same.status()).as(same.body()).isEqualTo(200);
    assertThat(into.status()).as(into.body()).isEqualTo(400);
    assertThat(into.json().at("/error_message").asText())
        .contains("distributor bundle (bundle_group_distributor) of repository group all");
    assertThat(
            server
                .call("GET", API + "repo_groups/more/distributors/bundle/", null)
                .json()
                .at("/config/relative_url")
                .asText())
        .isEqualTo("h");
  }
}
