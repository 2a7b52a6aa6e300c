package dev.depot.plugins.example;

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
 * {@code memo_rsync_distributor}: the SDK's rsync distributor pushing what a {@code
 * memo_distributor} published, below its {@code relative_url} on the remote.
 */
// tag::rsync-distributor[]
public final class MemoRsyncDistributor extends RsyncDistributor {
  /** The distributor type id. */
  public static final String ID = "memo_rsync_distributor";

  /** As the plugin registry makes it. */
  public MemoRsyncDistributor() {
    super(new Layout());
  }

  private static final class Layout implements RsyncLayout {
    @Override
    public PluginMetadata metadata() {
      return new PluginMetadata(ID, "Memo Rsync Distributor", List.of(MemoTypes.MEMO));
    }

    @Override
    public String predistributorTypeId() {
      return MemoDistributor.ID;
    }

    @Override
    public PublishedTree publishedTree(
        Platform platform, Repository repo, PluginCallConfiguration webConfig) {
      RelativeUrl url = MemoDistributor.SERVED.relativeUrl(repo, webConfig);
      Path tree = MemoDistributor.SERVED.readableLink(platform, url, webConfig);
      return new PublishedTree(tree, url.path());
    }
  }
}
// end::rsync-distributor[]
