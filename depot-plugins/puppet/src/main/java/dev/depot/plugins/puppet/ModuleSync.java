package dev.depot.plugins.puppet;

import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.publish.feed.FeedImporter;
import dev.depot.publish.feed.FeedSettings;
import java.util.List;

/** One sync of a puppet repository. Not written yet: it answers a failure saying so. */
final class ModuleSync implements FeedImporter.Sync {
  ModuleSync(Repository repo, SyncConduit conduit, FeedSettings feed, List<String> queries) {}

  @Override
  public SyncReport run() {
    return SyncReport.failure("puppet sync is not built yet", null);
  }

  @Override
  public void cancel() {}
}
