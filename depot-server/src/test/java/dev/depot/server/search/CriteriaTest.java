package dev.depot.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.db.Json;
import dev.depot.server.error.InvalidValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CriteriaTest {
  private static final Set<String> FIELDS = Set.of("id", "notes", "last_unit_added");

  private static Criteria parse(String json) {
    return Criteria.parse(Json.readValue(json), FIELDS);
  }

  @Test
  void pulpCriteriaAreReadWithDatesAsTheDocumentsShowThem() {
    Criteria criteria =
        parse(
            """
            {"filters": {"last_unit_added": {"$gte": {"$date": "2026-01-02T03:04:05.678+01:00"}},
                         "notes.team": "qa"},
             "sort": [["id", -1], ["notes.team"]], "limit": 5, "skip": 2, "fields": ["notes"]}
            """);

    assertThat(criteria.filters())
        .containsEntry("last_unit_added", Map.of("$gte", "2026-01-02T02:04:05Z"))
        .containsEntry("notes.team", "qa");
    assertThat(criteria.sort())
        .containsExactly(new Criteria.Sort("id", false), new Criteria.Sort("notes.team", true));
    assertThat(criteria.limit()).isEqualTo(5);
    assertThat(criteria.skip()).isEqualTo(2);
    assertThat(criteria.fields()).containsExactly("notes");
  }

  @Test
  void getParametersMeanTheSameAsThePostBody() {
    Criteria criteria =
        Criteria.fromQuery(
            Map.of(
                "filters", List.of("{\"id\": {\"$in\": [\"a\"]}}"),
                "sort", List.of("id:desc"),
                "field", List.of("notes", "id"),
                "limit", List.of("3"),
                "details", List.of("true")),
            Set.of("details"),
            FIELDS);

    assertThat(criteria)
        .isEqualTo(
            parse(
                """
                {"filters": {"id": {"$in": ["a"]}}, "sort": [["id", "descending"]],
                 "fields": ["notes", "id"], "limit": 3}
                """));
  }

  @Test
  void everyRefusalIsACriteriaErrorNamingWhatIsWrong() {
    List<String> bad =
        List.of(
            "{\"filters\": {\"id\": {\"$near\": 1}}}",
            "{\"filters\": {\"$where\": \"1\"}}",
            "{\"filters\": {\"$or\": [{\"colour\": 1}]}}",
            "{\"sort\": [[\"id\", \"sideways\"]]}",
            "{\"limit\": true}",
            "{\"limit\": 0}",
            "{\"skip\": -1}",
            "{\"fields\": [\"size\"]}",
            "{\"filter\": {}}");
    List<String> named =
        List.of("$near", "$where", "colour", "sideways", "true", "0", "-1", "size", "filter");

    for (int i = 0; i < bad.size(); i++) {
      String json = bad.get(i);
      assertThatThrownBy(() -> parse(json))
          .as(json)
          .isInstanceOfSatisfying(
              InvalidValue.class, e -> assertThat(e.properties()).containsExactly("criteria"))
          .hasMessageContaining(named.get(i));
    }
    assertThatThrownBy(() -> Criteria.parse(null, FIELDS))
        .hasMessageContaining("Missing required property: criteria");
  }
}
