package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Importer;
import dev.depot.plugin.SyncReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of an {@link dev.depot.plugin.Importer} that syncs from a remote feed, as JUnit
 * tests; it includes the {@link ImporterContract}. Implement it in a test class and supply, on top
 * of that contract's methods, {@link #writeFeed} (a feed in your type's format) and {@link
 * #syncConfig} (the config syncing from it):
 *
 * <pre>{@code
 * class NoteImporterContractTest implements SyncContract {
 *   ...
 *   public Map<String, Path> writeFeed(Path dir, Map<String, byte[]> files) throws IOException {
 *     // write each file and a manifest listing it with its checksum
 *   }
 *   public Map<String, Object> syncConfig(URI feed) { return Map.of("feed", feed.toString()); }
 * }
 * }</pre>
 *
 * <p>Each check serves the feed over real HTTP ({@link FeedServer}) and syncs an {@link
 * InMemoryContent} repository with a new importer, as the platform would: a sync stores every file
 * of the feed; it verifies what it downloads (a file whose bytes do not match the feed's checksum
 * fails the sync, naming the file, and is not stored); it reports progress with counts; it stores
 * each file once (syncing again downloads no file); and a cancel stops it.
 */
public interface SyncContract extends ImporterContract {

  /**
   * Writes into {@code dir} a feed of the plugin's format offering one unit per entry of {@code
   * files}, whose file holds the entry's bytes, with the metadata that lets a sync verify them
   * (checksums).
   *
   * @param files name to bytes: each name is a plain file name, different units
   * @return for each name, the file under {@code dir} holding its bytes as served
   */
  Map<String, Path> writeFeed(Path dir, Map<String, byte[]> files) throws IOException;

  /** A config that syncs from the feed at {@code feedUrl} (a directory URL ending in /). */
  Map<String, Object> syncConfig(URI feedUrl);

  /**
   * The bytes of the file the feed offers for {@code name}: different for every name, the same on
   * every call. The default is a few lines of text, which suits a type that stores any bytes (an
   * ISO, a memo). A type whose sync reads its files (a module tarball, a package header) overrides
   * it to build a sound file of its type for the name.
   *
   * @param name a plain, lower-case file name stem such as {@code first} or {@code c1}
   */
  default byte[] feedFileBytes(String name) throws IOException {
    return Publishing.bytes(name, 1);
  }

  /** The sync config is one the importer accepts. */
  @Test
  default void acceptsTheSyncConfig() {
    Verdict.assertAccepted(
        Syncing.validated(this, syncConfig(URI.create("http://127.0.0.1:8080/feed/"))),
        "the sync config");
  }

  /** A sync brings every file of the feed, each stored once; syncing again downloads nothing. */
  @Test
  default void aSyncStoresEachFileOnce(@TempDir Path dir) throws IOException {
    try (Syncing world = new Syncing(this, dir)) {
      Map<String, byte[]> files = world.files("first", "second", "third");
      Map<String, Path> feed = world.feed(files);
      world.assertSucceeded(world.sync(), "the first sync");
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        assertThat(world.content.unitsHolding(file.getValue()))
            .as("units of the repository whose stored file is %s", file.getKey())
            .hasSize(1);
      }
      Map<String, Integer> fetched = world.gets(feed);
      world.assertSucceeded(world.sync(), "the second sync");
      assertThat(world.gets(feed))
          .as("GET requests per feed file after syncing twice: the second sync fetches none")
          .isEqualTo(fetched);
      assertThat(world.content.storedFiles())
          .as("unit files in the content store after two syncs of %s files", files.size())
          .hasSize(files.size());
    }
  }

  /**
   * A feed file whose bytes do not match the feed's checksum fails the sync with a report naming
   * the file, and never enters the content store.
   */
  @Test
  default void aSyncVerifiesChecksumsNamingTheCorruptedFile(@TempDir Path dir) throws IOException {
    try (Syncing world = new Syncing(this, dir)) {
      Map<String, byte[]> files = world.files("intact", "corrupted", "whole");
      Path corrupted = world.feed(files).get("corrupted");
      byte[] bad = Files.readAllBytes(corrupted);
      for (int i = 0; i < bad.length; i++) {
        bad[i] = (byte) ~bad[i]; // the same size: only the checksum can tell
      }
      Files.write(corrupted, bad);
      SyncReport report = world.sync();
      assertThat(report)
          .as("a sync of a feed with a corrupted file succeeded")
          .isInstanceOf(SyncReport.Failed.class);
      assertThat(Syncing.text(report))
          .as("the failed sync's report says which file did not verify")
          .contains("corrupted");
      assertThat(world.content.storedFiles().stream().filter(f -> InMemoryContent.holds(f, bad)))
          .as("files in the content store holding the corrupted bytes")
          .isEmpty();
      assertThat(world.content.unitsHolding(bad)).as("units holding the corrupted bytes").isEmpty();
    }
  }

  /** A sync reports progress, and its reports count the feed's files. */
  @Test
  default void aSyncReportsProgressWithCounts(@TempDir Path dir) throws IOException {
    try (Syncing world = new Syncing(this, dir)) {
      Map<String, byte[]> files = world.files("one", "two", "three", "four");
      world.feed(files);
      world.assertSucceeded(world.sync(), "the sync");
      List<Object> reports = world.content.progressReports();
      assertThat(reports).as("progress reports of a sync of %s files", files.size()).isNotEmpty();
      assertThat(reports.stream().anyMatch(r -> Syncing.mentions(r, files.size())))
          .as("a progress report counting the feed's %s files, in %s", files.size(), reports)
          .isTrue();
    }
  }

  /**
   * A sync cancelled from another thread (at its first progress report or unit read) returns {@link
   * SyncReport#canceled} promptly, without fetching the rest of the feed.
   */
  @Test
  default void aCancelledSyncStopsAndSaysSo(@TempDir Path dir) throws IOException {
    try (Syncing world = new Syncing(this, dir)) {
      Map<String, byte[]> files = world.files("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");
      Map<String, Path> feed = world.feed(files);
      Importer importer = newImporter();
      Cancel cancel = new Cancel();
      AtomicBoolean asked = new AtomicBoolean();
      world
          .server()
          .beforeEachGet(
              path -> {
                if (asked.compareAndSet(false, true)) {
                  cancel.fromAnotherThread(() -> cancel(importer));
                }
              });
      SyncReport report = world.sync(importer, world.content.syncConduit());
      cancel.assertReturnedPromptly();
      assertThat(report)
          .as("a cancelled sync's report (SyncReport.canceled)")
          .isInstanceOf(SyncReport.Canceled.class);
      assertThat(world.gets(feed).values().stream().filter(n -> n > 0).count())
          .as("feed files fetched by a sync cancelled at its first request, of %s", files.size())
          .isLessThan(files.size());
    }
  }
}
