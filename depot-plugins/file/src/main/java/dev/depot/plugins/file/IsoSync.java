package dev.depot.plugins.file;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.download.Downloader.Expected;
import dev.depot.publish.feed.FeedSettings;
import dev.depot.publish.feed.ImageFeed;
import dev.depot.publish.sync.SyncProgress;
import dev.depot.publish.sync.UnitBatch;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * One sync of an {@code iso} repository from a feed: fetch the {@code PULP_MANIFEST}, check every
 * line, then download what the content store lacks, {@code num_threads} at a time, each file
 * verified before it is stored and associated. Units already stored are only associated.
 *
 * <p>The manifest is read from disk twice (once to check it and count, once to work) rather than
 * held in memory, so memory does not grow with the feed; only mirror mode ({@code
 * remove_missing_units}) keeps the set of the feed's unit keys.
 */
final class IsoSync {
  private final Repository repo;
  private final SyncConduit conduit;
  private final FeedSettings feed;
  private final Downloader downloader;
  private final SyncProgress progress;
  private volatile boolean cancelled;
  private ImageFeed images;
  private final UnitBatch saver;

  IsoSync(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    this.repo = repo;
    this.conduit = conduit;
    this.feed = IsoImporter.KEYS.settings(config);
    this.downloader = new Downloader(feed.downloads(), feed.fileFeedRoot());
    this.progress = new SyncProgress(conduit, IsoSyncReport::of);
    this.saver =
        new UnitBatch(
            conduit,
            unit ->
                progress.unsaved(
                    String.valueOf(unit.unitKey().get("name")),
                    "an orphan cleanup removed the stored file while this sync ran;"
                        + " sync again to fetch it"));
  }

  void cancel() {
    cancelled = true;
    downloader.cancel();
  }

  SyncReport run() throws IOException, InterruptedException {
    try (downloader) {
      return sync();
    } catch (CancellationException e) {
      return cancelled();
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
    images = ImageFeed.open(feedDir, "PULP_MANIFEST").orElse(null);
    if (images != null) {
      if (!images.copyMetadata(manifest)) {
        return failed(
            "manifest_failed",
            "The images in " + feed.feed() + " hold no PULP_MANIFEST: not a Depot export");
      }
    } else {
      try {
        downloader.fetch(feedDir.resolve("PULP_MANIFEST"), manifest);
      } catch (DownloadFailure e) {
        return failed("manifest_failed", "Could not fetch the feed's manifest: " + e.getMessage());
      }
    }
    boolean mirror = feed.removeMissing();
    Set<String> feedKeys = mirror ? new HashSet<>() : null;
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
      return failed("manifest_failed", e.getMessage());
    }
    progress.planned(totals[0], totals[1]);
    progress.state("isos_in_progress");
    try {
      downloadAll(feedDir, manifest);
    } finally {
      saver.close(); // what finished is kept, even when cancelled
    }
    if (cancelled) {
      return cancelled();
    }
    long removed = mirror ? removeMissing(feedKeys) : 0;
    if (progress.errorCount() > 0) {
      String counted = progress.errorCount() + " of " + totals[0] + " files could not be synced";
      progress.fatal(counted);
      progress.state("isos_failed");
      Map<String, Object> report = progress.snapshot();
      return SyncReport.failure(counted + ": " + progress.failedFiles(3), report, report);
    }
    progress.state("complete");
    Map<String, Object> report = progress.snapshot();
    return SyncReport.success(0, 0, removed, report, report);
  }

  private void downloadAll(URI feedDir, Path manifest) throws IOException, InterruptedException {
    boolean validate = feed.validate();
    Semaphore slots = new Semaphore(feed.numThreads());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      ManifestReader.forEach(
          manifest,
          entry -> {
            if (cancelled) {
              throw new CancellationException("sync cancelled");
            }
            slots.acquireUninterruptibly();
            pool.execute(
                () -> {
                  try {
                    syncOne(feedDir, entry, validate);
                  } finally {
                    slots.release();
                  }
                });
          });
    } catch (CancellationException e) {
      // Stop reading the manifest; downloads in flight end as the downloader refuses them.
    }
  }

  private void syncOne(URI feedDir, ManifestEntry entry, boolean validate) {
    try {
      Unit unit =
          conduit.initUnit(FileContentTypes.ISO, entry.unitKey(), Map.of(), entry.fileName());
      // The storage path follows from the unit key, and a file only gets there once verified:
      // if it is there, the unit is stored (or about to be), and nothing is fetched.
      if (hasFile(unit, entry.size())) {
        saver.add(unit);
        progress.finished(entry.size());
        return;
      }
      Expected expected = validate ? new Expected(entry.size(), entry.checksum()) : Expected.ANY;
      if (images != null) {
        Optional<Downloader.Source> inImage = images.source(entry.name());
        if (inImage.isEmpty()) {
          progress.failed(entry.name(), "listed in PULP_MANIFEST but in none of the images");
          return;
        }
        downloader.store(
            images.label(entry.name()),
            inImage.get(),
            unit.storagePath(),
            expected,
            progress::bytes);
      } else {
        downloader.fetch(
            FeedSettings.fileUrl(feedDir, entry.name()),
            unit.storagePath(),
            expected,
            progress::bytes);
      }
      saver.add(unit);
      progress.finished(0);
    } catch (CancellationException e) {
      // Counted as neither finished nor failed: the sync as a whole says cancelled.
    } catch (DownloadFailure e) {
      progress.failed(entry.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      progress.failed(entry.name(), e.toString());
    }
  }

  private static boolean hasFile(Unit unit, long size) {
    // isRegularFile first: it answers "no" without the exception Files.size throws inside the JDK,
    // and most files of a first sync are not there yet.
    try {
      return unit.storagePath() != null
          && Files.isRegularFile(unit.storagePath())
          && Files.size(unit.storagePath()) == size;
    } catch (IOException e) {
      return false;
    }
  }

  /** Mirror mode: units the feed no longer lists leave the repository (they stay stored). */
  private long removeMissing(Set<String> feedKeys) {
    List<Unit> gone = new ArrayList<>();
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(FileContentTypes.ISO))) {
      units.filter(u -> !feedKeys.contains(ManifestEntry.of(u).line())).forEach(gone::add);
    }
    gone.forEach(conduit::removeUnit);
    return gone.size();
  }

  private SyncReport failed(String state, String message) {
    progress.fatal(message);
    progress.state(state);
    Map<String, Object> report = progress.snapshot();
    return SyncReport.failure(message, report, report);
  }

  private SyncReport cancelled() {
    progress.state("cancelled");
    Map<String, Object> report = progress.snapshot();
    return SyncReport.canceled(report, report);
  }
}
