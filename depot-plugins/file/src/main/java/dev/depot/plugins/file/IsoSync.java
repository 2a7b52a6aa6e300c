package dev.depot.plugins.file;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.feed.FeedSettings;
import dev.depot.publish.feed.ImageFeed;
import dev.depot.publish.sync.FileFetch;
import dev.depot.publish.sync.MissingUnits;
import dev.depot.publish.sync.SyncProgress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * One sync of an {@code iso} repository from a feed: fetch the {@code PULP_MANIFEST}, check every
 * line, then download what the content store lacks, {@code num_threads} at a time, each file
 * verified before it is stored and associated. Units already stored are only associated.
 *
 * <p>The manifest is read from disk twice (once to check it and count, once to work) rather than
 * held in memory, so memory does not grow with the feed; only mirror mode ({@code remove_missing})
 * keeps the set of the feed's unit keys.
 */
final class IsoSync {
  /**
   * The most bytes a feed's manifest may have: some ten million files' lines. The manifest is
   * streamed, so this bounds only the disk a feed's endless manifest could fill.
   */
  static final long MANIFEST_MAX_SIZE = 1L << 30;

  private final Repository repo;
  private final SyncConduit conduit;
  private final FeedSettings feed;
  private final Downloader downloader;
  private final SyncProgress progress;
  private final FileFetch fetch;
  private ImageFeed images;

  IsoSync(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    this.repo = repo;
    this.conduit = conduit;
    this.feed = IsoImporter.KEYS.settings(config);
    this.downloader = new Downloader(feed.downloads(), feed.fileFeedRoot());
    this.progress = new SyncProgress(conduit, IsoSyncReport::of);
    this.fetch =
        new FileFetch(
            conduit, downloader, progress, feed, unit -> (String) unit.unitKey().get("name"));
  }

  void cancel() {
    fetch.cancel();
  }

  SyncReport run() throws IOException, InterruptedException {
    // fetch is closed here too: a sync that fails before any download must not leave its saver.
    try (downloader;
        fetch) {
      return sync();
    } catch (CancellationException e) {
      return progress.cancelled("cancelled");
    } finally {
      if (images != null) {
        images.close();
      }
    }
  }

  private SyncReport sync() throws IOException, InterruptedException {
    URI feedDir = feed.requireFeedDirectory();
    progress.state("manifest_in_progress");
    Path manifest = repo.workingDirectory().orElseThrow().resolve("PULP_MANIFEST");
    String manifestFailure = fetchManifest(feedDir, manifest);
    if (manifestFailure != null) {
      return progress.failure("manifest_failed", manifestFailure);
    }
    Set<String> feedKeys = feed.removeMissing() ? new HashSet<>() : null;
    long[] totals = new long[2];
    try {
      ManifestReader.forEach(
          manifest,
          entry -> {
            totals[0]++;
            totals[1] += entry.size();
            if (feedKeys != null) {
              feedKeys.add(entry.line());
            }
          });
    } catch (ManifestReader.MalformedManifest e) {
      return progress.failure("manifest_failed", e.getMessage());
    }
    progress.planned(totals[0], totals[1]);
    progress.state("isos_in_progress");
    try {
      fetchAll(feedDir, manifest);
    } finally {
      fetch.close(); // what finished is kept, even when cancelled
    }
    if (fetch.cancelled()) {
      return progress.cancelled("cancelled");
    }
    long removed =
        feedKeys == null
            ? 0
            : MissingUnits.remove(
                conduit, FileContentTypes.ISO, u -> feedKeys.contains(ManifestEntry.of(u).line()));
    return progress.errorCount() > 0
        ? progress.filesFailed("isos_failed")
        : progress.success("complete", removed);
  }

  /**
   * Puts the feed's manifest at {@code manifest}, from the feed or out of its images; answers why
   * it could not, or null.
   */
  private String fetchManifest(URI feedDir, Path manifest)
      throws IOException, InterruptedException {
    images = ImageFeed.open(feedDir, "PULP_MANIFEST").orElse(null);
    if (images != null) {
      return images.copyMetadata(manifest)
          ? null
          : "The images in " + feed.feed() + " hold no PULP_MANIFEST: not a Depot export";
    }
    try {
      downloader.fetch(
          feedDir.resolve("PULP_MANIFEST"),
          manifest,
          Downloader.Expected.atMost(MANIFEST_MAX_SIZE),
          n -> {});
      return null;
    } catch (DownloadFailure e) {
      return "Could not fetch the feed's manifest: " + e.getMessage();
    }
  }

  private void fetchAll(URI feedDir, Path manifest) throws IOException {
    try {
      ManifestReader.forEach(
          manifest,
          entry -> {
            FileFetch.From from = from(feedDir, entry);
            if (from != null) {
              fetch.submit(
                  new FileFetch.Wanted(
                      FileContentTypes.ISO,
                      entry.unitKey(),
                      Map.of(),
                      entry.fileName(),
                      entry.name(),
                      entry.size(),
                      entry.checksum(),
                      from));
            }
          });
    } catch (CancellationException e) {
      // Stop reading the manifest; downloads in flight end as the downloader refuses them.
    }
  }

  /**
   * Where a listed file's bytes are: at the feed's URL or in an image; null (failed) if nowhere.
   */
  private FileFetch.From from(URI feedDir, ManifestEntry entry) {
    if (images == null) {
      return new FileFetch.Url(FeedSettings.fileUrl(feedDir, entry.name()));
    }
    Optional<Downloader.Source> inImage = images.source(entry.name());
    if (inImage.isEmpty()) {
      progress.failed(entry.name(), "listed in PULP_MANIFEST but in none of the images");
      return null;
    }
    return new FileFetch.InSource(images.label(entry.name()), inImage.get());
  }
}
