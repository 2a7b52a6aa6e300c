package dev.depot.plugins.example;

import dev.depot.plugin.PluginMetadata;
import dev.depot.publish.rsync.RsyncDistributor;
import dev.depot.publish.rsync.RsyncLayout;
import java.util.List;

/**
 * {@code memo_rsync_distributor}: the SDK's rsync distributor pushing what a {@code
 * memo_distributor} published, below its {@code relative_url} on the remote.
 */
// tag::rsync-distributor[]
public final class MemoRsyncDistributor extends RsyncDistributor {
  /** The distributor type id. */
  public static final String ID = "memo_rsync_distributor";

  /** As the plugin registry makes it. */
  public MemoRsyncDistributor() {
    super(
        RsyncLayout.ofServedTree(
            new PluginMetadata(ID, "Memo Rsync Distributor", List.of(MemoTypes.MEMO)),
            MemoDistributor.SERVED));
  }
}
// end::rsync-distributor[]
