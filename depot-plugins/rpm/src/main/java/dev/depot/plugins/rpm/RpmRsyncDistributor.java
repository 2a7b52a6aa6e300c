package dev.depot.plugins.rpm;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.publish.rsync.RsyncDistributor;
import dev.depot.publish.rsync.RsyncLayout;
import dev.depot.publish.tree.RelativeUrl;
import java.nio.file.Path;

/**
 * {@code rpm_rsync_distributor}: the SDK's rsync distributor pushing what a {@code yum_distributor}
 * published (packages and repodata) to a remote host, below the yum distributor's {@code
 * relative_url} on the remote, as Pulp's did.
 */
public final class RpmRsyncDistributor extends RsyncDistributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "rpm_rsync_distributor";

  /** As the plugin registry makes it. */
  public RpmRsyncDistributor() {
    super(new Layout());
  }

  private static final class Layout implements RsyncLayout {
    @Override
    public PluginMetadata metadata() {
      return new PluginMetadata(ID, "RPM Rsync Distributor", RpmTypes.ALL);
    }

    @Override
    public String predistributorTypeId() {
      return YumDistributor.ID;
    }

    @Override
    public PublishedTree publishedTree(
        Platform platform, Repository repo, PluginCallConfiguration webConfig) {
      RelativeUrl url = YumDistributor.SERVED.relativeUrl(repo, webConfig);
      Path tree = YumDistributor.SERVED.readableLink(platform, url, webConfig);
      return new PublishedTree(tree, url.path());
    }
  }
}
