package dev.depot.publish.rsync;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.publish.tree.RelativeUrl;
import dev.depot.publish.tree.ServedTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RsyncDistributor} needs to know of one content type to push its repositories: its
 * Pulp id, the web distributor it pairs with, and where that one published. Everything else (config
 * keys and their checks, the push, fast-forward, cancel, the scratchpad) is the same for every
 * type.
 *
 * <p>Pulp has one rsync distributor per type ({@code iso_rsync_distributor}, {@code
 * rpm_rsync_distributor}, ...), each pushing what its type's web distributor (the <em>
 * predistributor</em>) published; distributor ids are unique across plugins, so each type's plugin
 * registers its own. A type whose web distributor publishes through a {@link ServedTree} needs one
 * constructor call ({@link #ofServedTree}):
 *
 * <pre>{@code
 * public final class IsoRsyncDistributor extends RsyncDistributor {
 *   public IsoRsyncDistributor() {
 *     super(RsyncLayout.ofServedTree(
 *         new PluginMetadata("iso_rsync_distributor", "ISO Rsync Distributor", List.of("iso")),
 *         IsoDistributor.SERVED));
 *   }
 * }
 * }</pre>
 *
 * listed in {@code META-INF/services/dev.depot.plugin.Distributor}; another type implements this
 * interface. A layout holds no state: one instance may serve many publishes at once.
 */
public interface RsyncLayout {
  /**
   * The layout of a type whose web distributor publishes through {@code served}: that distributor's
   * tree for the repository (its readable protocol link), pushed below its relative URL on the
   * remote, as Pulp's rsync distributors do.
   *
   * @param metadata the rsync distributor's id, display name and the types whose files it pushes
   * @param served where the web distributor (the predistributor) publishes
   */
  static RsyncLayout ofServedTree(PluginMetadata metadata, ServedTree served) {
    return ofServedTree(metadata, served, List.of());
  }

  /**
   * As {@link #ofServedTree(PluginMetadata, ServedTree)}, for a tree with metadata directories that
   * Pulp's {@code skip_repodata} leaves out of a push (a yum tree's {@code repodata}).
   *
   * @param metadataDirectories top-level directory names of the tree, see {@link
   *     #metadataDirectories()}
   */
  static RsyncLayout ofServedTree(
      PluginMetadata metadata, ServedTree served, List<String> metadataDirectories) {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(served, "served");
    List<String> metadataDirs = List.copyOf(metadataDirectories);
    return new RsyncLayout() {
      @Override
      public List<String> metadataDirectories() {
        return metadataDirs;
      }

      @Override
      public PluginMetadata metadata() {
        return metadata;
      }

      @Override
      public String predistributorTypeId() {
        return served.distributorTypeId();
      }

      @Override
      public PublishedTree publishedTree(
          Platform platform, Repository repo, PluginCallConfiguration predistributorConfig) {
        RelativeUrl url = served.relativeUrl(repo, predistributorConfig);
        return new PublishedTree(
            served.readableLink(platform, url, predistributorConfig), url.path());
      }
    };
  }

  /**
   * The top-level directories of the published tree that hold its metadata (a yum tree's {@code
   * repodata}): with {@code skip_repodata}, a push neither sends them nor, with {@code delete},
   * removes them from the remote, as Pulp's did. None by default.
   */
  default List<String> metadataDirectories() {
    return List.of();
  }

  /**
   * The distributor's metadata: its Pulp id (e.g. {@code iso_rsync_distributor}), display name, and
   * the content types whose unit files are pushed.
   */
  PluginMetadata metadata();

  /**
   * The type id of the web distributor whose published tree is pushed (e.g. {@code
   * iso_distributor}), named in messages about {@code predistributor_id}.
   */
  String predistributorTypeId();

  /**
   * Where the predistributor published the repository, and where that tree goes on the remote.
   *
   * @param platform the server's publish roots
   * @param repo the repository pushed
   * @param predistributorConfig the predistributor's stored config
   * @throws IllegalArgumentException when that config cannot name a tree (e.g. a bad {@code
   *     relative_url})
   */
  PublishedTree publishedTree(
      Platform platform, Repository repo, PluginCallConfiguration predistributorConfig);

  /**
   * A tree a web distributor published.
   *
   * @param tree the published directory on this server (it may not exist: never published)
   * @param remotePath where it goes below the remote root, relative (e.g. the {@code
   *     relative_url}); checked by {@link RsyncTarget#pathProblem} before any push
   */
  record PublishedTree(Path tree, String remotePath) {
    /** Checks that both are given. */
    public PublishedTree {
      Objects.requireNonNull(tree, "tree");
      Objects.requireNonNull(remotePath, "remotePath");
    }
  }
}
