package dev.depot.plugins.puppet;

import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.feed.FeedImporter;
import dev.depot.publish.feed.FeedSettings;
import dev.depot.publish.sync.MissingUnits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One sync of a puppet repository: list what the feed offers (a Forge's releases for the queries,
 * or a {@code PULP_MANIFEST}; see {@link PuppetImporter} for which), bring each release into the
 * repository ({@link ModuleFetch}), then with {@code remove_missing} take out the releases the
 * feed, as the queries limit it, no longer offers. Dependencies are not followed: as in Pulp, a
 * sync mirrors what its queries name.
 */
final class ModuleSync implements FeedImporter.Sync {
  /** What shapes the sync besides its conduit: the feed's settings, the queries, a scratch dir. */
  record Settings(FeedSettings feed, List<String> queries, Path workDir) {}

  private final Repository repo;
  private final SyncConduit conduit;
  private final FeedSettings feed;
  private final List<String> queries;
  private final ModuleProgress progress;
  private final ModuleFeed source;
  private final Downloader downloader;
  private volatile ModuleFetch fetch;
  private boolean manifestListed;
  private volatile boolean cancelled;

  ModuleSync(Repository repo, SyncConduit conduit, FeedSettings feed, List<String> queries) {
    this.repo = repo;
    this.conduit = conduit;
    this.feed = feed;
    this.queries = List.copyOf(queries);
    this.progress = new ModuleProgress(conduit);
    this.source = feed.feed() == null ? null : ModuleFeed.of(feed.feed());
    // A file:// feed's tarballs may not be links out of its directory: the downloader refuses.
    this.downloader = new Downloader(feed.downloads(), source == null ? null : source.fileRoot());
  }

  @Override
  public void cancel() {
    cancelled = true;
    downloader.cancel(); // wakes a listing or download blocked on the network
    ModuleFetch running = fetch;
    if (running != null) {
      running.cancel();
    }
  }

  @Override
  public SyncReport run() throws IOException, InterruptedException {
    try (downloader) {
      if (source == null) {
        return progress.failed("the importer has no feed to sync from; set one (feed=URL) first");
      }
      Path work = Files.createDirectories(repo.workingDirectory().orElseThrow().resolve("puppet"));
      List<RemoteModule> listed;
      try {
        listed = list(work);
      } catch (DownloadFailure e) {
        return progress.failed("could not list the feed's modules: " + e.getMessage());
      } catch (IOException e) {
        return progress.failed("could not read the feed's listing: " + e.getMessage());
      }
      Set<ModuleId> offered = bring(listed, new Settings(feed, queries, work));
      if (cancelled) {
        return progress.cancelled();
      }
      if (manifestListed) {
        // A manifest's unnamed tarballs tell their module only once read: judged now, not before.
        queries.stream()
            .filter(term -> offered.stream().noneMatch(id -> Queries.matches(term, id)))
            .forEach(progress::unmatched);
      }
      // Never remove on an incomplete picture: a failed tarball may be one the feed still offers.
      long removed =
          feed.removeMissing() && progress.modules.errorCount() == 0
              ? MissingUnits.remove(
                  conduit, PuppetTypes.MODULE, u -> offered.contains(ModuleRelease.idOf(u)))
              : 0;
      return progress.finished(removed);
    } catch (CancellationException e) {
      return progress.cancelled();
    }
  }

  /** What the feed offers: the Forge's releases, or the manifest's tarballs. */
  private List<RemoteModule> list(Path work) throws IOException, InterruptedException {
    if (!source.isManifestDirectory()) {
      try {
        return new ForgeListing(downloader, source.forge(), work, progress).list(queries);
      } catch (ForgeListing.NoForge e) {
        // No Forge API there: a directory served over HTTP, then.
        return manifestAfter(e, work);
      }
    }
    return manifest(source.manifest(), work);
  }

  /** The manifest of a feed that is no Forge; when there is none either, says both. */
  private List<RemoteModule> manifestAfter(ForgeListing.NoForge noForge, Path work)
      throws IOException, InterruptedException {
    URI manifest = source.forge().manifest();
    try {
      return manifest(manifest, work);
    } catch (DownloadFailure e) {
      if (e.responseCode().orElse(0) != 404) {
        throw e;
      }
      throw new DownloadFailure(
          manifest,
          404,
          "the feed is neither a Puppet Forge ("
              + noForge.getMessage()
              + ") nor a directory with a "
              + ModuleFeed.MANIFEST
              + " (HTTP 404)",
          false,
          e);
    }
  }

  private List<RemoteModule> manifest(URI manifestUrl, Path work)
      throws IOException, InterruptedException {
    manifestListed = true;
    progress.fetchingMetadata(1);
    Path file = work.resolve(ModuleFeed.MANIFEST);
    downloader.fetch(manifestUrl, file, Downloader.Expected.atMost(PulpManifest.MAX_SIZE), n -> {});
    List<RemoteModule> all = PulpManifest.read(file, manifestUrl.resolve("."));
    progress.queryDone();
    List<RemoteModule> wanted = new ArrayList<>();
    for (RemoteModule module : all) {
      // Queries are applied to the file name before downloading (free text: part of its author or
      // name); a file not named <author>-<name>-<version>.tar.gz is fetched and judged by its
      // metadata.json.
      ModuleId named = module.expectedId();
      if (named == null || Queries.selects(queries, named)) {
        wanted.add(module);
      }
    }
    return wanted;
  }

  /** Brings every listed release in; answers the releases the feed offers. */
  private Set<ModuleId> bring(List<RemoteModule> listed, Settings settings)
      throws InterruptedException {
    long bytes = listed.stream().mapToLong(m -> Math.max(0, m.size())).sum();
    progress.fetchingModules(listed.size(), bytes);
    ModuleFetch running = new ModuleFetch(conduit, downloader, progress, settings, stored());
    fetch = running;
    if (cancelled) {
      running.cancel();
    }
    try (running) {
      for (RemoteModule module : listed) {
        running.submit(module);
      }
    } catch (CancellationException e) {
      // Stop listing; the downloads in flight end as the downloader refuses them.
    }
    return running.offered();
  }

  /** The releases the repository holds before this sync. */
  private Set<ModuleId> stored() {
    Set<ModuleId> ids = new HashSet<>();
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(PuppetTypes.MODULE))) {
      units.forEach(u -> ids.add(ModuleRelease.idOf(u)));
    }
    return ids;
  }
}
