package dev.depot.plugins.example;

import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.feed.FeedImporter;
import dev.depot.publish.feed.FeedSettings;
import dev.depot.publish.sync.FileFetch;
import dev.depot.publish.sync.MissingUnits;
import dev.depot.publish.sync.SyncProgress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * One sync of a memo repository: fetch the feed's {@code SHA256SUMS}, then each memo the content
 * store lacks, {@code num_threads} at a time, verified against its checksum before it is stored;
 * with {@code remove_missing}, take out of the repository the memos the feed no longer lists.
 */
final class MemoSync implements FeedImporter.Sync {
  private final Repository repo;
  private final SyncConduit conduit;
  private final FeedSettings feed;
  private final Downloader downloader;
  private final SyncProgress progress;
  private final FileFetch fetch;

  MemoSync(Repository repo, SyncConduit conduit, FeedSettings feed) {
    this.repo = repo;
    this.conduit = conduit;
    this.feed = feed;
    this.downloader = new Downloader(feed.downloads(), feed.fileFeedRoot());
    // tag::progress[]
    // Counts files and bytes, the speed and the failed files; reports a few times a second.
    this.progress = new SyncProgress(conduit);
    // end::progress[]
    this.fetch = new FileFetch(conduit, downloader, progress, feed, u -> Memo.of(u).name());
  }

  @Override
  public void cancel() {
    fetch.cancel(); // wakes downloads blocked on the network
  }

  @Override
  public SyncReport run() throws IOException, InterruptedException {
    try (downloader;
        fetch) {
      URI dir = feed.requireFeedDirectory();
      progress.state("fetching_list");
      Path list = repo.workingDirectory().orElseThrow().resolve(Memo.INDEX);
      List<Memo> memos;
      try {
        downloader.fetch(dir.resolve(Memo.INDEX), list);
        memos = Memo.read(list);
      } catch (IOException e) { // unreachable, or not a list of memos
        return progress.failure("failed", "could not read " + Memo.INDEX + ": " + e.getMessage());
      }
      fetchMemos(dir, memos);
      if (fetch.cancelled()) {
        return progress.cancelled("cancelled");
      }
      Set<Memo> listed = Set.copyOf(memos);
      long removed =
          feed.removeMissing()
              ? MissingUnits.remove(conduit, MemoTypes.MEMO, u -> listed.contains(Memo.of(u)))
              : 0;
      return progress.errorCount() > 0
          ? progress.filesFailed("failed")
          : progress.success("complete", removed);
    } catch (CancellationException e) {
      return progress.cancelled("cancelled");
    }
  }

  // tag::sync-loop[]
  private void fetchMemos(URI dir, List<Memo> memos) throws InterruptedException {
    progress.planned(memos.size(), 0); // SHA256SUMS gives no sizes
    progress.state("fetching_memos");
    try {
      for (Memo memo : memos) {
        // Stored already (another repository brought it): only associated. Otherwise downloaded,
        // checked against its SHA-256, moved into place and saved in batches.
        fetch.submit(
            new FileFetch.Wanted(
                MemoTypes.MEMO,
                memo.unitKey(),
                Map.of(),
                memo.name(),
                memo.name(),
                -1,
                memo.sha256(),
                new FileFetch.Url(FeedSettings.fileUrl(dir, memo.name()))));
      }
    } catch (CancellationException e) {
      // Stop listing; the downloads in flight end as the downloader refuses them.
    } finally {
      fetch.close(); // waits for the downloads in flight and saves what finished
    }
  }
  // end::sync-loop[]
}
