package dev.depot.plugins.rpm;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.VersionChanges;
import dev.depot.publish.tree.IndexedTreePublish;
import dev.depot.publish.tree.ParallelLinks;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.TreePaths;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One publish of a yum repository, Pulp's layout: each package linked at {@code Packages/<first
 * letter>/<file>}, and {@code repodata/} with primary, filelists and other (gzipped, named by
 * checksum), the carried metadata files and repomd.xml, and a kickstart tree's treeinfo and images
 * where installers look. The metadata is the units' stored XML elements, so no package is read
 * again; memory holds a few packages at a time.
 *
 * <p>The tree is built beside the served one and switched in at once. A publish takes over the tree
 * before the served one and, when the repository still keeps the version it shows, brings it up to
 * date from the changes since alone: links of packages added and removed, and primary, filelists
 * and other merged by {@link SegmentedPackages}, which copies the compressed segments that did not
 * change. Otherwise (first publish, {@code force_full}, a tree of an older format) it lists every
 * package into an empty tree.
 */
final class YumPublish extends IndexedTreePublish {
  /** Threads creating links in a full publish; file system waits overlap. */
  private static final int LINK_THREADS = 4;

  private final List<String> packageTypes;
  private final List<String> metadataTypes;
  private long packages;
  private final PluginCallConfiguration config;
  private final boolean kickstartTree;

  /**
   * The package types, each streamed on its own in unit id order: one type at a time the database
   * reads a repository's rows straight off an index, where both at once, or sorted by name, made it
   * sort every row, metadata and all, before the first came (1.2-1.5 s and most of a 256 MB heap at
   * 20,000 packages). Clients need no order in the metadata.
   */
  static final List<String> PACKAGE_TYPES = List.of(RpmTypes.RPM, RpmTypes.SRPM);

  /** The types published in metadata files only, in the order their files list them. */
  static final List<String> METADATA_TYPES =
      List.of(
          RpmTypes.ERRATUM,
          RpmTypes.MODULEMD,
          RpmTypes.MODULEMD_DEFAULTS,
          RpmTypes.GROUP,
          RpmTypes.CATEGORY,
          RpmTypes.ENVIRONMENT,
          RpmTypes.LANGPACKS,
          RpmTypes.REPO_METADATA_FILE);

  YumPublish(
      ServedTree served,
      Platform platform,
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config) {
    super(served, platform, repo, conduit, config, "packages_published");
    this.config = config;
    Set<String> skipped = YumDistributor.skipped(config);
    this.kickstartTree = !skipped.contains(RpmTypes.DISTRIBUTION);
    this.packageTypes = PACKAGE_TYPES.stream().filter(t -> !skipped.contains(t)).toList();
    this.metadataTypes = METADATA_TYPES.stream().filter(t -> !skipped.contains(t)).toList();
    // The version being published counts them: primary's root element names the number up front.
    Map<String, Long> counts = repo.contentUnitCounts();
    this.packages = packageTypes.stream().mapToLong(t -> counts.getOrDefault(t, 0L)).sum();
  }

  /** Where Pulp's yum_distributor puts a package: {@code Packages/<first letter>/<file>}. */
  static String location(String fileName) {
    return "Packages/" + fileName.substring(0, 1).toLowerCase(Locale.ROOT) + "/" + fileName;
  }

  /** Where a package unit's file goes in the tree. */
  static String location(Unit unit) {
    return location(String.valueOf(unit.metadata().get("filename")));
  }

