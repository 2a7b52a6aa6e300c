package dev.depot.plugins.file;

import dev.depot.plugin.PluginMetadata;
import dev.depot.publish.rsync.RsyncDistributor;
import dev.depot.publish.rsync.RsyncLayout;
import java.util.List;

/**
 * Pulp's {@code iso_rsync_distributor}: the generic {@link RsyncDistributor} pushing {@code iso}
 * unit files and what an {@code iso_distributor} published, below its {@code relative_url}.
 */
public final class IsoRsyncDistributor extends RsyncDistributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "iso_rsync_distributor";

  /** As the plugin registry makes it. */
  public IsoRsyncDistributor() {
    super(
        RsyncLayout.ofServedTree(
            new PluginMetadata(ID, "ISO Rsync Distributor", List.of(FileContentTypes.ISO)),
            IsoDistributor.SERVED));
  }
}
