package dev.depot.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memo importer syncing real feed directories into an in-memory repository. */
class MemoSyncTest {
  @TempDir Path dir;

  private final Map<String, String> memos = new LinkedHashMap<>();

  {
    memos.put("monday.txt", "stand-up at nine\n");
    memos.put("tuesday.txt", "release day\n");
    memos.put("wednesday.txt", "retro\n");
  }

  // tag::sync-test[]
  private SyncReport sync(MemoryRepository repo, Path feed, Map<String, Object> config)
      throws Exception {
    Map<String, Object> all = new LinkedHashMap<>(config);
    all.put("feed", feed.toUri().toString());
    Path work = Files.createTempDirectory(dir, "work");
    return new MemoImporter()
        .syncRepo(
            Repository.named("team").withWorkingDir(work), repo, PluginCallConfiguration.of(all));
  }

  @Test
  void storesEveryMemoVerifiedAndReportsProgress() throws Exception {
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    MemoryRepository repo = new MemoryRepository(dir.resolve("store"));

    SyncReport report = sync(repo, feed, Map.of());

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(repo.memos()).containsOnlyKeys("monday.txt", "tuesday.txt", "wednesday.txt");
    assertThat(repo.memos().get("tuesday.txt").storagePath()).hasContent("release day");
    assertThat(repo.progress.getLast())
        .asInstanceOf(MAP)
        .containsEntry("state", "complete")
        .containsEntry("files_total", 3L)
        .containsEntry("files_finished", 3L)
        .containsEntry("num_errors", 0L);
  }

  // end::sync-test[]

  @Test
  void aMemoStoredByAnotherRepositoryIsOnlyAssociated() throws Exception {
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    assertThat(sync(new MemoryRepository(dir.resolve("store")), feed, Map.of()))
        .isInstanceOf(SyncReport.Synced.class);
    for (String name : memos.keySet()) {
      Files.delete(feed.resolve(name)); // only SHA256SUMS left: nothing could be fetched again
    }

    MemoryRepository second = new MemoryRepository(dir.resolve("store"));
    SyncReport report = sync(second, feed, Map.of());

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(second.memos()).hasSize(3);
  }

  @Test
  void aMemoThatDoesNotMatchItsChecksumFailsTheSyncNamingItAndTheOthersAreKept() throws Exception {
    Path feed = Feeds.write(dir.resolve("feed"), memos, "tuesday.txt");
    MemoryRepository repo = new MemoryRepository(dir.resolve("store"));

    SyncReport report = sync(repo, feed, Map.of());

    assertThat(report)
        .isInstanceOfSatisfying(
            SyncReport.Failed.class,
            failed ->
                assertThat(failed.errorMessage())
                    .contains("1 of 3 files could not be synced")
                    .contains("tuesday.txt"));
    assertThat(repo.memos()).containsOnlyKeys("monday.txt", "wednesday.txt");
    try (var files = Files.walk(dir.resolve("store"))) {
      assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("tuesday.txt");
    }
  }

  @Test
  void removeMissingTakesOutTheMemosTheFeedNoLongerLists() throws Exception {
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    MemoryRepository repo = new MemoryRepository(dir.resolve("store"));
    assertThat(sync(repo, feed, Map.of())).isInstanceOf(SyncReport.Synced.class);
    memos.remove("monday.txt");
    memos.put("tuesday.txt", "release postponed\n");
    Feeds.write(feed, memos, null);

    SyncReport report = sync(repo, feed, Map.of("remove_missing", true));

    assertThat(report)
        .isInstanceOfSatisfying(
            SyncReport.Synced.class, synced -> assertThat(synced.removedCount()).isEqualTo(1));
    assertThat(repo.memos()).containsOnlyKeys("tuesday.txt", "wednesday.txt");
    assertThat(repo.memos().get("tuesday.txt").storagePath()).hasContent("release postponed");
  }

  @Test
  void withoutRemoveMissingADroppedMemoStays() throws Exception {
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    MemoryRepository repo = new MemoryRepository(dir.resolve("store"));
    assertThat(sync(repo, feed, Map.of())).isInstanceOf(SyncReport.Synced.class);
    memos.remove("monday.txt");
    Feeds.write(feed, memos, null);

    assertThat(sync(repo, feed, Map.of())).isInstanceOf(SyncReport.Synced.class);
    assertThat(repo.memos()).containsKey("monday.txt");
  }

  @Test
  void aCancelledSyncStopsAndSaysSo() throws Exception {
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    MemoImporter importer = new MemoImporter();
    MemoryRepository repo =
        new MemoryRepository(dir.resolve("store"))
            .onProgress(
                report -> {
                  if ("fetching_memos".equals(((Map<?, ?>) report).get("state"))) {
                    importer.cancelSyncRepo();
                  }
                });
    Path work = Files.createDirectories(dir.resolve("work"));
    SyncReport report =
        importer.syncRepo(
            Repository.named("team").withWorkingDir(work),
            repo,
            PluginCallConfiguration.of(Map.of("feed", feed.toUri().toString())));

    assertThat(report).isInstanceOf(SyncReport.Canceled.class);
    assertThat(repo.memos()).as("the memos listed after the cancel are not fetched").isEmpty();
    assertThat(repo.progress.getLast())
        .extracting(r -> ((Map<?, ?>) r).get("state"))
        .isEqualTo("cancelled");
  }
}
