package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory conduits behave as the platform's do, where a plugin can tell. */
class InMemoryContentTest {
  @TempDir Path dir;

  private static UnitSpec note(String name) {
    return new UnitSpec("note", Map.of("name", name), Map.of("size", name.length()), name + ".txt");
  }

  @Test
  void aUnitIsStoredOnceUnderItsKeyAndItsFileStaysAfterItLeavesTheRepository() {
    InMemoryContent content = InMemoryContent.under(dir);
    Unit first = content.add(note("a"), "one".getBytes());
    Unit again = content.syncConduit().saveUnit(first.withId(null));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.storagePath()).startsWith(content.storeDir()).hasContent("one");
    content.remove(first);
    assertThat(content.units()).isEmpty();
    assertThat(content.syncConduit().findUnit("note", Map.of("name", "a"))).contains(first);
    assertThat(first.storagePath()).exists();
  }

  @Test
  void savingAUnitWhoseFileIsNotInPlaceIsRefusedAndSavesNothing() throws Exception {
    InMemoryContent content = InMemoryContent.under(dir);
    InMemorySyncConduit conduit = content.syncConduit();
    Unit placed = conduit.initUnit("note", Map.of("name", "p"), Map.of(), "p.txt");
    Files.createDirectories(placed.storagePath().getParent());
    Files.writeString(placed.storagePath(), "p");
    Unit missing = conduit.initUnit("note", Map.of("name", "m"), Map.of(), "m.txt");
    assertThatThrownBy(() -> conduit.saveUnits(List.of(placed, missing)))
        .isInstanceOfSatisfying(
            MissingUnitFilesException.class, e -> assertThat(e.units()).containsExactly(missing));
    assertThat(content.units()).isEmpty();
  }

  @Test
  void criteriaFilterSortAndPageAndEachStreamIsCountedUntilClosed() {
    InMemoryContent content = InMemoryContent.under(dir);
    for (String name : List.of("b", "c", "a")) {
      content.add(note(name), name.getBytes());
    }
    content.add(new UnitSpec("other", Map.of("name", "x"), Map.of(), null), null);
    UnitCriteria byName =
        UnitCriteria.ofTypes("note").withSort(List.of(new UnitCriteria.SortField("name", false)));
    InMemoryPublishConduit conduit = content.publishConduit("web");
    Stream<Unit> open = conduit.units(byName.withPage(2, 1));
    assertThat(content.unclosedStreams()).isEqualTo(1);
    assertThat(open.map(u -> u.unitKey().get("name"))).containsExactly("b", "a");
    open.close();
    assertThat(content.unclosedStreams()).isZero();
    try (Stream<Unit> filtered = conduit.units(UnitCriteria.ALL.withFilters(Map.of("name", "x")))) {
      assertThat(filtered.map(Unit::typeId)).containsExactly("other");
    }
    try (Stream<Unit> later =
        conduit.units(
            UnitCriteria.ALL.withAssociationFilters(
                Map.of(
                    "created",
                    Map.of("$gt", Map.of("$date", Instant.now().plusSeconds(60).toString())))))) {
      assertThat(later).isEmpty();
    }
    assertThat(content.repository().contentUnitCounts()).containsEntry("note", 3L);
  }

  @Test
  void progressScratchpadsAndTheLastSuccessAreRecorded() {
    InMemoryContent content = InMemoryContent.under(dir);
    InMemoryPublishConduit web = content.publishConduit("web");
    web.setProgress(Map.of("state", "in_progress"));
    web.setScratchpad(Map.of("published", 1));
    web.updateRepoScratchpad(Map.of("shared", true));
    content.syncConduit().setProgress("done");
    assertThat(content.progressReports()).containsExactly(Map.of("state", "in_progress"), "done");
    assertThat(content.scratchpadOf("web")).contains(Map.of("published", 1));
    assertThat(content.syncConduit().scratchpad()).isEmpty();
    assertThat(content.repoScratchpad()).containsEntry("shared", true);
    assertThat(web.lastPublish()).isEmpty();
    content.recordSuccess("web");
    assertThat(content.publishConduit("web").lastPublish()).isPresent();
    PublishedLocation https = new PublishedLocation("https", "/pulp/notes/", dir);
    content.recordPublish("web", PublishReport.failure("no", null));
    assertThat(content.publishConduit("rsync").publishedLocations("web")).isEmpty();
    content.recordPublish("web", PublishReport.success("ok", null).publishedAt(List.of(https)));
    assertThat(content.publishConduit("rsync").publishedLocations("web")).containsExactly(https);
    assertThat(content.taskRepository().workingDirectory()).get().matches(Files::isDirectory);
  }
}
