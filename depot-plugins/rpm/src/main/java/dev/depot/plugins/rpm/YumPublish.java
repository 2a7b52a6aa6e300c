package dev.depot.plugins.rpm;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.tree.LinkedTreePublish;
import dev.depot.publish.tree.NamedLinks;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.TreePaths;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One publish of a yum repository, Pulp's layout: each package linked at {@code Packages/<first
 * letter>/<file>}, and {@code repodata/} with primary, filelists and other (gzipped, named by
 * checksum), the carried metadata files and repomd.xml, and a kickstart tree's treeinfo and images
 * where installers look. The metadata is the units' stored XML elements, gzipped as they stream by
 * (each file on a thread of its own), so neither a package nor the whole repository is ever read
 * into memory. The tree is built beside the served one (reusing its links and unchanged metadata)
 * and switched in at once.
 */
final class YumPublish extends LinkedTreePublish {
  private final List<String> packageTypes;
  private final List<String> metadataTypes;
  private final long packages;
  private final PluginCallConfiguration config;
  private final boolean kickstartTree;

  /**
   * The package types, each streamed on its own in unit id order: one type at a time the database
   * reads a repository's rows straight off an index, where both at once, or sorted by name, made it
   * sort every row, metadata and all, before the first came (1.2-1.5 s and most of a 256 MB heap at
   * 20,000 packages). Clients need no order in the metadata.
   */
  static final List<String> PACKAGE_TYPES = List.of(RpmTypes.RPM, RpmTypes.SRPM);

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

  /** The types published in metadata files only, in the order their files list them. */
  static final List<String> METADATA_TYPES =
      List.of(
          RpmTypes.ERRATUM,
          RpmTypes.MODULEMD,
          RpmTypes.MODULEMD_DEFAULTS,
          RpmTypes.GROUP,
          RpmTypes.CATEGORY,
          RpmTypes.ENVIRONMENT,
          RpmTypes.REPO_METADATA_FILE);

  /** Where Pulp's yum_distributor puts a package: {@code Packages/<first letter>/<file>}. */
  static String location(String fileName) {
    return "Packages/" + fileName.substring(0, 1).toLowerCase(Locale.ROOT) + "/" + fileName;
  }

  @Override
  protected void fill(TreePublisher.Build build, NamedLinks links) throws IOException {
    OldRepodata old = OldRepodata.of(config, servedTree().orElse(null));
    try (Repodata repodata = new Repodata(build.dir(), packages).keepingOld(old)) {
      for (String type : packageTypes) {
        try (Stream<Unit> units = conduit().units(UnitCriteria.ofTypes(type))) {
          for (Unit unit : (Iterable<Unit>) units::iterator) {
            checkCancelled(); // once per package
            String location = location(String.valueOf(unit.metadata().get("filename")));
            links.link(location, unit.storagePath());
            repodata.add(unit, location);
            count();
          }
        }
      }
      for (String type : metadataTypes) {
        try (Stream<Unit> more = conduit().units(UnitCriteria.ofTypes(type))) {
          for (Unit unit : (Iterable<Unit>) more::iterator) {
            checkCancelled();
            repodata.add(unit, null);
          }
        }
      }
      repodata.finish();
    }
    if (kickstartTree) {
      linkKickstartTree(links);
    }
  }

  /** Links the newest kickstart tree's files at their places in the tree, as Pulp published it. */
  private void linkKickstartTree(NamedLinks links) throws IOException {
    Unit tree = null;
    try (Stream<Unit> units = conduit().units(UnitCriteria.ofTypes(RpmTypes.DISTRIBUTION))) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        tree = unit; // in unit id order: the last one added wins
      }
    }
    if (tree == null) {
      return;
    }
    for (String path : DistributionSync.published(tree)) {
      links.link(path, TreePaths.resolveInside(tree.storagePath(), path));
    }
  }
}
