package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginMetadata;
import dev.depot.publish.rsync.RsyncDistributor;
import dev.depot.publish.rsync.RsyncLayout;
import java.util.List;

/**
 * {@code rpm_rsync_distributor}: the SDK's rsync distributor pushing what a {@code yum_distributor}
 * published (packages and repodata) to a remote host, below the yum distributor's {@code
 * relative_url} on the remote, as Pulp's did; {@code skip_repodata} leaves {@code repodata/} out.
 */
public final class RpmRsyncDistributor extends RsyncDistributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "rpm_rsync_distributor";

  /** As the plugin registry makes it. */
  public RpmRsyncDistributor() {
    super(
        RsyncLayout.ofServedTree(
            new PluginMetadata(ID, "RPM Rsync Distributor", RpmTypes.ALL),
            YumDistributor.SERVED,
            List.of("repodata")));
  }
}
