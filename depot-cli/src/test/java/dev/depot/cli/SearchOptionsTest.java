package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchOptionsTest {
  @Test
  void optionsBecomePulpCriteria() {
    Map<String, Object> criteria =
        SearchOptions.criteria(
            List.of("{\"id\": {\"$regex\": \"^zoo\"}}"),
            List.of("display_name", "id:desc"),
            10,
            20,
            List.of("notes"));

    assertThat(criteria)
        .containsExactly(
            Map.entry("filters", Map.of("id", Map.of("$regex", "^zoo"))),
            Map.entry(
                "sort", List.of(List.of("display_name", "ascending"), List.of("id", "descending"))),
            Map.entry("limit", 10L),
            Map.entry("skip", 20L),
            Map.entry("fields", List.of("notes")));
  }

  @Test
  void aFieldEqualsValueFilterIsTakenAsRepoUnitsTakesItAndMergedWithJson() {
    Map<String, Object> criteria =
        SearchOptions.criteria(
            List.of("author=Kestrel", "{\"name\": {\"$regex\": \"^base\"}}", "size=12"),
            List.of(),
            0,
            0,
            List.of());

    assertThat(criteria)
        .containsExactly(
            Map.entry(
                "filters",
                Map.of(
                    "author",
                    "Kestrel",
                    "name",
                    Map.of("$regex", "^base"),
                    "size",
                    Map.of("$in", List.of(12L, "12")))));
    assertThatThrownBy(
            () -> SearchOptions.criteria(List.of("{not json"), List.of(), 0, 0, List.of()))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aComparisonFilterIsTakenAsRepoUnitsTakesIt() {
    // Without '=' it was read as JSON: "not valid JSON: Unrecognized token 'size'".
    assertThat(SearchOptions.criteria(List.of("size>12"), List.of(), 0, 0, List.of()))
        .containsExactly(Map.entry("filters", Map.of("size", Map.of("$gt", 12L))));
    assertThat(SearchOptions.criteria(List.of("issued>=2026-11-01"), List.of(), 0, 0, List.of()))
        .containsExactly(Map.entry("filters", Map.of("issued", Map.of("$gte", "2026-11-01"))));
  }

  @Test
  void noOptionsMeanEverythingAndABadDirectionIsRefused() {
    assertThat(SearchOptions.criteria(List.of(), List.of(), 0, 0, List.of())).isEmpty();
    assertThatThrownBy(() -> SearchOptions.criteria(List.of(), List.of("id:down"), 0, 0, List.of()))
        .hasMessageContaining("id:down");
  }
}
