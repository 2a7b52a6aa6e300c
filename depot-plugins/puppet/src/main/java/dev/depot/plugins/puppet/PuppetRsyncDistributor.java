package dev.depot.plugins.puppet;

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
 * {@code puppet_rsync_distributor}: the SDK's rsync distributor pushing what a {@code
 * puppet_distributor} published (tarballs, {@code modules.json}, Forge pages) to a legacy host,
 * below the repository's id on the remote.
 */
public final class PuppetRsyncDistributor extends RsyncDistributor {
  /** The distributor type id. */
  public static final String ID = "puppet_rsync_distributor";

  /** As the plugin registry makes it. */
  public PuppetRsyncDistributor() {
    super(new Layout());
  }

  private static final class Layout implements RsyncLayout {
    @Override
    public PluginMetadata metadata() {
      return new PluginMetadata(ID, "Puppet Rsync Distributor", List.of(PuppetTypes.MODULE));
    }

    @Override
    public String predistributorTypeId() {
      return PuppetDistributor.ID;
    }

    @Override
    public PublishedTree publishedTree(
        Platform platform, Repository repo, PluginCallConfiguration webConfig) {
      RelativeUrl url = PuppetDistributor.SERVED.relativeUrl(repo, webConfig);
      Path tree = PuppetDistributor.SERVED.readableLink(platform, url, webConfig);
      return new PublishedTree(tree, url.path());
    }
  }
}
