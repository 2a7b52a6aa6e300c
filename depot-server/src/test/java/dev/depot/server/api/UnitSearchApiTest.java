package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.Unit;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.UnitStore;
import dev.depot.server.db.Timestamps;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unit search, copy, unassociate and orphans over real HTTP, on H2 and PostgreSQL. Ten notes {@code
 * note-00..note-09} live in {@code src}, each with a file, a numeric {@code size} (= its number)
 * and a {@code color} (red for even numbers): {@code title} is indexed (SQL), {@code size} and
 * {@code color} are not (Java fallback).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UnitSearchApiTest extends ServerOnEachDatabase {
  private static final String REPOS = "/pulp/api/v2/repositories/";
  private static final String CONTENT = "/pulp/api/v2/content/";

  final UnitStore units = new UnitStore();
  final List<Unit> notes = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    for (String id : List.of("src", "dst")) {
      server.call(
          "POST", REPOS, "{\"id\": \"" + id + "\", \"importer_type_id\": \"echo_importer\"}");
    }
    server.call("POST", REPOS, "{\"id\": \"bare\"}");
    ContentStore content = new ContentStore(dir);
    for (int i = 0; i < 10; i++) {
      Map<String, Object> key = Map.of("title", String.format("note-%02d", i));
      Path file = content.storagePath("note", key, "note.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "note " + i);
      Unit unit =
          new Unit(
              null,
              "note",
              key,
              Map.of("size", i, "color", i % 2 == 0 ? "red" : "blue", "body", "hello"),
              file);
      notes.add(
          jdbi()
              .inTransaction(
                  h -> {
                    Unit saved = units.save(h, unit, Timestamps.now());
                    units.associate(h, "src", saved, Timestamps.now());
                    return saved;
                  }));
    }
  }

  private Jdbi jdbi() {
    return server.depot().database().jdbi();
  }

  private Reply search(String repo, String criteria) throws Exception {
    return server.call("POST", REPOS + repo + "/search/units/", "{\"criteria\": " + criteria + "}");
  }

  private static List<String> titles(JsonNode found) {
    List<String> titles = new ArrayList<>();
    found.forEach(a -> titles.add(a.at("/metadata/title").asText()));
    return titles;
  }

  @Test
  void searchFiltersOnIndexedAndOtherFieldsSortsPagesAndTrimsFields() throws Exception {
    Reply reply =
        search(
            "src",
            """
            {"type_ids": ["note"],
             "filters": {"unit": {"title": {"$regex": "note-0[2-8]"}, "color": "red"}},
             "sort": {"unit": [["title", "descending"]]},
             "limit": 2, "skip": 1, "fields": {"unit": ["title"]}}
            """);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode found = reply.json();
    assertThat(titles(found)).containsExactly("note-06", "note-04");
    JsonNode first = found.get(0);
    assertThat(first.at("/repo_id").asText()).isEqualTo("src");
    assertThat(first.at("/unit_type_id").asText()).isEqualTo("note");
    assertThat(first.at("/unit_id").asText()).isEqualTo(first.at("/metadata/_id").asText());
    assertThat(first.at("/created").asText()).endsWith("Z");
    assertThat(first.at("/id").asText()).hasSize(24);
    assertThat(first.at("/metadata/_content_type_id").asText()).isEqualTo("note");
    assertThat(first.at("/metadata").has("color")).isFalse();
  }

  @Test
  void searchRunsComparisonsOrAndAssociationFiltersAndSortsOnUnindexedFields() throws Exception {
    JsonNode bySize =
        search(
                "src",
                """
                {"type_ids": ["note"], "sort": {"unit": [["size", "descending"]]}, "limit": 3}
                """)
            .json();
    JsonNode either =
        search(
                "src",
                """
                {"filters": {"unit": {"$or": [{"title": "note-01"}, {"size": {"$gte": 8}}]}}}
                """)
            .json();
    JsonNode indexedOr =
        search(
                "src",
                """
                {"type_ids": ["note"],
                 "filters": {"unit": {"$or": [{"title": "note-01"}, {"title": {"$in": ["note-03"]}}]}}}
                """)
            .json();
    JsonNode recent =
        search(
                "src",
                """
                {"filters": {"association": {"created": {"$gte": {"$date": "2000-01-01T00:00:00Z"}}}},
                 "sort": {"association": [["created", "ascending"]]}}
                """)
            .json();
    JsonNode future =
        search(
                "src",
                "{\"filters\": {\"association\": {\"updated\": {\"$gt\": \"2999-01-01T00:00:00Z\"}}}}")
            .json();
    JsonNode rangeOnKey =
        search(
                "src",
                "{\"type_ids\": [\"note\"], \"filters\": {\"unit\": {\"title\": {\"$gt\": \"note-07\"}}}}")
            .json();

    assertThat(titles(bySize)).containsExactly("note-09", "note-08", "note-07");
    assertThat(titles(either)).containsExactly("note-01", "note-08", "note-09");
    assertThat(titles(indexedOr)).containsExactly("note-01", "note-03");
    assertThat(recent).hasSize(10);
    assertThat(future).isEmpty();
    assertThat(titles(rangeOnKey)).containsExactly("note-08", "note-09");
  }

  @Test
  void badCriteriaGet400NamingTheFieldAndMissingRepository404() throws Exception {
    Map<String, String> cases =
        Map.of(
            "{\"bogus\": 1}", "bogus",
            "{\"sort\": {\"unit\": [[\"title\", \"sideways\"]]}}", "sort",
            "{\"limit\": -1}", "limit",
            "{\"limit\": true}", "limit",
            "{\"skip\": -3}", "skip",
            "{\"filters\": {\"unit\": {\"title\": {\"$near\": 1}}}}", "filters",
            "{\"filters\": {\"unit\": {}, \"other\": {}}}", "other");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Reply reply = search("src", c.getKey());
      assertThat(reply.status()).as(c.getKey()).isEqualTo(400);
      JsonNode body = reply.json();
      assertThat(body.at("/property_names/0").asText()).isEqualTo("criteria");
      assertThat(body.at("/error/code").asText()).isEqualTo("PLP0015");
      assertThat(body.at("/error/sub_errors/0/data/property_names/0").asText())
          .as(c.getKey())
          .isEqualTo(c.getValue());
      assertThat(body.at("/error_message").asText()).contains(c.getValue().replace("other", ""));
    }
    assertThat(search("nope", "{}").status()).isEqualTo(404);
  }

  @Test
  void copiesUnitsMatchingAFilterIntoAnotherRepository() throws Exception {
    JsonNode task =
        server.awaitTask(
            server.call(
                "POST",
                REPOS + "dst/actions/associate/",
                """
                {"source_repo_id": "src",
                 "criteria": {"type_ids": ["note"],
                              "filters": {"unit": {"title": {"$in": ["note-01", "note-02"]}}}}}
                """));

    assertThat(task.at("/state").asText()).isEqualTo("finished");
    assertThat(task.at("/result/units_successful")).hasSize(2);
    assertThat(task.at("/result/units_successful/0/type_id").asText()).isEqualTo("note");
    assertThat(task.at("/result/units_successful_count").asLong()).isEqualTo(2);
    assertThat(task.at("/result/warnings").isMissingNode()).isTrue(); // none given
    assertThat(task.at("/progress_report").toString()).contains("\"state\":\"finished\"");
    assertThat(task.at("/tags").toString()).contains("pulp:repository:src", "pulp:repository:dst");
    assertThat(titles(search("dst", "{}").json())).containsExactlyInAnyOrder("note-01", "note-02");
    assertThat(search("src", "{}").json()).hasSize(10);
    assertThat(
            server
                .call("GET", REPOS + "dst/", null)
                .json()
                .at("/content_unit_counts/note")
                .asLong())
        .isEqualTo(2);
  }

  @Test
  void copyRefusesBadRequestsAndADestinationWithoutImporter() throws Exception {
    Reply missing = server.call("POST", REPOS + "dst/actions/associate/", "{}");
    Reply unknown =
        server.call("POST", REPOS + "dst/actions/associate/", "{\"source_repo_id\": \"nope\"}");
    Reply noDest =
        server.call("POST", REPOS + "nope/actions/associate/", "{\"source_repo_id\": \"src\"}");
    Reply noImporter =
        server.call("POST", REPOS + "bare/actions/associate/", "{\"source_repo_id\": \"src\"}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/missing_property_names/0").asText()).isEqualTo("source_repo_id");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/property_names/0").asText()).isEqualTo("source_repo_id");
    assertThat(unknown.json().at("/error_message").asText())
        .contains("source repository nope does not exist");
    assertThat(noDest.status()).isEqualTo(404);
    assertThat(noImporter.status()).isEqualTo(400);
    assertThat(noImporter.json().at("/error/code").asText()).isEqualTo("PLP0009");
    assertThat(noImporter.json().at("/error_message").asText())
        .contains("Repository bare has no importer", "give it one first");
  }

  @Test
  void unknownContentTypeIsRefusedNamingItBySearchCopyAndUnassociate() throws Exception {
    String criteria = "{\"criteria\": {\"type_ids\": [\"nosuch\"]}}";
    Reply search = search("src", "{\"type_ids\": [\"note\", \"nosuch\"]}");
    Reply copy =
        server.call(
            "POST",
            REPOS + "dst/actions/associate/",
            "{\"source_repo_id\": \"src\", \"criteria\": {\"type_ids\": [\"nosuch\"]}}");
    Reply unassociate = server.call("POST", REPOS + "src/actions/unassociate/", criteria);

    for (Reply reply : List.of(search, copy, unassociate)) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().at("/error_message").asText())
          .contains("unknown content type(s) [nosuch]", "note");
      assertThat(reply.json().at("/property_names/0").asText()).isEqualTo("criteria");
    }
    assertThat(server.call("GET", "/pulp/api/v2/tasks/", null).json()).isEmpty();
    assertThat(search("src", "{\"type_ids\": [\"note\"]}").json()).hasSize(10);
  }

  @Test
  void unassociateRemovesMatchingUnitsButKeepsThem() throws Exception {
    JsonNode task =
        server.awaitTask(
            server.call(
                "POST",
                REPOS + "src/actions/unassociate/",
                "{\"criteria\": {\"type_ids\": [\"note\"], \"filters\": {\"unit\": {\"size\": {\"$lt\": 3}}}}}"));
    JsonNode nothing =
        server.awaitTask(
            server.call(
                "POST",
                REPOS + "src/actions/unassociate/",
                "{\"criteria\": {\"filters\": {\"unit\": {\"title\": \"none\"}}}}"));

    assertThat(task.at("/state").asText()).isEqualTo("finished");
    assertThat(task.at("/result/units_successful")).hasSize(3);
    assertThat(nothing.at("/result").isEmpty()).isTrue();
    assertThat(search("src", "{}").json()).hasSize(7);
    assertThat(server.call("GET", REPOS + "src/", null).json().at("/last_unit_removed").asText())
        .endsWith("Z");
    assertThat(server.call("GET", CONTENT + "units/note/", null).json()).hasSize(10);
  }

  @Test
  void contentSearchFindsUnitsOfATypeWithTheirRepositories() throws Exception {
    Reply found =
        server.call(
            "POST",
            CONTENT + "units/note/search/",
            """
            {"criteria": {"filters": {"title": {"$in": ["note-03", "note-04"]}},
                          "sort": [["title", "descending"]], "fields": ["title"]},
             "include_repos": true}
            """);
    Reply unknownType = server.call("POST", CONTENT + "units/nope/search/", "{\"criteria\": {}}");
    Reply one = server.call("GET", CONTENT + "units/note/" + notes.get(5).id() + "/", null);
    Reply getSearch = server.call("GET", CONTENT + "units/note/search/?limit=2&field=title", null);

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json()).hasSize(2);
    assertThat(found.json().at("/0/title").asText()).isEqualTo("note-04");
    assertThat(found.json().at("/0/repository_memberships/0").asText()).isEqualTo("src");
    assertThat(found.json().get(0).has("color")).isFalse();
    assertThat(unknownType.json()).isEmpty();
    assertThat(one.json().at("/title").asText()).isEqualTo("note-05");
    assertThat(one.json().at("/_href").asText()).endsWith(notes.get(5).id() + "/");
    assertThat(getSearch.json()).hasSize(2);
    assertThat(server.call("GET", CONTENT + "units/note/nope/", null).status()).isEqualTo(404);
  }

  @Test
  void orphansAreListedAndDeletedWithTheirFilesWhileAssociatedUnitsStay() throws Exception {
    keepOneVersion("src");
    server.awaitTask(
        server.call(
            "POST",
            REPOS + "src/actions/unassociate/",
            "{\"criteria\": {\"filters\": {\"unit\": {\"size\": {\"$lt\": 4}}}}}"));
    Unit single = notes.get(0);
    Unit kept = notes.get(9);

    JsonNode counts = server.call("GET", CONTENT + "orphans/", null).json();
    JsonNode listed = server.call("GET", CONTENT + "orphans/note/", null).json();
    Reply notOrphan = server.call("GET", CONTENT + "orphans/note/" + kept.id() + "/", null);
    Reply unknownType = server.call("GET", CONTENT + "orphans/nope/", null);
    JsonNode one =
        server.awaitTask(
            server.call("DELETE", CONTENT + "orphans/note/" + single.id() + "/", null));
    assertThat(Files.exists(single.storagePath())).isFalse();
    assertThat(Files.exists(single.storagePath().getParent())).isFalse();
    assertThat(Files.exists(single.storagePath().getParent().getParent())).isFalse();
    JsonNode all = server.awaitTask(server.call("DELETE", CONTENT + "orphans/", null));

    assertThat(counts.at("/note/count").asLong()).isEqualTo(4);
    assertThat(counts.at("/note/_href").asText()).isEqualTo(CONTENT + "orphans/note/");
    assertThat(listed).hasSize(4);
    assertThat(listed.at("/0/_href").asText()).startsWith(CONTENT + "orphans/note/");
    assertThat(listed.at("/0/_storage_path").asText()).endsWith("note.txt");
    assertThat(notOrphan.status()).isEqualTo(404);
    assertThat(unknownType.status()).isEqualTo(404);
    assertThat(one.at("/state").asText()).isEqualTo("finished");
    assertThat(one.at("/tags").toString()).contains("pulp:content_unit:orphans");
    assertThat(all.at("/result/note").asLong()).isEqualTo(3);
    for (int i = 0; i < 4; i++) {
      assertThat(Files.exists(notes.get(i).storagePath())).isFalse();
    }
    assertThat(Files.readString(kept.storagePath())).isEqualTo("note 9");
    assertThat(server.call("GET", CONTENT + "orphans/", null).json().at("/note/count").asLong())
        .isZero();
    assertThat(search("src", "{}").json()).hasSize(6);
    assertThat(dir.resolve("content/units/note")).isDirectory();
  }

  @Test
  void orphanDeleteKeepsAUnitAssociatedAgain() throws Exception {
    keepOneVersion("src");
    server.awaitTask(server.call("POST", REPOS + "src/actions/unassociate/", "{\"criteria\": {}}"));
    Unit back = notes.get(3);
    jdbi().useTransaction(h -> units.associate(h, "dst", back, Timestamps.now()));

    JsonNode all = server.awaitTask(server.call("DELETE", CONTENT + "orphans/note/", null));

    assertThat(all.at("/result/note").asLong()).isEqualTo(9);
    assertThat(Files.exists(back.storagePath())).isTrue();
    assertThat(search("dst", "{}").json()).hasSize(1);
  }

  /**
   * Makes a removal leave orphans: the notes' associations, recorded as a version before the next
   * task on the repository runs, are held by that version while the repository keeps it.
   */
  private void keepOneVersion(String repo) throws Exception {
    Reply set = server.call("PUT", REPOS + repo + "/", "{\"delta\": {\"retain_versions\": 1}}");
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
  }
}
