package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a synced erratum changes in the one held under its id. */
class ErratumMergeTest {
  private static Map<String, Object> pkg(String name, String arch) {
    return Map.of(
        "name",
        name,
        "epoch",
        "0",
        "version",
        "1.0",
        "release",
        "1",
        "arch",
        arch,
        "filename",
        name + "-1.0-1." + arch + ".rpm");
  }

  private static Map<String, Object> erratum(String title, String updated, Object... packages) {
    return Map.of(
        "title",
        title,
        "issued",
        "2026-11-01",
        "updated",
        updated,
        "pkglist",
        List.of(Map.of("name", "el9", "short", "el9", "packages", List.of(packages))));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> packages(Map<String, Object> erratum) {
    List<Object> out = new java.util.ArrayList<>();
    for (Object c : (List<Object>) erratum.get("pkglist")) {
      out.addAll((List<Object>) ((Map<String, Object>) c).get("packages"));
    }
    return out;
  }

  @Test
  void theSameEditionListingNothingNewKeepsTheHeldErratumItself() {
    Map<String, Object> held = erratum("A", "2026-11-02 00:00:00", pkg("app", "x86_64"));
    Map<String, Object> synced = erratum("B", "2026-11-02 00:00:00", pkg("app", "x86_64"));

    assertThat(ErratumMerge.merge(held, synced)).isSameAs(held);
  }

  @Test
  void aLaterEditionTakesTheSourcesFieldsAndKeepsThePackagesListedBefore() {
    Map<String, Object> held = erratum("A", "2026-11-02 00:00:00", pkg("app", "x86_64"));
    Map<String, Object> synced = erratum("A, amended", "2026-11-20", pkg("app", "aarch64"));

    Map<String, Object> merged = ErratumMerge.merge(held, synced);

    assertThat(merged).containsEntry("title", "A, amended").containsEntry("updated", "2026-11-20");
    assertThat(packages(merged)).containsExactly(pkg("app", "aarch64"), pkg("app", "x86_64"));
    assertThat((List<?>) merged.get("pkglist")).hasSize(1);
  }

  @Test
  void anOlderOrEqualEditionOnlyAddsThePackagesTheHeldOneLacks() {
    Map<String, Object> held = erratum("A", "2026-11-20", pkg("app", "x86_64"));
    Map<String, Object> older =
        erratum("old", "2026-11-02", pkg("app", "x86_64"), pkg("app", "s390x"));

    Map<String, Object> merged = ErratumMerge.merge(held, older);

    assertThat(merged).containsEntry("title", "A").containsEntry("updated", "2026-11-20");
    assertThat(packages(merged)).containsExactly(pkg("app", "x86_64"), pkg("app", "s390x"));
  }

  @Test
  void aCollectionOfAnotherModuleStaysACollectionOfItsOwn() {
    Map<String, Object> held = erratum("A", "2026-11-20", pkg("app", "x86_64"));
    Map<String, Object> modular =
        Map.of(
            "title",
            "A",
            "updated",
            "2026-11-20",
            "pkglist",
            List.of(
                Map.of(
                    "name",
                    "el9",
                    "module",
                    Map.of("name", "app", "stream", "2"),
                    "packages",
                    List.of(pkg("app", "x86_64")))));

    Map<String, Object> merged = ErratumMerge.merge(held, modular);

    assertThat((List<?>) merged.get("pkglist")).hasSize(2);
  }

  @Test
  void twoCollectionsOfOneNameInTheSyncedErratumJoinIntoOneWithoutTouchingIt() {
    Map<String, Object> held = erratum("A", "2026-11-20", pkg("app", "x86_64"));
    Map<String, Object> collection =
        Map.of("name", "other", "packages", List.of(pkg("lib", "x86_64")));
    Map<String, Object> again = Map.of("name", "other", "packages", List.of(pkg("lib", "s390x")));
    Map<String, Object> synced =
        Map.of("title", "A", "updated", "2026-11-20", "pkglist", List.of(collection, again));

    Map<String, Object> merged = ErratumMerge.merge(held, synced);

    assertThat((List<?>) merged.get("pkglist")).hasSize(2);
    assertThat(packages(merged))
        .containsExactly(pkg("app", "x86_64"), pkg("lib", "x86_64"), pkg("lib", "s390x"));
    assertThat(collection.get("packages")).isEqualTo(List.of(pkg("lib", "x86_64")));
  }

  @Test
  void editionsCompareAsDatesWhateverTheirSpelling() {
    assertThat(
            ErratumMerge.amends(Map.of("updated", "1764000000"), Map.of("updated", "2025-01-01")))
        .isTrue(); // 2025-11-24 in seconds
    assertThat(
            ErratumMerge.amends(
                Map.of("updated", "2026-11-02 00:00"),
                Map.of("updated", "2026-11-02 00:00:00 UTC")))
        .isFalse();
    assertThat(ErratumMerge.amends(Map.of("issued", "2026-11-03"), Map.of("issued", "2026-11-02")))
        .isTrue();
    // No date to judge by: the held one stays; a dated one replaces an undated one.
    assertThat(ErratumMerge.amends(Map.of(), Map.of("updated", "2026-11-02"))).isFalse();
    assertThat(ErratumMerge.amends(Map.of("updated", "2026-11-02"), Map.of())).isTrue();
    assertThat(ErratumMerge.amends(Map.of("updated", "soon"), Map.of())).isFalse();
  }
}
