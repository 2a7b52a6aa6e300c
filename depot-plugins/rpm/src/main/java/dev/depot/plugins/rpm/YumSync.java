package dev.depot.plugins.rpm;

import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.feed.FeedImporter;
import dev.depot.publish.feed.FeedSettings;
import dev.depot.publish.sync.FileFetch;
import dev.depot.publish.sync.MissingUnits;
import dev.depot.publish.sync.SyncProgress;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One sync of a yum repository: {@code repodata/repomd.xml}, then its primary metadata (checked
 * against repomd's digest, read through its compression), then every package the repository lacks,
 * {@code num_threads} at a time, each checked against primary's digest (SHA-256, or the SHA-1/224/
 * 384/512 older repositories give, which then keys the unit: {@link PackageDigest}) and size, then
 * read like an upload (so its stored repodata is Depot's own rendering) and refused if its headers
 * are not the package primary lists. Packages the repository holds are not fetched again; packages
 * stored for another repository are only associated. Then the errata, modules and comps ({@link
 * MetadataUnitsSync}).
 *
 * <p>primary.xml is read from disk twice (three times with {@code retain_old_count}), once to check
 * and count it and once to work, so memory does not grow with the feed; only the repository's
 * package checksums (and with {@code remove_missing}, the feed's; with {@code retain_old_count}, a
 * few versions per package name) are held.
 */
final class YumSync implements FeedImporter.Sync {
  private final Repository repo;
  private final SyncConduit conduit;
  private final FeedSettings feed;
  private final Set<String> skip;
  private final RetainOld retain;
  private final SignaturePolicy signatures;
  private final Downloader downloader;
  private final YumSyncReport report;
  private final SyncProgress progress;
  private final FileFetch fetch;
  private RemoteRepomd repomd;

  YumSync(
      Repository repo,
      SyncConduit conduit,
      FeedSettings feed,
      Set<String> skip,
      Optional<RetainOld> retain,
      SignaturePolicy signatures) {
    this.repo = repo;
    this.conduit = conduit;
    this.feed = feed;
    this.skip = skip;
    this.retain = retain.orElse(null);
    this.signatures = signatures;
    this.downloader = new Downloader(feed.downloads(), feed.fileFeedRoot());
    this.report = new YumSyncReport();
    this.progress = new SyncProgress(conduit, report::of);
    this.fetch = new FileFetch(conduit, downloader, progress, feed, YumSync::nameOf);
  }

  @Override
  public void cancel() {
    fetch.cancel();
  }

  @Override
  public SyncReport run() throws IOException, InterruptedException {
    try (downloader;
        fetch) {
      return sync();
    } catch (CancellationException e) {
      return progress.cancelled(YumSyncReport.CANCELLED);
    }
  }

  private SyncReport sync() throws IOException, InterruptedException {
    progress.state(YumSyncReport.METADATA);
    Path work = Files.createDirectories(repo.workingDirectory().orElseThrow().resolve("yum"));
    Primary primary;
    Set<String> listed = feed.removeMissing() ? new HashSet<>() : null;
    long[] totals = new long[2];
    try {
      primary = fetchPrimary(work);
      if (retain != null) { // a pass to learn each package's newest versions
        primary.forEach(p -> retain.note(p));
      }
      primary.forEach(
          p -> {
            if (wanted(p)) {
              totals[0]++;
              totals[1] += Math.max(0, p.size());
              if (listed != null) {
                listed.add(p.typeId() + ":" + p.checksum());
              }
            }
          });
    } catch (DownloadFailure e) {
      return progress.failure(
          YumSyncReport.METADATA_FAILED, "Could not fetch the feed's metadata: " + e.getMessage());
    } catch (IOException e) {
      return progress.failure(YumSyncReport.METADATA_FAILED, e.getMessage());
    }
    URI feedDir = primary.dir();
    progress.planned(totals[0], totals[1]);
    progress.state(YumSyncReport.CONTENT);
    Set<String> held = held();
    RebuiltPackages rebuilt = new RebuiltPackages();
    try {
      primary.forEach(p -> offer(feedDir, p, held, rebuilt));
    } catch (CancellationException e) {
      // Stop reading primary; downloads in flight end as the downloader refuses them.
    } finally {
      fetch.close(); // what finished is kept, even when cancelled
    }
    if (fetch.cancelled()) {
      return progress.cancelled(YumSyncReport.CANCELLED);
    }
    MetadataUnitsSync metadata =
        new MetadataUnitsSync(repo, conduit, downloader, progress, report, skip);
    long removed = metadataSteps(metadata, feedDir, work, listed != null);
    if (progress.errorCount() > 0) {
      return progress.filesFailed(YumSyncReport.CONTENT_FAILED); // no removal on a partial view
    }
    removed += rebuilt.removeOtherBuilds(conduit, List.of(RpmTypes.RPM, RpmTypes.SRPM), skip);
    removed += listed == null ? 0 : removeMissing(listed) + metadata.removeMissing();
    removed += retain == null ? 0 : retain.removeOld(conduit, skip);
    return progress.success(YumSyncReport.COMPLETE, removed);
  }

  /**
   * The steps after the packages (errata, modules, comps, kickstart tree, carried metadata files);
   * answers the units they removed.
   */
  private long metadataSteps(
      MetadataUnitsSync metadata, URI feedDir, Path work, boolean removeMissing)
      throws InterruptedException {
    metadata.run(feedDir, work, repomd);
    report.distribution(
        skip.contains(RpmTypes.DISTRIBUTION)
            ? "SKIPPED"
            : new DistributionSync(conduit, downloader, progress)
                .run(feedDir, work, removeMissing));
    long removed = 0;
    if (carryingFiles()) { // each replaces the repository's older file of its kind
      removed +=
          new RepoMetadataFiles(conduit, downloader, progress)
              .sync(feedDir, work, repomd, RepomdTypes.carried(repomd.types()), removeMissing);
    }
    return removed;
  }

  /**
   * repomd.xml (of the feed, or of a mirror it lists), then the primary file it names, verified.
   */
  private Primary fetchPrimary(Path work) throws IOException, InterruptedException {
    FeedMirrors.Found found =
        FeedMirrors.find(
            downloader, feedText(), feed.downloads().basicAuthUsername() != null, work);
    URI feedDir = found.dir();
    if (found.mirror()) {
      report.mirror(feedDir.toString());
    }
    repomd = RemoteRepomd.read(found.repomd());
    report.notSynced(RepomdTypes.notSynced(repomd.types(), carryingFiles()));
    RemoteRepomd.Record record =
        RepomdTypes.recordFor(repomd, RepomdTypes.Step.PACKAGES).orElseThrow();
    String href = record.href();
    Path file = work.resolve("primary" + href.substring(href.lastIndexOf('/') + 1));
    MetadataFiles.fetchVerified(downloader, feedDir, record, file);
    return new Primary(file, href, feedDir);
  }

  private String feedText() {
    feed.requireFeedDirectory(); // says there is none, as every importer does
    return feed.feed();
  }

  private boolean carryingFiles() {
    return !skip.contains(RpmTypes.REPO_METADATA_FILE);
  }

  /** The repository's packages before this sync, as {@code type:checksum}. */
  private Set<String> held() {
    Set<String> held = new HashSet<>();
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(RpmTypes.RPM, RpmTypes.SRPM))) {
      units.forEach(u -> held.add(u.typeId() + ":" + u.unitKey().get("checksum")));
    }
    return held;
  }

  /** Whether the sync brings a package primary lists: not skipped, and new enough. */
  private boolean wanted(RemotePackage p) {
    return !skip.contains(p.typeId()) && (retain == null || retain.wanted(p));
  }

  private void offer(URI feedDir, RemotePackage p, Set<String> held, RebuiltPackages rebuilt) {
    if (!wanted(p)) {
      return;
    }
    if (held.contains(p.typeId() + ":" + p.checksum())) {
      progress.finished(Math.max(0, p.size()));
      return;
    }
    rebuilt.fetched(p.typeId(), p.unitKey());
    String refusal = refusal(p);
    URI url = null;
    if (refusal == null) {
      try {
        url = MetadataFiles.inside(feedDir, p.xmlBase(), p.href());
      } catch (IOException e) {
        refusal = e.getMessage();
      }
    }
    if (refusal != null) {
      progress.failed(p.nevra(), refusal);
      return;
    }
    fetch.submit(
        new FileFetch.Wanted(
            p.typeId(),
            p.unitKey(),
            Map.of(),
            p.fileName(),
            p.nevra(),
            p.size(),
            "sha256".equals(PackageDigest.keyType(p.checksumType())) ? p.checksum() : null,
            new FileFetch.Url(url),
            (file, listedMetadata) -> PackageCheck.metadata(file, p, signatures)));
  }

  /** Why a listed package cannot be synced, or null. */
  private static String refusal(RemotePackage p) {
    String fileName = p.fileName();
    if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
      return "primary.xml names it "
          + fileName
          + ", which is no file name a yum repository publishes: not downloaded";
    }
    if (!PackageDigest.taken(PackageDigest.keyType(p.checksumType()))) {
      return "primary.xml gives it a "
          + p.checksumType()
          + " checksum, which Depot does not take: only "
          + PackageDigest.names();
    }
    return null;
  }

  private long removeMissing(Set<String> listed) {
    long removed = 0;
    for (String type : List.of(RpmTypes.RPM, RpmTypes.SRPM)) {
      if (!skip.contains(type)) {
        removed +=
            MissingUnits.remove(
                conduit, type, u -> listed.contains(type + ":" + u.unitKey().get("checksum")));
      }
    }
    return removed;
  }

  private static String nameOf(Unit unit) {
    Map<String, Object> k = unit.unitKey();
    return k.get("name") + "-" + k.get("version") + "-" + k.get("release") + "." + k.get("arch");
  }

  /** The verified primary file on disk, read as often as needed. */
  private record Primary(Path file, String href, URI dir) {
    void forEach(java.util.function.Consumer<RemotePackage> each) throws IOException {
      try (InputStream in = MetadataFiles.open(file, href)) {
        PrimaryReader.forEach(in, each);
      }
    }
  }
}
