package dev.depot.server.example;

import dev.depot.plugin.ConfigValueException;
import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The example importer: shows a plugin writer the smallest useful importer. Its config has one
 * optional key, {@code notes_per_sync} (a positive number); anything else is refused, naming the
 * key. A sync "downloads" that many notes, numbered after those already in the repository,
 * reporting progress and stopping when cancelled. Listed in {@code
 * META-INF/services/dev.depot.plugin.Importer}.
 */
public final class EchoImporter implements Importer {
  // "fail" (a boolean) makes a sync fail, for the server's tests.
  private static final Set<String> KEYS =
      Set.of(
          "notes_per_sync",
          // Notes saved per transaction (saveUnits); 1, the default, saves them one by one.
          "notes_per_batch",
          "fail",
          "crash",
          "out_of_memory",
          "pause_millis",
          "pause_after_millis",
          // importerRemoved waits while removed_pause_file exists, then writes removed_mark.
          "removed_pause_file",
          "removed_mark",
          // importerAdded creates state_file (importerRemoved deletes it), or refuses with
          // refuse_add: the set-up a replacement must not lose when it fails.
          "state_file",
          "refuse_add",
          // Taken and ignored: a feed and its credentials, as real importers store them.
          "feed",
          "basic_auth_password");

  // Set from another thread by cancelSyncRepo; the sync loop checks it between units.
  private volatile boolean cancelled;

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("echo_importer", "Echo Importer", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    try {
      config.getBoolean("fail"); // read now: a bad value would only fail the sync later
      long perSync = config.getLong("notes_per_sync").orElse(1L);
      if (perSync < 1) {
        return ValidationResult.invalid("notes_per_sync must be positive", "notes_per_sync");
      }
      if (config.getLong("notes_per_batch").orElse(1L) < 1) {
        return ValidationResult.invalid("notes_per_batch must be positive", "notes_per_batch");
      }
    } catch (ConfigValueException e) {
      return ValidationResult.invalid(e.getMessage(), e.key());
    }
    return ValidationResult.valid();
  }

  @Override
  public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    if (config.getBoolean("fail", false)) {
      return SyncReport.failure("asked to fail", null);
    }
    if (config.getBoolean("crash", false)) { // as a plugin built against another SDK would
      throw new NoSuchMethodError("dev.depot.plugin.Example.gone()");
    }
    if (config.getBoolean("out_of_memory", false)) { // as a sync reading a hostile feed whole would
      throw new OutOfMemoryError("Java heap space");
    }
    if (config.getBoolean("fail_without_reason", false)) {
      return SyncReport.failure(Map.of("asked", "to fail"), null);
    }
    try {
      // A slow sync: holds the repository's reservation so tests can queue work behind it.
      Thread.sleep(config.getLong("pause_millis").orElse(0L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SyncReport.canceled("interrupted while pausing", null);
    }
    long wanted = config.getLong("notes_per_sync").orElse(1L);
    long existing = repo.contentUnitCounts().getOrDefault("note", 0L);
    long perBatch = config.getLong("notes_per_batch").orElse(1L);
    for (long i = 0; i < wanted; ) {
      if (cancelled) {
        return SyncReport.canceled("cancelled after " + i + " notes", null);
      }
      List<Unit> batch = new java.util.ArrayList<>();
      for (long end = Math.min(wanted, i + perBatch); i < end; i++) {
        String title = "note-" + (existing + i);
        batch.add(conduit.initUnit("note", Map.of("title", title), Map.of("body", "hello"), null));
      }
      if (batch.size() == 1) {
        conduit.saveUnit(batch.get(0));
      } else {
        conduit.saveUnits(batch);
      }
      conduit.setProgress(Map.of("state", "running", "done", i, "total", wanted));
    }
    try {
      // A sync that saved its notes and has not ended: tests kill its process here.
      Thread.sleep(config.getLong("pause_after_millis").orElse(0L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SyncReport.canceled("interrupted after saving", null);
    }
    conduit.setProgress(Map.of("state", "complete", "done", wanted, "total", wanted));
    return SyncReport.success(wanted, 0, 0, Map.of("notes", wanted), null);
  }

  @Override
  public void cancelSyncRepo() {
    cancelled = true;
  }

  /**
   * Sets up: for the server's tests, creates the file {@code state_file} names, as a plugin keeping
   * state per repository would; refuses when {@code refuse_add} is true.
   */
  @Override
  public void importerAdded(Repository repo, PluginCallConfiguration config) {
    if (config.getBoolean("refuse_add", false)) {
      throw new IllegalStateException("asked to refuse being added to " + repo.id());
    }
    try {
      Optional<String> state = config.getString("state_file");
      if (state.isPresent()) {
        Files.writeString(Path.of(state.get()), repo.id());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Cleans up: for the server's tests, waits while the file {@code removed_pause_file} names exists
   * (up to a minute, so a test can kill the server there), then writes {@code removed_mark}.
   */
  @Override
  public void importerRemoved(Repository repo, PluginCallConfiguration config) {
    Optional<Path> pause = config.getString("removed_pause_file").map(Path::of);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    try {
      while (pause.isPresent() && Files.exists(pause.get()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Optional<String> state = config.getString("state_file");
      if (state.isPresent()) {
        Files.deleteIfExists(Path.of(state.get()));
      }
      Optional<String> mark = config.getString("removed_mark");
      if (mark.isPresent()) {
        Files.writeString(Path.of(mark.get()), repo.id());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
