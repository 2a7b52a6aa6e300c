package dev.depot.plugins.file;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.VersionChanges;
import dev.depot.publish.tree.ParallelLinks;
import dev.depot.publish.tree.PreviousUrl;
import dev.depot.publish.tree.Protection;
import dev.depot.publish.tree.RelativeUrl;
import dev.depot.publish.tree.ServedTreeDistributor;
import dev.depot.publish.tree.TreePublisher;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One publish of an {@code iso} repository: a new tree with one symlink per unit, named by the
 * unit's {@code name}, plus a {@code PULP_MANIFEST}, switched into place at {@code
 * /pulp/isos/<relative_url>/} for each protocol the config asks for, in one rename each. Units are
 * streamed from the database, so memory stays flat whatever the repository's size. Unless {@code
 * force_full} is set, a publish takes over the tree before the served one and changes only the
 * links that differ, so its file system work follows the change, not the repository's size.
 */
final class IsoPublish implements ServedTreeDistributor.Publish {
  private static final int REPORT_EVERY = 2000;

  private static final String MANIFEST = "PULP_MANIFEST";

  /** Threads creating links in a full publish; file system waits overlap. */
  private static final int LINK_THREADS = 4;

  /** Units in id order: the order the index is written in and read back. */
  private static final UnitCriteria BY_ID =
      new UnitCriteria(
          List.of(FileContentTypes.ISO),
          Map.of(),
          List.of(new UnitCriteria.SortField("_id", true)),
          0,
          0);

  private final Platform platform;
  private final Repository repo;
  private final PublishConduit conduit;
  private final PluginCallConfiguration config;
  private volatile boolean cancelled;

