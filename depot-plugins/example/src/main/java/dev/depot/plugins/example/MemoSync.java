package dev.depot.plugins.example;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.DownloadSettings;
import dev.depot.publish.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One sync of a memo repository: fetch the feed's {@code SHA256SUMS}, then each memo the content
 * store lacks, verified against its checksum before it is stored; save the units in batches; with
 * {@code remove_missing}, take out of the repository the memos the feed no longer lists.
 */
final class MemoSync {
  /** Units saved per database transaction. */
  private static final int BATCH = 200;

  private final Repository repo;
  private final SyncConduit conduit;
  private final PluginCallConfiguration config;
  private final URI feed;
  private final Downloader downloader;
  private final Map<String, Object> progress = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();
  private volatile boolean cancelled;

  MemoSync(Repository repo, SyncConduit conduit, PluginCallConfiguration config, URI feed) {
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
    this.feed = feed.toString().endsWith("/") ? feed : URI.create(feed + "/");
    Path root = feed.getScheme().equals("file") ? Path.of(this.feed) : null;
    this.downloader = new Downloader(DownloadSettings.defaults(), root);
  }

  void cancel() {
    cancelled = true;
    downloader.cancel(); // wakes a download blocked on the network
  }

  SyncReport run() {
    try (downloader) {
      List<Memo> memos = fetchList();
      List<Unit> added = fetchMemos(memos);
      long removed = config.getBoolean("remove_missing", false) ? removeMissing(memos) : 0;
      if (!errors.isEmpty()) {
        return SyncReport.failure(
            errors.size() + " of " + memos.size() + " memos failed: " + errors,
            report("failed"),
            null);
      }
      return SyncReport.success(added.size(), 0, removed, report("complete"), null);
    } catch (CancellationException e) {
      return SyncReport.canceled(report("cancelled"), null);
    } catch (IOException e) {
      return SyncReport.failure(
          "could not read " + feed + Memo.INDEX + ": " + e.getMessage(), report("failed"), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SyncReport.canceled(report("cancelled"), null);
    }
  }

  private List<Memo> fetchList() throws IOException, InterruptedException {
    report("fetching_list");
    Path list = repo.workingDirectory().orElseThrow().resolve(Memo.INDEX);
    downloader.fetch(feed.resolve(Memo.INDEX), list);
    return Memo.read(list);
  }

  // tag::sync-loop[]
  private List<Unit> fetchMemos(List<Memo> memos) throws InterruptedException {
    progress.put("memos_total", memos.size());
    List<Unit> batch = new ArrayList<>();
    List<Unit> added = new ArrayList<>();
    int done = 0;
    try {
      for (Memo memo : memos) {
        if (cancelled) {
          throw new CancellationException("sync cancelled");
        }
        progress.put("memos_done", done++);
        report("fetching_memos");
        Unit unit = conduit.initUnit(MemoTypes.MEMO, memo.unitKey(), Map.of(), memo.name());
        // A memo another repository brought is stored already: only associate it.
        if (!Files.isRegularFile(unit.storagePath())) {
          try {
            var expected = new Downloader.Expected(-1, memo.sha256());
            downloader.fetch(feed.resolve(memo.name()), unit.storagePath(), expected, bytes -> {});
          } catch (DownloadFailure e) {
            errors.put(memo.name(), e.getMessage()); // the others are still worth syncing
            continue;
          }
        }
        batch.add(unit);
        if (batch.size() == BATCH) {
          added.addAll(conduit.saveUnits(batch));
          batch.clear();
        }
      }
    } finally {
      added.addAll(conduit.saveUnits(batch)); // what was fetched is kept, even when cancelled
    }
    progress.put("memos_done", done);
    return added;
  }

  // end::sync-loop[]

  /** Unassociates the memos the feed no longer lists; they stay stored until an orphan cleanup. */
  private long removeMissing(List<Memo> memos) {
    Set<Memo> listed = new HashSet<>(memos);
    List<Unit> gone;
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(MemoTypes.MEMO))) {
      gone = units.filter(unit -> !listed.contains(Memo.of(unit))).toList();
    }
    gone.forEach(conduit::removeUnit);
    return gone.size();
  }

  // tag::progress[]
  /** Reports the state with the counts so far; the platform stores the latest on the task. */
  private Map<String, Object> report(String state) {
    progress.put("state", state);
    progress.put("errors", Map.copyOf(errors));
    Map<String, Object> snapshot = Map.copyOf(progress);
    conduit.setProgress(snapshot);
    return snapshot;
  }
  // end::progress[]
}
