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
 * One sync of a note repository: fetch the feed's {@code SHA256SUMS}, then each note the content
 * store lacks, verified against its checksum before it is stored; save the units in batches; with
 * {@code remove_missing}, take out of the repository the notes the feed no longer lists.
 */
final class NoteSync {
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

  NoteSync(Repository repo, SyncConduit conduit, PluginCallConfiguration config, URI feed) {
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
      List<Note> notes = fetchList();
      List<Unit> added = fetchNotes(notes);
      long removed = config.getBoolean("remove_missing", false) ? removeMissing(notes) : 0;
      if (!errors.isEmpty()) {
        return SyncReport.failure(
            errors.size() + " of " + notes.size() + " notes failed: " + errors,
            report("failed"),
            null);
      }
      return SyncReport.success(added.size(), 0, removed, report("complete"), null);
    } catch (CancellationException e) {
      return SyncReport.canceled(report("cancelled"), null);
    } catch (IOException e) {
      return SyncReport.failure(
          "could not read " + feed + Note.INDEX + ": " + e.getMessage(), report("failed"), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SyncReport.canceled(report("cancelled"), null);
    }
  }

  private List<Note> fetchList() throws IOException, InterruptedException {
    report("fetching_list");
    Path list = repo.workingDirectory().orElseThrow().resolve(Note.INDEX);
    downloader.fetch(feed.resolve(Note.INDEX), list);
    return Note.read(list);
  }

  // tag::sync-loop[]
  private List<Unit> fetchNotes(List<Note> notes) throws InterruptedException {
    progress.put("notes_total", notes.size());
    List<Unit> batch = new ArrayList<>();
    List<Unit> added = new ArrayList<>();
    int done = 0;
    try {
      for (Note note : notes) {
        if (cancelled) {
          throw new CancellationException("sync cancelled");
        }
        progress.put("notes_done", done++);
        report("fetching_notes");
        Unit unit = conduit.initUnit(NoteTypes.NOTE, note.unitKey(), Map.of(), note.name());
        // A note another repository brought is stored already: only associate it.
        if (!Files.isRegularFile(unit.storagePath())) {
          try {
            var expected = new Downloader.Expected(-1, note.sha256());
            downloader.fetch(feed.resolve(note.name()), unit.storagePath(), expected, bytes -> {});
          } catch (DownloadFailure e) {
            errors.put(note.name(), e.getMessage()); // the others are still worth syncing
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
    progress.put("notes_done", done);
    return added;
  }

  // end::sync-loop[]

  /** Unassociates the notes the feed no longer lists; they stay stored until an orphan cleanup. */
  private long removeMissing(List<Note> notes) {
    Set<Note> listed = new HashSet<>(notes);
    List<Unit> gone;
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(NoteTypes.NOTE))) {
      gone = units.filter(unit -> !listed.contains(Note.of(unit))).toList();
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