  IsoPublish(
      Platform platform, Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    this.platform = platform;
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public PublishReport run() throws IOException, InterruptedException {
    boolean full = config.getBoolean("force_full", false);
    try {
      return publish(full);
    } catch (ChangeMerge.UnusableTree | LineCursor.NoLine e) {
      // The tree taken over shows a version no longer kept, or its index and manifest do not
      // match: rebuild.
      return publish(true);
    }
  }

  private PublishReport publish(boolean full) throws IOException, InterruptedException {
    RelativeUrl url = IsoDistributor.SERVED.relativeUrl(repo, config);
    PublishCounts counts =
        new PublishCounts(repo.contentUnitCounts().getOrDefault(FileContentTypes.ISO, 0L));
    Path master = IsoDistributor.SERVED.masterDir(platform, repo, conduit.distributorId());
    List<PublishedLocation> where;
    try (TreePublisher.Build build =
        full ? TreePublisher.begin(master) : TreePublisher.beginReusing(master)) {
      counts.mode = "full";
      report("in_progress", counts);
      fill(build, counts);
      protect(repo, config);
      Optional<RelativeUrl> moved = PreviousUrl.ifMoved(conduit, url);
      List<Path> stop =
          moved.isPresent()
              ? IsoDistributor.SERVED.stillServing(platform, moved.get(), master)
              : List.of();
      where = IsoDistributor.SERVED.commit(build, platform, url, config, stop);
      if (!stop.isEmpty()) {
        Protection.unprotect(
            platform.publishRoot(), IsoDistributor.SERVED.pathBelowPulp(moved.get()));
      }
    } catch (CancellationException e) {
      Map<String, Object> report = report("cancelled", counts);
      return PublishReport.canceled(report, report);
    }
    PreviousUrl.remember(conduit, url);
    Map<String, Object> report = report("complete", counts);
    return PublishReport.success(report, report).publishedAt(where);
  }

  /**
   * Writes the manifest and the index while bringing the tree's links in line with the units. A
   * taken-over tree whose index names a version the repository still keeps changes by what the
   * platform says changed since; an empty one gets every link, several at a time.
   *
   * @throws ChangeMerge.UnusableTree for a taken-over tree that cannot be brought up to date so:
   *     the publish starts again with an empty one
   */
  private void fill(TreePublisher.Build build, PublishCounts counts) throws IOException {
    try {
      if (build.previousIndex().isPresent()) {
        fillFromChanges(build, changesSince(build.previousIndex().get()), counts);
        return;
      }
      long[] units = {0};
      build.write(
          MANIFEST,
          out -> {
            try (Writer manifest =
                    new BufferedWriter(
                        new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                OutputStream index = PublishIndex.output(build.indexFile(), conduit.version())) {
              units[0] = fillFromUnits(build, manifest, index, counts);
            }
          });
      PublishIndex.rewriteHeader(
          build.indexFile(),
          conduit.version(),
          units[0],
          Files.size(build.dir().resolve(MANIFEST)));
    } catch (FileAlreadyExistsException e) {
      throw clash(build, e);
    } catch (FileSystemException e) {
      if (e.getReason() == null || !e.getReason().contains("Not a directory")) {
        throw e;
      }
      throw clash(build, e);
    }
  }

  /** Two units named alike, or units a and a/b (one's name a directory on the other's path). */
  private static IOException clash(TreePublisher.Build build, FileSystemException e) {
    return new IOException(
        "units' names clash at "
            + inTree(build, e.getFile())
            + ": two units have that name, or one's name is a directory on another's path;"
            + " a repository can publish only one of them",
        e);
  }

  /** The path as the repository names it, not where the server builds it. */
  private static String inTree(TreePublisher.Build build, String file) {
    if (file == null) {
      return "(unknown)";
    }
    Path path = Path.of(file);
    return path.startsWith(build.dir()) ? build.dir().relativize(path).toString() : path.toString();
  }

  /** What changed since the version the taken-over tree's index names. */
  private VersionChanges changesSince(Path previousIndex) throws IOException {
    OptionalLong since = PublishIndex.version(previousIndex);
    return (since.isEmpty()
            ? Optional.<VersionChanges>empty()
            : conduit.changesSince(since.getAsLong(), List.of(FileContentTypes.ISO)))
        .orElseThrow(
            () ->
                new ChangeMerge.UnusableTree(
                    "the tree shows no version the repository still keeps"));
  }

  /** The publish that applies the changes since the version of the tree it took over. */
  private void fillFromChanges(
      TreePublisher.Build build, VersionChanges changes, PublishCounts counts) throws IOException {
    counts.mode = "changes";
    counts.fromVersion = changes.from();
    long[] reported = {0};
    try (Stream<Unit> addedUnits = changes.added();
        Stream<Unit> removedUnits = changes.removed();
        ParallelLinks links = new ParallelLinks(build, LINK_THREADS)) {
      new ChangeMerge(
              links,
              counts,
              this::stopped,
              () -> {
                if (counts.processed - reported[0] >= REPORT_EVERY) {
                  reported[0] = counts.processed;
                  report("in_progress", counts);
                }
              })
          .merge(
              first -> MergeFiles.open(build, MANIFEST, conduit.version(), first),
              addedUnits.iterator(),
              removedUnits.iterator());
      links.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("publish interrupted");
    }
  }

  private boolean stopped() {
    return cancelled || Thread.currentThread().isInterrupted();
  }

  /** The publish that reads every unit into an empty tree; returns the units it listed. */
  private long fillFromUnits(
      TreePublisher.Build build, Writer manifest, OutputStream index, PublishCounts counts)
      throws IOException {
    try (ParallelLinks links = new ParallelLinks(build, LINK_THREADS);
        Stream<Unit> units = conduit.units(BY_ID)) {
      String lastId = null;
      long listed = 0;
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        if (stopped()) {
          throw new CancellationException("publish cancelled");
        }
        if (lastId != null && unit.id().compareTo(lastId) <= 0) {
          throw new IOException(
              "the platform listed unit " + unit.id() + " after " + lastId + ", not in id order");
        }
        lastId = unit.id();
        ManifestEntry entry = ManifestEntry.of(unit);
        links.link(entry.name(), unit.storagePath());
        counts.added++;
        manifest.write(entry.line());
        manifest.write('\n');
        PublishIndex.write(index, unit.id());
        listed++;
        if (++counts.processed % REPORT_EVERY == 0) {
          report("in_progress", counts);
        }
      }
      links.await();
      return listed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("publish interrupted");
    }
  }

  /** Puts the tree's path behind a client-certificate check, or takes it out. */
  private void protect(Repository repo, PluginCallConfiguration config) throws IOException {
    var ca = config.getString("ssl_auth_ca_cert");
    if (ca.isPresent()) {
      Protection.protect(platform.publishRoot(), protectedPath(repo, config), ca.get());
    } else {
      Protection.unprotect(platform.publishRoot(), protectedPath(repo, config));
    }
  }

  /** The path {@link Protection} guards: the tree's, below {@code /pulp/}. */
  static String protectedPath(Repository repo, PluginCallConfiguration config) {
    return IsoDistributor.SERVED.pathBelowPulp(IsoDistributor.SERVED.relativeUrl(repo, config));
  }

  private Map<String, Object> report(String state, PublishCounts counts) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", state);
    report.put("mode", counts.mode);
    report.put("num_units", counts.total);
    report.put("num_processed", counts.processed);
    report.put("links_added", counts.added);
    report.put("links_removed", counts.removed);
    report.put("links_unchanged", counts.unchanged);
    report.put("version", conduit.version());
    if (counts.fromVersion >= 0) {
      report.put("from_version", counts.fromVersion);
    }
    conduit.setProgress(report);
    return report;
  }
}
