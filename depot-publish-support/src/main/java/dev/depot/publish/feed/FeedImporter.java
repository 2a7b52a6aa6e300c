package dev.depot.publish.feed;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.cancel.Cancellation;
import java.io.IOException;

/**
 * An importer syncing from a remote feed, configured by {@link FeedKeys}: it refuses bad values and
 * unknown keys naming the key, hands each sync the parsed {@link FeedSettings}, and forwards a
 * cancel to the sync running (or to the next one, when the cancel came first). A type writes its
 * sync.
 */
public abstract class FeedImporter implements Importer {
  /** One sync, which the platform may cancel from another thread. */
  public interface Sync {
    /** Syncs, to the report. */
    SyncReport run() throws IOException, InterruptedException;

    /** Stops the sync soon; what finished is kept. */
    void cancel();
  }

  private final Cancellation cancellation = new Cancellation();
  private final FeedKeys keys;

  /** An importer taking {@code keys} and no other. */
  protected FeedImporter(FeedKeys keys) {
    this.keys = keys;
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    return keys.validate(config);
  }

  /** The sync {@link #syncRepo} runs. */
  protected abstract Sync newSync(Repository repo, SyncConduit conduit, FeedSettings feed);

  /**
   * The sync {@link #syncRepo} runs, for a type whose own keys (beyond the shared feed keys) shape
   * it: override this one to read them from {@code config}. The default calls {@link
   * #newSync(Repository, SyncConduit, FeedSettings)}.
   */
  protected Sync newSync(
      Repository repo, SyncConduit conduit, FeedSettings feed, PluginCallConfiguration config) {
    return newSync(repo, conduit, feed);
  }

  @Override
  public final SyncReport syncRepo(
      Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    Sync sync = newSync(repo, conduit, keys.settings(config), config);
    return cancellation.run(sync::cancel, sync::run, () -> SyncReport.canceled("cancelled", null));
  }

  @Override
  public final void cancelSyncRepo() {
    cancellation.cancel();
  }
}
