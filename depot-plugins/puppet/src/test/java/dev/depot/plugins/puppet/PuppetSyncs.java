package dev.depot.plugins.puppet;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.InMemorySyncConduit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs puppet syncs into an in-memory repository, as the platform's sync task would. */
final class PuppetSyncs {
  private PuppetSyncs() {}

  /** Syncs {@code content} from {@code feed} with a new importer and the other keys given. */
  static SyncReport sync(InMemoryContent content, Object feed, Map<String, Object> more) {
    return sync(new PuppetImporter(), content, content.syncConduit(), feed, more);
  }

  static SyncReport sync(
      PuppetImporter importer,
      InMemoryContent content,
      InMemorySyncConduit conduit,
      Object feed,
      Map<String, Object> more) {
    Map<String, Object> config = new LinkedHashMap<>(more);
    config.put("feed", feed.toString());
    importer.init(Platform.publishingUnder(content.storeDir().resolveSibling("publish")));
    return importer.syncRepo(content.taskRepository(), conduit, PluginCallConfiguration.of(config));
  }

  /** The releases the repository holds, {@code author-name-version}, sorted. */
  static List<String> releases(InMemoryContent content) {
    return content.units().stream().map(u -> ModuleRelease.idOf(u).releaseSlug()).sorted().toList();
  }

  /** Everything a user reads of a report: its error message, summary and details. */
  static String text(SyncReport report) {
    String message = report instanceof SyncReport.Failed failed ? failed.errorMessage() : "";
    return message + " " + report.summary() + " " + report.details();
  }

  /** The summary's counts. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> summary(SyncReport report) {
    return (Map<String, Object>) report.summary();
  }

  /** Files in the content store holding a tarball's name. */
  static List<Path> storedNamed(InMemoryContent content, String fileName) {
    return content.storedFiles().stream()
        .filter(f -> f.getFileName().toString().equals(fileName))
        .toList();
  }
}
