package dev.depot.plugins.file;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.publish.rsync.RsyncDistributor;
import dev.depot.publish.rsync.RsyncLayout;
import dev.depot.publish.tree.RelativeUrl;
import java.nio.file.Path;
import java.util.List;

/**
 * Pulp's {@code iso_rsync_distributor}: the generic {@link RsyncDistributor} pushing {@code iso}
 * unit files and what an {@code iso_distributor} published, below its {@code relative_url}.
 */
public final class IsoRsyncDistributor extends RsyncDistributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "iso_rsync_distributor";

  /** An {@code iso_rsync_distributor}, as the plugin registry makes it. */
  public IsoRsyncDistributor() {
    super(new Layout());
  }

  /** The {@code iso} side of the push: the web tree an {@code iso_distributor} served. */
  private static final class Layout implements RsyncLayout {
    @Override
    public PluginMetadata metadata() {
      return new PluginMetadata(ID, "ISO Rsync Distributor", List.of(FileContentTypes.ISO));
    }

    @Override
    public String predistributorTypeId() {
      return IsoDistributor.ID;
    }

    @Override
    public PublishedTree publishedTree(
        Platform platform, Repository repo, PluginCallConfiguration webConfig) {
      RelativeUrl url = IsoDistributor.SERVED.relativeUrl(repo, webConfig);
      Path tree = IsoDistributor.SERVED.readableLink(platform, url, webConfig);
      return new PublishedTree(tree, url.path());
    }
  }
}
