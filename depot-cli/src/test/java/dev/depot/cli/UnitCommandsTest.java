package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitCommandsTest {
  @Test
  void optionsBecomePulpUnitAssociationCriteria() {
    Map<String, Object> criteria =
        UnitCommands.criteria(
            "iso",
            List.of("name=a.iso", "size=5"),
            "{\"checksum\": {\"$regex\": \"^ab\"}}",
            "size,desc",
            10,
            20);

    assertThat(criteria)
        .containsEntry("type_ids", List.of("iso"))
        .containsEntry(
            "filters",
            Map.of(
                "unit",
                Map.of(
                    "checksum",
                    Map.of("$regex", "^ab"),
                    "name",
                    "a.iso",
                    "size",
                    Map.of("$in", List.of(5L, "5")))))
        .containsEntry("sort", Map.of("unit", List.of(List.of("size", "descending"))))
        .containsEntry("limit", 10L)
        .containsEntry("skip", 20L);
  }

  @Test
  void aNumberOrBooleanMatchesTheFieldTypedOrAsTheTextGiven() {
    // An RPM's epoch "0" and a module's stream "08" are text; a field may hold true or "true".
    assertThat(
            UnitCommands.equalities(
                List.of("epoch=0", "stream=08", "enabled=true", "name=a", "stream=20")))
        .containsExactly(
            Map.entry("epoch", Map.of("$in", List.of(0L, "0"))),
            Map.entry("stream", Map.of("$in", List.of(20L, "20"))),
            Map.entry("enabled", Map.of("$in", List.of(true, "true"))),
            Map.entry("name", "a"));
  }

  @Test
  void aComparisonFilterBecomesPulpsOperatorMergedPerField() {
    // "errata issued in November": read before as a field named "issued>", matching nothing.
    assertThat(
            UnitCommands.equalities(
                List.of(
                    "issued>=2026-11-01",
                    "issued<2026-12-01",
                    "severity!=Low",
                    "size>1000",
                    "size<=2000")))
        .containsExactly(
            Map.entry("issued", Map.of("$gte", "2026-11-01", "$lt", "2026-12-01")),
            Map.entry("severity", Map.of("$ne", "Low")),
            Map.entry("size", Map.of("$gt", 1000L, "$lte", 2000L)));
    assertThatThrownBy(() -> UnitCommands.equalities(List.of("name!webapp")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'name!webapp'");
  }

  @Test
  void sortOnAssociationDatesAndNoOptionsMeansEverything() {
    assertThat(UnitCommands.criteria(null, null, null, "created", 0, 0))
        .containsExactly(
            Map.entry("sort", Map.of("association", List.of(List.of("created", "ascending")))));
    assertThat(UnitCommands.criteria(null, null, null, null, 0, 0)).isEmpty();
  }

  @Test
  void sortTakesTheColonOfRepoSearchAndRefusesAnUnknownDirection() {
    Map<String, Object> descending = Map.of("unit", List.of(List.of("version", "descending")));
    assertThat(UnitCommands.criteria(null, null, null, "version:desc", 0, 0))
        .containsEntry("sort", descending);
    assertThat(UnitCommands.criteria(null, null, null, "version,desc", 0, 0))
        .containsEntry("sort", descending);
    assertThatThrownBy(() -> UnitCommands.criteria(null, null, null, "version,sideways", 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version,sideways");
  }

  @Test
  void aFilterMayBeAJsonObjectAsInRepoSearch() {
    Map<String, Object> criteria =
        UnitCommands.criteria(
            null, List.of("{\"size\": {\"$gt\": 1}}", "name=a.iso"), null, null, 0, 0);

    assertThat(criteria)
        .containsEntry(
            "filters", Map.of("unit", Map.of("size", Map.of("$gt", 1), "name", "a.iso")));
    assertThat(UnitCommands.equalityFilters(List.of(" {\"a\": 1}", "@f.json", "name=x")))
        .containsExactly("name=x");
  }
}
