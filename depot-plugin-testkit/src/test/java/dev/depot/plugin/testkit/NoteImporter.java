package dev.depot.plugin.testkit;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An importer of {@code note} units written against the plugin API alone, syncing from a feed
 * directory whose {@code MANIFEST} lists {@code name,sha256,size} per file, the way {@link
 * SyncContract} wants. Built with a {@link Flaw}, it breaks one promise of the contract, so the
 * contract's own tests can show each check failing.
 */
public final class NoteImporter implements Importer {
  /** One way of breaking the sync contract. */
  enum Flaw {
    NONE,
    SKIPS_CHECKSUMS,
    REPORTS_NO_PROGRESS,
    DOWNLOADS_AGAIN,
    IGNORES_CANCEL,
    UPLOAD_SKIPS_CHECKSUM,
    UPLOAD_STORES_AGAIN
  }

  private static final Set<String> KEYS = Set.of("feed");

  private final Flaw flaw;
  private volatile boolean cancelled;

  /** The well-behaved importer, as ServiceLoader creates it. */
  public NoteImporter() {
    this(Flaw.NONE);
  }

  NoteImporter(Flaw flaw) {
    this.flaw = flaw;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("note_importer", "Note Importer", List.of(NoteDistributor.TYPE));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    String feed = config.getString("feed").orElse("http://localhost/");
    return feed.startsWith("http://") || feed.startsWith("https://")
        ? ValidationResult.valid()
        : ValidationResult.invalid("feed must be an http:// or https:// URL", "feed");
  }

  @Override
  public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    URI feed = URI.create(config.getString("feed").orElseThrow());
    try (HttpClient http = HttpClient.newHttpClient()) {
      List<String[]> entries = new ArrayList<>();
      for (String line : get(http, feed.resolve("MANIFEST")).split("\n")) {
        if (!line.isBlank()) {
          entries.add(line.split(","));
        }
      }
      Map<String, Object> progress = new LinkedHashMap<>();
      progress.put("files_total", entries.size());
      List<String> failed = new ArrayList<>();
      int done = 0;
      for (String[] entry : entries) {
        if (cancelled && flaw != Flaw.IGNORES_CANCEL) {
          return SyncReport.canceled(progress, null);
        }
        if (!syncOne(http, repo, conduit, feed, entry)) {
          failed.add(entry[0]);
        }
        progress.put("files_done", ++done);
        if (flaw != Flaw.REPORTS_NO_PROGRESS) {
          conduit.setProgress(Map.copyOf(progress));
        }
      }
      return failed.isEmpty()
          ? SyncReport.success(entries.size(), 0, 0, progress, null)
          : SyncReport.failure("checksum mismatch: " + failed, progress, null);
    } catch (IOException e) {
      return SyncReport.failure(e.toString(), null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SyncReport.canceled(null, null);
    }
  }

  private boolean syncOne(
      HttpClient http, Repository repo, SyncConduit conduit, URI feed, String[] entry)
      throws IOException, InterruptedException {
    Unit unit =
        conduit.initUnit(
            NoteDistributor.TYPE,
            Map.of("name", entry[0], "checksum", entry[1]),
            Map.of(),
            entry[0]);
    if (flaw == Flaw.DOWNLOADS_AGAIN || !Files.isRegularFile(unit.storagePath())) {
      Path temp = Files.createTempFile(repo.workingDirectory().orElseThrow(), "dl-", "");
      http.send(
          HttpRequest.newBuilder(feed.resolve(entry[0])).build(),
          HttpResponse.BodyHandlers.ofFile(temp));
      if (flaw != Flaw.SKIPS_CHECKSUMS
          && !InMemoryContent.sha256(Files.readAllBytes(temp)).equals(entry[1])) {
        return false;
      }
      Files.createDirectories(unit.storagePath().getParent());
      Files.move(temp, unit.storagePath(), StandardCopyOption.REPLACE_EXISTING);
    }
    conduit.saveUnit(unit);
    return true;
  }

  @Override
  public void cancelSyncRepo() {
    cancelled = true;
  }

  /** Stores the upload under its key unless a unit with that key is stored already. */
  @Override
  public UploadReport uploadUnit(
      Repository repo,
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      Path file,
      UploadConduit conduit,
      PluginCallConfiguration config) {
    try {
      String sha = InMemoryContent.sha256(Files.readAllBytes(file));
      if (flaw != Flaw.UPLOAD_SKIPS_CHECKSUM && !sha.equals(unitKey.get("checksum"))) {
        return UploadReport.failure("checksum does not match the file", null);
      }
      Unit unit = conduit.initUnit(typeId, unitKey, metadata, String.valueOf(unitKey.get("name")));
      Path target = unit.storagePath();
      if (flaw == Flaw.UPLOAD_STORES_AGAIN && Files.exists(target)) {
        target = target.resolveSibling(target.getFileName() + "-" + System.nanoTime());
      }
      if (conduit.findUnit(typeId, unitKey).isEmpty() || flaw == Flaw.UPLOAD_STORES_AGAIN) {
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
      conduit.saveUnit(unit);
      return UploadReport.success(unitKey, null);
    } catch (IOException e) {
      return UploadReport.failure(e.toString(), null);
    }
  }

  private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
