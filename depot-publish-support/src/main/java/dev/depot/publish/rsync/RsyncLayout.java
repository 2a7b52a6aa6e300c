package dev.depot.publish.rsync;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import java.nio.file.Path;
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
 * registers its own, in a few lines:
 *
 * <pre>{@code
 * public final class IsoRsyncDistributor extends RsyncDistributor {
 *   public IsoRsyncDistributor() {
 *     super(new IsoRsyncLayout());
 *   }
 * }
 * }</pre>
 *
 * listed in {@code META-INF/services/dev.depot.plugin.Distributor}. A layout holds no state: one
 * instance may serve many publishes at once.
 */
public interface RsyncLayout {
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