  @Override
  protected void fillTree(TreePublisher.Build build) throws IOException {
    OldRepodata old = OldRepodata.of(config, servedTree().orElse(null));
    YumIndex.Summary summary = null;
    if (build.previousIndex().isPresent()) {
      summary =
          YumIndex.Summary.read(
              build
                  .previousIndexPart(YumIndex.SUMMARY_PART)
                  .orElseThrow(() -> new UnusableTreeException("the tree has no yum index")));
      if (!summary.packageTypes().equals(packageTypes)) {
        throw new UnusableTreeException("the tree lists other package types");
      }
    }
    reportMode(summary);
    Map<String, String> kickstart = kickstartLinks();
    try (SegmentedPackages files = new SegmentedPackages(build, packageTypes, packages, summary);
        Repodata repodata = new Repodata(build.dir(), files).keepingOld(old);
        ParallelLinks links = new ParallelLinks(build, LINK_THREADS)) {
      if (summary == null) {
        listAll(repodata, links);
      } else {
        mergeChanges(build, summary.version(), files, links);
      }
      for (String type : metadataTypes) {
        try (Stream<Unit> more = conduit().units(UnitCriteria.ofTypes(type))) {
          for (Unit unit : (Iterable<Unit>) more::iterator) {
            checkCancelled();
            repodata.add(unit, null);
          }
        }
      }
      if (files.count() != packages) {
        // A view that counts otherwise than it streams: primary's head is written first, so
        // list them all again with the number found.
        String why = "counted " + packages + " packages and listed " + files.count();
        packages = files.count();
        throw new UnusableTreeException(why);
      }
      repodata.finish();
      linkKickstartTree(links, summary == null ? Map.of() : summary.kickstartLinks(), kickstart);
      links.await();
      files.summarize(conduit().version(), kickstart);
    } catch (FileAlreadyExistsException e) {
      // Two packages of one file name in a full publish: the second link finds the first.
      Path taken = Path.of(String.valueOf(e.getFile()));
      throw sameFileName(build.dir().relativize(taken).toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("publish interrupted");
    }
  }

  private void reportMode(YumIndex.Summary summary) {
    reportDetail("mode", summary == null ? "full" : "changes");
    if (summary != null) {
      reportDetail("from_version", summary.version());
    }
  }

  /** Lists and links every package: a publish into an empty tree. */
  private void listAll(Repodata repodata, ParallelLinks links)
      throws IOException, InterruptedException {
    for (String type : packageTypes) {
      try (Stream<Unit> units = conduit().units(UnitCriteria.ofTypes(type))) {
        for (Unit unit : (Iterable<Unit>) units::iterator) {
          checkCancelled(); // once per package
          String location = location(unit);
          links.link(location, unit.storagePath());
          repodata.add(unit, location);
          count();
        }
      }
    }
  }

  /** Why a publish fails when two packages would be one file of the tree, as dnf downloads it. */
  private static IOException sameFileName(String location) {
    String name = location.substring(location.lastIndexOf('/') + 1);
    return new IOException(
        "two packages of the repository have the file name "
            + name
            + " (at "
            + location
            + "): a yum repository holds one file per name; remove one of them (the older build,"
            + " or the same file held under another checksum type; `depot repo units <repo>"
            + " --filter filename="
            + name
            + "` lists both with their checksums)");
  }

  /** Brings the taken-over tree's packages from {@code version} to the one published. */
  private void mergeChanges(
      TreePublisher.Build build, long version, SegmentedPackages files, ParallelLinks links)
      throws IOException {
    // Where an added package takes a name whose link another package's file had, that package
    // must be one removed now (a new build replacing an old one), else the two share the name.
    Map<String, Path> displaced = new HashMap<>();
    Set<Path> removedFiles = new HashSet<>();
    Set<String> addedLocations = new HashSet<>();
    SegmentedPackages.Changes linking =
        new SegmentedPackages.Changes() {
          @Override
          public void added(Unit unit, String location) throws IOException {
            if (!addedLocations.add(location)) {
              throw sameFileName(location); // two added now
            }
            // Read before this relink is queued; only removals of the same name may be pending.
            Path held = linkedFile(build, location);
            if (held != null && !held.equals(unit.storagePath())) {
              displaced.put(location, held);
            }
            // relink: a package removed further on in id order may still hold the name
            queue(() -> links.relink(location, unit.storagePath()));
          }

          @Override
          public void removed(Unit unit, String location) throws IOException {
            removedFiles.add(unit.storagePath());
            queue(() -> links.unlink(location, unit.storagePath()));
          }
        };
    for (String type : packageTypes) {
      VersionChanges changes =
          conduit()
              .changesSince(version, List.of(type))
              .orElseThrow(
                  () -> new UnusableTreeException("the tree shows a version no longer kept"));
      try (Stream<Unit> added = changes.added();
          Stream<Unit> removed = changes.removed()) {
        files.merge(
            type,
            added.iterator(),
            removed.iterator(),
            linking,
            () -> {
              checkCancelled();
              count();
            });
      }
    }
    for (Map.Entry<String, Path> taken : displaced.entrySet()) {
      if (!removedFiles.contains(taken.getValue())) {
        throw sameFileName(taken.getKey());
      }
    }
  }

  /** The stored file the tree's link at {@code location} points at; null when there is none. */
  private static Path linkedFile(TreePublisher.Build build, String location) throws IOException {
    try {
      return Files.readSymbolicLink(TreePaths.resolveInside(build.dir(), location));
    } catch (NoSuchFileException | NotLinkException e) {
      return null;
    }
  }

  private interface LinkChange {
    void run() throws IOException, InterruptedException;
  }

  private static void queue(LinkChange change) throws IOException {
    try {
      change.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("publish interrupted");
    }
  }

  /** The newest kickstart tree's files by their place in the tree, as Pulp published them. */
  private Map<String, String> kickstartLinks() throws IOException {
    Map<String, String> links = new LinkedHashMap<>();
    if (!kickstartTree) {
      return links;
    }
    Unit tree = null;
    try (Stream<Unit> units = conduit().units(UnitCriteria.ofTypes(RpmTypes.DISTRIBUTION))) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        tree = unit; // in unit id order: the last one added wins
      }
    }
    if (tree != null) {
      for (String path : DistributionSync.published(tree)) {
        links.put(path, TreePaths.resolveInside(tree.storagePath(), path).toString());
      }
    }
    return links;
  }

  /** Changes the kickstart tree's links from those the taken-over tree had to {@code now}. */
  private static void linkKickstartTree(
      ParallelLinks links, Map<String, String> had, Map<String, String> now)
      throws IOException, InterruptedException {
    for (Map.Entry<String, String> gone : had.entrySet()) {
      if (!gone.getValue().equals(now.get(gone.getKey()))) {
        links.unlink(gone.getKey(), Path.of(gone.getValue()));
      }
    }
    for (Map.Entry<String, String> link : now.entrySet()) {
      if (!link.getValue().equals(had.get(link.getKey()))) {
        links.relink(link.getKey(), Path.of(link.getValue()));
      }
    }
  }
}
