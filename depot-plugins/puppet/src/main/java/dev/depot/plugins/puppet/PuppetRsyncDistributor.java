package dev.depot.plugins.puppet;

import dev.depot.plugin.PluginMetadata;
import dev.depot.publish.rsync.RsyncDistributor;
import dev.depot.publish.rsync.RsyncLayout;
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
    super(
        RsyncLayout.ofServedTree(
            new PluginMetadata(ID, "Puppet Rsync Distributor", List.of(PuppetTypes.MODULE)),
            PuppetDistributor.SERVED));
  }
}
