package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.depot.plugin.Importer;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The world {@link SyncContract} syncs in: a feed directory served by a {@link FeedServer}, an
 * {@link InMemoryContent} repository, and the calls the platform makes around a sync.
 */
final class Syncing implements AutoCloseable {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  final InMemoryContent content;
  private final SyncContract contract;
  private final Path feedDir;
  private final Platform platform;
  private FeedServer server;

  Syncing(SyncContract contract, Path dir) throws IOException {
    this.contract = contract;
    this.content = InMemoryContent.under(dir, contract.repository().id());
    this.feedDir = Files.createDirectories(dir.resolve("feed"));
    this.platform = Platform.publishingUnder(dir.resolve("publish"));
  }

  /** The bytes of each named file, as the contract makes them: different for every name. */
  Map<String, byte[]> files(String... names) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : names) {
      files.put(name, contract.feedFileBytes(name));
    }
    return files;
  }

  /** Writes the feed with the plugin's {@link SyncContract#writeFeed} and starts serving it. */
  Map<String, Path> feed(Map<String, byte[]> files) throws IOException {
    Map<String, Path> written = contract.writeFeed(feedDir, files);
    assertThat(written).as("writeFeed's files").containsOnlyKeys(files.keySet());
    server = FeedServer.serving(feedDir);
    return written;
  }

  /** The server of the feed, once {@link #feed} wrote it. */
  FeedServer server() {
    return server;
  }

  /** Syncs with a new, initialised importer, as the platform's sync task does. */
  SyncReport sync() {
    return sync(contract.newImporter(), content.syncConduit());
  }

  /** Syncs with this importer and conduit, as the platform's sync task does. */
  SyncReport sync(Importer importer, InMemorySyncConduit conduit) {
    importer.init(platform);
    PluginCallConfiguration config = PluginCallConfiguration.of(contract.syncConfig(server.url()));
    SyncReport report =
        assertTimeoutPreemptively(
            SYNC_TIMEOUT,
            () -> importer.syncRepo(content.taskRepository(), conduit, config),
            "syncRepo did not return");
    assertThat(report).as("syncRepo's report").isNotNull();
    if (report instanceof SyncReport.Synced) {
      content.recordSuccess("importer");
    }
    return report;
  }

  void assertSucceeded(SyncReport report, String what) {
    assertThat(report).as("the report of %s", what).isInstanceOf(SyncReport.Synced.class);
  }

  /** GET requests so far for each of the feed's files. */
  Map<String, Integer> gets(Map<String, Path> feed) {
    Map<String, Integer> gets = new LinkedHashMap<>();
    feed.forEach((name, file) -> gets.put(name, server.gets(file)));
    return gets;
  }

  /** Everything a user reads of a report: its error message, summary and details. */
  static String text(SyncReport report) {
    String message = report instanceof SyncReport.Failed failed ? failed.errorMessage() : null;
    return message + " " + report.summary() + " " + report.details();
  }

  /** Whether the JSON-like value holds the number {@code count} anywhere. */
  static boolean mentions(Object value, long count) {
    if (value instanceof Number n) {
      return n.doubleValue() == count;
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(v -> mentions(v, count));
    }
    if (value instanceof Collection<?> list) {
      return list.stream().anyMatch(v -> mentions(v, count));
    }
    return false;
  }

  /** What a fresh importer says of {@code config}, judged as the server judges it. */
  static ValidationResult validated(SyncContract contract, Map<String, Object> config) {
    Importer importer = contract.newImporter();
    importer.init(Platform.publishingUnder(Path.of(System.getProperty("java.io.tmpdir"))));
    return Verdict.of(
        importer.metadata().id(),
        () -> importer.validateConfig(contract.repository(), PluginCallConfiguration.of(config)));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
