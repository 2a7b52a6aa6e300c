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
            "{\"id\": {\"$regex\": \"^zoo\"}}",
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
  void noOptionsMeanEverythingAndABadDirectionIsRefused() {
    assertThat(SearchOptions.criteria(null, List.of(), 0, 0, List.of())).isEmpty();
    assertThatThrownBy(() -> SearchOptions.criteria(null, List.of("id:down"), 0, 0, List.of()))
        .hasMessageContaining("id:down");
  }
}
