package dev.depot.plugins.example;

import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.publish.feed.FeedImporter;
import dev.depot.publish.feed.FeedKeys;
import dev.depot.publish.feed.FeedSettings;
import java.util.List;

/**
 * {@code memo_importer}: syncs a repository from a feed directory ({@code http://}, {@code
 * https://} or {@code file://}) holding a {@code SHA256SUMS} list of memos. See {@link MemoSync}
 * for the sync itself.
 */
// tag::importer[]
public final class MemoImporter extends FeedImporter {
  /** The importer type id. */
  public static final String ID = "memo_importer";

  /**
   * As the plugin registry makes it. It takes the keys every remote-fed type shares (feed,
   * remove_missing, num_threads, max_speed, validate, ssl_*, proxy_*, basic_auth_*) and refuses any
   * other, naming it, so a typo never goes unnoticed.
   */
  public MemoImporter() {
    super(FeedKeys.standard());
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Memo Importer", List.of(MemoTypes.MEMO));
  }

  @Override
  protected Sync newSync(Repository repo, SyncConduit conduit, FeedSettings feed) {
    return new MemoSync(repo, conduit, feed);
  }
}
// end::importer[]
