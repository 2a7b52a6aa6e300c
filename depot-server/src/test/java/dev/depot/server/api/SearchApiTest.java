package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The search API on repositories, distributors, tasks and consumers over real HTTP, on H2 and on
 * PostgreSQL: one criteria language, POST and GET alike.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SearchApiTest extends ServerOnEachDatabase {
  private static final String API = "/pulp/api/v2/";
  private static final String REPOS = API + "repositories/";

  @BeforeEach
  void start() throws Exception {
    repo("alpha", "Alpha", "qa", "web");
    repo("beta", "beta two", "ops", "mirror");
    repo("gamma", "Gamma", "qa", null);
  }

  private void repo(String id, String name, String team, String distributor) throws Exception {
    String distributors =
        distributor == null
            ? "[]"
            : """
              [{"distributor_type_id": "echo_distributor", "distributor_id": "%s",
                "distributor_config": {"relative_url": "%s/%s"}, "auto_publish": %s}]
              """
                .formatted(distributor, id, distributor, distributor.equals("web"));
    Reply reply =
        server.call(
            "POST",
            REPOS,
            """
            {"id": "%s", "display_name": "%s", "notes": {"team": "%s"},
             "importer_type_id": "echo_importer", "importer_config": {},
             "distributors": %s}
            """
                .formatted(id, name, team, distributors));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private JsonNode post(String path, String body) throws Exception {
    Reply reply = server.call("POST", path, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private JsonNode get(String path) throws Exception {
    Reply reply = server.call("GET", path, null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static String q(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  private static List<String> values(JsonNode list, String pointer) {
    List<String> values = new ArrayList<>();
    list.forEach(n -> values.add(n.at(pointer).asText()));
    return values;
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void repositoriesFilterSortAndPageAlikeByPostAndGet() throws Exception {
    JsonNode posted =
        post(
            REPOS + "search/",
            """
            {"criteria": {"filters": {"id": {"$in": ["alpha", "gamma"]}},
                          "sort": [["id", "descending"]]}}
            """);
    JsonNode got =
        get(
            REPOS
                + "search/?filters="
                + q("{\"id\": {\"$in\": [\"alpha\", \"gamma\"]}}")
                + "&sort="
                + q("[[\"id\", \"descending\"]]"));

    assertThat(values(posted, "/id")).containsExactly("gamma", "alpha");
    assertThat(got).isEqualTo(posted);
    assertThat(values(get(REPOS + "search/?sort=id&skip=1&limit=1"), "/id"))
        .containsExactly("beta");
    assertThat(
            values(
                post(REPOS + "search/", "{\"criteria\": {\"sort\": [[\"id\", -1]], \"skip\": 2}}"),
                "/id"))
        .containsExactly("alpha");
  }

  @Test
  void repositoriesMatchRegexAndNestedNotesInJava() throws Exception {
    JsonNode regex =
        post(
            REPOS + "search/",
            "{\"criteria\": {\"filters\": {\"display_name\": {\"$regex\": \"^B\", \"$options\":"
                + " \"i\"}}}}");
    JsonNode notes =
        post(
            REPOS + "search/",
            """
            {"criteria": {"filters": {"$or": [{"notes.team": "ops"}, {"id": "gamma"}]},
                          "sort": [["display_name", "ascending"]], "limit": 1}}
            """);

    assertThat(values(regex, "/id")).containsExactly("beta");
    assertThat(values(notes, "/id")).containsExactly("gamma");
  }

  @Test
  void repositoryFieldsKeepIdsAndDetailsAddPlugins() throws Exception {
    JsonNode trimmed =
        post(
            REPOS + "search/",
            "{\"criteria\": {\"filters\": {\"id\": \"alpha\"}, \"fields\": [\"display_name\"]}}");
    JsonNode importers =
        post(
            REPOS + "search/",
            "{\"criteria\": {\"filters\": {\"id\": \"alpha\"}}, \"importers\": true}");
    JsonNode details =
        get(REPOS + "search/?details=true&field=notes&filters=" + q("{\"id\": \"alpha\"}"));

    assertThat(trimmed).hasSize(1);
    assertThat(keys(trimmed.get(0))).containsExactly("id", "_id", "display_name", "_href");
    assertThat(values(importers.get(0).get("importers"), "/importer_type_id"))
        .containsExactly("echo_importer");
    assertThat(importers.get(0).has("distributors")).isFalse();
    assertThat(keys(details.get(0)))
        .containsExactly("id", "_id", "notes", "_href", "importers", "distributors");
    assertThat(values(details.get(0).get("distributors"), "/id")).containsExactly("web");
  }

  @Test
  void badOperatorsFieldsAndKeysAreRefusedNamingThem() throws Exception {
    Reply operator =
        server.call(
            "POST", REPOS + "search/", "{\"criteria\": {\"filters\": {\"id\": {\"$near\": 1}}}}");
    Reply field = server.call("GET", REPOS + "search/?filters=" + q("{\"colour\": \"red\"}"), null);
    Reply sort =
        server.call("POST", API + "tasks/search/", "{\"criteria\": {\"sort\": [[\"x\"]]}}");
    Reply key =
        server.call("POST", API + "distributors/search/", "{\"criteria\": {\"limits\": 1}}");
    Reply missing = server.call("POST", API + "consumers/search/", "{}");

    for (Reply reply : List.of(operator, field, sort, key, missing)) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    }
    assertThat(operator.json().at("/property_names/0").asText()).isEqualTo("criteria");
    assertThat(operator.json().at("/error_message").asText()).contains("$near");
    assertThat(field.json().at("/error_message").asText()).contains("colour");
    assertThat(sort.json().at("/error_message").asText()).contains("'x'");
    assertThat(key.json().at("/error_message").asText()).contains("limits");
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("PLP0016");
  }

  @Test
  void distributorsOfEveryRepositoryAreSearched() throws Exception {
    JsonNode all =
        post(API + "distributors/search/", "{\"criteria\": {\"sort\": [[\"id\", \"ascending\"]]}}");
    JsonNode auto =
        get(
            API
                + "distributors/search/?field=auto_publish&filters="
                + q("{\"auto_publish\": true, \"repo_id\": {\"$nin\": [\"beta\"]}}"));
    JsonNode typed =
        post(
            API + "distributors/search/",
            """
            {"criteria": {"filters": {"config.relative_url": {"$regex": "mirror$"}}}}
            """);

    assertThat(values(all, "/id")).containsExactly("mirror", "web");
    assertThat(values(auto, "/id")).containsExactly("web");
    assertThat(keys(auto.get(0))).containsExactly("id", "_id", "repo_id", "auto_publish", "_href");
    assertThat(values(typed, "/repo_id")).containsExactly("beta");
  }

  @Test
  void tasksAreSearchedByStateTimeAndTag() throws Exception {
    for (String repo : List.of("alpha", "beta")) {
      server.awaitTask(server.call("POST", REPOS + repo + "/actions/sync/", null));
    }
    JsonNode all =
        post(
            API + "tasks/search/",
            """
            {"criteria": {"filters": {"state": {"$in": ["finished", "error"]},
                                      "tags": "pulp:action:sync",
                                      "queued_time": {"$gt": {"$date": "2000-01-01T00:00:00Z"}}},
                          "sort": [["queued_time", "descending"]]}}
            """);
    JsonNode future =
        post(
            API + "tasks/search/",
            "{\"criteria\": {\"filters\": {\"finish_time\": {\"$gte\": {\"$date\":"
                + " \"2999-01-01T00:00:00Z\"}}}}}");
    JsonNode tagged =
        get(
            API
                + "tasks/search/?field=state&limit=5&filters="
                + q("{\"tags\": {\"$all\": [\"pulp:repository:beta\", \"pulp:action:sync\"]}}"));

    // Auto-publish queued a publish after alpha's sync: only the syncs match.
    assertThat(values(all, "/tags/0"))
        .containsExactlyInAnyOrder("pulp:repository:alpha", "pulp:repository:beta");
    assertThat(future).isEmpty();
    JsonNode synced =
        post(
            REPOS + "search/",
            "{\"criteria\": {\"filters\": {\"content_unit_counts.note\": {\"$gt\": 0}}}}");
    assertThat(values(synced, "/id")).containsExactly("alpha", "beta");
    assertThat(tagged).hasSize(1);
    assertThat(keys(tagged.get(0))).containsExactly("_href", "task_id", "_id", "id", "state");
  }

  @Test
  void consumersAreSearchedWithBindingsOnRequest() throws Exception {
    for (String id : List.of("web01", "web02", "db01")) {
      Reply reply =
          server.call(
              "POST",
              API + "consumers/",
              "{\"id\": \"%s\", \"notes\": {\"rack\": \"%s\"}}"
                  .formatted(id, id.startsWith("web") ? "r1" : "r2"));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }
    JsonNode web =
        post(
            API + "consumers/search/",
            """
            {"criteria": {"filters": {"id": {"$regex": "^web"}, "notes.rack": {"$ne": "r2"}},
                          "sort": [["id", "descending"]], "limit": 1},
             "bindings": true}
            """);
    JsonNode got =
        get(
            API
                + "consumers/search/?sort="
                + q("[[\"id\", \"ascending\"]]")
                + "&skip=1&field=notes");

    assertThat(values(web, "/id")).containsExactly("web02");
    assertThat(web.get(0).get("bindings")).isEmpty();
    assertThat(values(got, "/id")).containsExactly("web01", "web02");
    assertThat(keys(got.get(0))).containsExactly("id", "notes", "_id", "_href");
  }
}
