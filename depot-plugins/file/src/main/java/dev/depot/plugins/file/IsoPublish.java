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
import dev.depot.publish.tree.Protection;
import dev.depot.publish.tree.RelativeUrl;
import dev.depot.publish.tree.ServedTreeDistributor;
import dev.depot.publish.tree.TreePublisher;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
    } catch (OutOfOrder e) {
      // The database did not list units in the order the last index was written in: rebuild.
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
      counts.mode = build.previousIndex().isPresent() ? "incremental" : "full";
      report("in_progress", counts);
      build.write("PULP_MANIFEST", out -> fill(build, out, counts));
      protect(repo, config);
      where = IsoDistributor.SERVED.commit(build, platform, url, config, List.of());
    } catch (CancellationException e) {
      Map<String, Object> report = report("cancelled", counts);
      return PublishReport.canceled(report, report);
    }
    Map<String, Object> report = report("complete", counts);
    return PublishReport.success(report, report).publishedAt(where);
  }

  /**
   * Writes the manifest and the index while bringing the tree's links in line with the units. A
   * taken-over tree whose index names a version the repository still keeps changes by what the
   * platform says changed since; one without reads all units beside its index and changes only
   * where they differ; an empty one gets every link, several at a time.
   */
  private void fill(TreePublisher.Build build, OutputStream out, PublishCounts counts)
      throws IOException {
    Optional<Path> previous = build.previousIndex();
    OptionalLong since = OptionalLong.empty();
    if (previous.isPresent()) {
      try (PublishIndex.Reader old = new PublishIndex.Reader(previous.get())) {
        since = old.version();
      }
    }
    Optional<VersionChanges> changes =
        since.isEmpty()
            ? Optional.empty()
            : conduit.changesSince(since.getAsLong(), List.of(FileContentTypes.ISO));
    try {
      if (changes.isPresent()) {
        fillFromChanges(build, previous.get(), changes.get(), out, counts);
        return;
      }
      try (Writer manifest =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
          Writer index = PublishIndex.writer(build.indexFile(), conduit.version());
          PublishIndex.Reader old =
              previous.isPresent() ? new PublishIndex.Reader(previous.get()) : null) {
        fillFromUnits(build, old, manifest, index, counts);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IOException(
          "two units are named " + e.getFile() + "; a repository can publish only one of them", e);
    }
  }

  /** The publish that applies the changes since the version of the tree it took over. */
  private void fillFromChanges(
      TreePublisher.Build build,
      Path previous,
      VersionChanges changes,
      OutputStream out,
      PublishCounts counts)
      throws IOException {
    counts.mode = "changes";
    counts.fromVersion = changes.from();
    try (OutputStream manifest = new BufferedOutputStream(out, 1 << 16);
        OutputStream index = PublishIndex.output(build.indexFile(), conduit.version());
        RawIndex old = new RawIndex(previous)) {
      new ChangeMerge(
              build,
              counts,
              this::stopped,
              () -> {
                if (counts.processed % REPORT_EVERY == 0) {
                  report("in_progress", counts);
                }
              })
          .merge(old, changes, manifest, index);
    }
  }

  private boolean stopped() {
    return cancelled || Thread.currentThread().isInterrupted();
  }

  /** The publish that reads every unit: the first, or one whose tree's version is unknown. */
  private void fillFromUnits(
      TreePublisher.Build build,
      PublishIndex.Reader old,
      Writer manifest,
      Writer index,
      PublishCounts counts)
      throws IOException {
    try (ParallelLinks links = old == null ? new ParallelLinks(build, LINK_THREADS) : null;
        Stream<Unit> units = conduit.units(BY_ID)) {
      String lastId = null;
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        if (stopped()) {
          throw new CancellationException("publish cancelled");
        }
        if (lastId != null && unit.id().compareTo(lastId) <= 0) {
          throw new OutOfOrder();
        }
        lastId = unit.id();
        ManifestEntry entry = ManifestEntry.of(unit);
        if (old == null) {
          links.link(entry.name(), unit.storagePath());
          counts.added++;
        } else {
          update(build, old, unit, entry, counts);
        }
        manifest.write(entry.line());
        manifest.write('\n');
        index.write(
            new PublishIndex.Entry(
                    unit.id(), entry.name(), unit.storagePath(), entry.checksum(), entry.size())
                .line());
        index.write('\n');
        if (++counts.processed % REPORT_EVERY == 0) {
          report("in_progress", counts);
        }
      }
      if (old != null) {
        for (; old.current() != null; old.advance()) {
          build.unlink(old.current().name(), old.current().target());
          counts.removed++;
        }
      } else {
        links.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("publish interrupted");
    }
  }

  /**
   * One unit of an incremental publish: drop what the old tree had before it, then keep or add it.
   */
  private static void update(
      TreePublisher.Build build,
      PublishIndex.Reader old,
      Unit unit,
      ManifestEntry entry,
      PublishCounts counts)
      throws IOException {
    while (old.current() != null && old.current().unitId().compareTo(unit.id()) < 0) {
      build.unlink(old.current().name(), old.current().target());
      counts.removed++;
      old.advance();
    }
    PublishIndex.Entry had = old.current();
    if (had != null && had.unitId().equals(unit.id())) {
      old.advance();
      if (had.name().equals(entry.name()) && had.target().equals(unit.storagePath())) {
        counts.unchanged++;
        return;
      }
      build.unlink(had.name(), had.target());
    }
    build.relink(entry.name(), unit.storagePath());
    counts.added++;
  }

  /** Units did not arrive in ascending id order. */
  private static final class OutOfOrder extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfOrder() {
      super("units out of id order", null, false, false);
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
