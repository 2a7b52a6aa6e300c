package dev.depot.plugins.puppet;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.download.Downloader.Expected;
import dev.depot.publish.sync.SyncProgress;
import dev.depot.publish.sync.UnitBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings a feed's module tarballs into the content store, {@code num_threads} at a time. A release
 * stored already (same unit key, file present, same digest) is only associated. Any other tarball
 * is downloaded into the sync's working directory, checked against the listing's SHA-256 (else its
 * MD5) and size, read with {@link ModuleTarball#read} (which refuses escaping paths and corrupt
 * archives), its {@code metadata.json} identity compared with the listing's claim, and only then
 * moved into the content store ({@code adoptFile}) and saved. The SDK's {@code FileFetch} does not
 * fit: it stores files under a unit key known before the download, and a manifest's tarball tells
 * its key only once read.
 */
final class ModuleFetch implements AutoCloseable {
  private static final String ORPHANED =
      "an orphan cleanup removed the stored file while this sync ran; sync again to fetch it";

  private final SyncConduit conduit;
  private final Downloader downloader;
  private final ModuleProgress progress;
  private final SyncProgress files;
  private final boolean validate;
  private final Path downloads;
  private final List<String> queries;
  private final Set<ModuleId> before;
  private final Set<ModuleId> offered = ConcurrentHashMap.newKeySet();
  private final Semaphore slots;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final UnitBatch saver;
  private final AtomicLong names = new AtomicLong();
  private volatile boolean cancelled;

  /**
   * @param before the releases the repository held when the sync began: the others are "added"
   * @param queries the sync's terms; a manifest's tarball that reads as a release they do not name
   *     is skipped
   */
  ModuleFetch(
      SyncConduit conduit,
      Downloader downloader,
      ModuleProgress progress,
      ModuleSync.Settings settings,
      Set<ModuleId> before) {
    this.conduit = conduit;
    this.downloader = downloader;
    this.progress = progress;
    this.files = progress.modules;
    this.validate = settings.feed().validate();
    this.downloads = settings.workDir();
    this.queries = settings.queries();
    this.before = before;
    this.slots = new Semaphore(settings.feed().numThreads());
    this.saver =
        new UnitBatch(
            conduit, unit -> files.unsaved(ModuleRelease.idOf(unit).fileName(), ORPHANED));
  }

  /**
   * Starts bringing one tarball; waits while {@code num_threads} are in flight.
   *
   * @throws CancellationException once the sync is cancelled: stop listing tarballs
   */
  void submit(RemoteModule module) {
    if (cancelled) {
      throw new CancellationException("sync cancelled");
    }
    slots.acquireUninterruptibly();
    pool.execute(
        () -> {
          try {
            bring(module);
          } finally {
            slots.release();
          }
        });
  }

  /** Stops the downloads in flight and refuses new ones; what finished is still saved. */
  void cancel() {
    cancelled = true;
    downloader.cancel();
  }

  /**
   * The releases the feed offers as far as this sync saw: every one stored or associated, and every
   * one listed under a known identity (a failed download does not make it "gone").
   */
  Set<ModuleId> offered() {
    return Set.copyOf(offered);
  }

  /** Waits for the tarballs in flight and saves every unit that finished. */
  @Override
  public void close() throws InterruptedException {
    pool.close();
    saver.close();
  }

  private void bring(RemoteModule module) {
    ModuleId expected = module.expectedId();
    if (expected != null) {
      offered.add(expected);
    }
    // Numbered, not named after the listing's file name: a Forge's file_uri picks no local path.
    Path download = downloads.resolve("module-" + names.incrementAndGet() + ".tar.gz");
    try {
      if (expected != null && associateStored(module, expected)) {
        return;
      }
      ModuleRelease release = download(module, download);
      if (release == null) {
        files.finished(0); // a manifest's tarball the queries do not name: nothing to do
        return;
      }
      Optional<String> conflict = StoredReleases.conflict(conduit, release.id(), release.sha256());
      if (conflict.isPresent()) {
        files.failed(module.fileName(), conflict.get());
        return;
      }
      // Read whole and digested already: renamed into the store, not written a second time.
      Unit unit =
          conduit.adoptFile(
              PuppetTypes.MODULE,
              release.id().unitKey(),
              release.metadata(),
              release.id().fileName(),
              download,
              FileDigest.sha256(release.sha256()));
      save(unit, release.id());
      files.finished(0);
    } catch (CancellationException e) {
      // Neither finished nor failed: the sync as a whole says cancelled.
    } catch (DownloadFailure e) {
      files.failed(module.fileName(), e);
    } catch (IOException e) { // an unsound tarball (InvalidModuleException) or the store's failure
      files.failed(module.fileName(), e.getMessage());
    } catch (RuntimeException e) {
      files.failed(module.fileName(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteQuietly(download);
    }
  }

  /** Associates the stored release if it is the one listed; false when it must be downloaded. */
  private boolean associateStored(RemoteModule module, ModuleId id) throws InterruptedException {
    // A stored release's file is at a place its key decides, and only ever whole: with no file
    // there, there is no such unit, and a first sync need not ask the database per tarball.
    Unit placed = conduit.initUnit(PuppetTypes.MODULE, id.unitKey(), Map.of(), id.fileName());
    if (!Files.isRegularFile(placed.storagePath())) {
      return false;
    }
    Unit stored = conduit.findUnit(PuppetTypes.MODULE, id.unitKey()).orElse(null);
    if (stored == null
        || stored.storagePath() == null
        || !Files.isRegularFile(stored.storagePath())
        || !sameDigest(module, stored)) {
      return false;
    }
    save(stored, id);
    files.finished(Math.max(0, module.size()));
    return true;
  }

  private static boolean sameDigest(RemoteModule module, Unit stored) {
    Object sha256 = stored.metadata().get("file_sha256");
    Object md5 = stored.metadata().get("file_md5");
    if (module.sha256() != null) {
      return module.sha256().equals(sha256);
    }
    return module.md5() == null || module.md5().equals(md5);
  }

  /**
   * Downloads and reads the tarball; null when it is a release the queries do not name.
   *
   * @throws InvalidModuleException when it is not the module the listing says, or not sound
   */
  private ModuleRelease download(RemoteModule module, Path target)
      throws IOException, InterruptedException {
    Expected expected = validate ? new Expected(module.size(), module.sha256()) : Expected.ANY;
    downloader.fetch(module.url(), target, expected, files::bytes);
    ModuleRelease release = ModuleTarball.read(target);
    if (validate && module.sha256() == null && module.md5() != null) {
      if (!module.md5().equals(release.md5())) {
        throw new InvalidModuleException(
            "MD5 " + release.md5() + ", expected " + module.md5() + " (" + module.url() + ")");
      }
    }
    if (module.claimed() != null && !module.claimed().equals(release.id())) {
      throw new InvalidModuleException(
          "its metadata.json says "
              + release.id().releaseSlug()
              + " but the Forge lists it as "
              + module.claimed().releaseSlug());
    }
    // A Forge's release was found by the queries already (its search may match on more than the
    // name, tags say); a manifest's unnamed tarball is judged by what it turned out to be.
    if (module.claimed() == null && !Queries.selects(queries, release.id())) {
      return null;
    }
    offered.add(release.id());
    return release;
  }

  private void save(Unit unit, ModuleId id) throws InterruptedException {
    saver.add(unit);
    if (!before.contains(id)) {
      progress.added();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover download in the working directory goes with the task's directory.
    }
  }
}
