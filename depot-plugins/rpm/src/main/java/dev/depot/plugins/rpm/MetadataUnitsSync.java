package dev.depot.plugins.rpm;

import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.sync.SyncProgress;
import dev.depot.publish.sync.UnitBatch;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The errata (updateinfo), modules and comps steps of a yum sync, after the packages: each file
 * repomd.xml names is fetched, checked against its digest, streamed, and each advisory or comps
 * entry checked as an upload would be and saved in batches. An entry that fails its checks is named
 * in the report; the others are kept. An erratum Depot holds already takes what its source amended
 * ({@link ErratumMerge}).
 */
final class MetadataUnitsSync {
  private final Repository repo;
  private final SyncConduit conduit;
  private final Downloader downloader;
  private final SyncProgress progress;
  private final YumSyncReport report;
  private final Set<String> skip;

  /**
   * Ids of the errata read so far, and the advisories the feed lists again under one of them
   * (SUSE's updateinfo lists an advisory once per product): the batch may not have saved the first
   * yet, so the repeats are merged into it once it has.
   */
  private final Set<String> erratumIds = new HashSet<>();

  private final List<Unit> repeatedErrata = new ArrayList<>();

  /** How many errata {@link #saveErrata} looks up at once. */
  private static final int ERRATA_LOOKED_UP = 500;

  private final List<Unit> pendingErrata = new ArrayList<>();

  /** The modules whose modulemd-defaults document was read: a second one is not kept. */
  private final Set<String> defaultsRead = new HashSet<>();

  /** What the feed's files listed, for {@code remove_missing}. */
  private final ListedKeys listed = new ListedKeys();

  MetadataUnitsSync(
      Repository repo,
      SyncConduit conduit,
      Downloader downloader,
      SyncProgress progress,
      YumSyncReport report,
      Set<String> skip) {
    this.repo = repo;
    this.conduit = conduit;
    this.downloader = downloader;
    this.progress = progress;
    this.report = report;
    this.skip = skip;
  }

  void run(URI feedDir, Path work, RemoteRepomd repomd) throws InterruptedException {
    if (skip.contains(RpmTypes.ERRATUM)) {
      report.errata("SKIPPED");
    } else {
      report.errata(
          step(
              feedDir, work, RepomdTypes.recordFor(repomd, RepomdTypes.Step.ERRATA), this::errata));
      repeatedErrata.forEach(this::mergeErratum);
      repeatedErrata.clear();
    }
    if (skip.contains(RpmTypes.MODULEMD) && skip.contains(RpmTypes.MODULEMD_DEFAULTS)) {
      report.modules("SKIPPED");
    } else {
      report.modules(
          step(
              feedDir,
              work,
              RepomdTypes.recordFor(repomd, RepomdTypes.Step.MODULES),
              this::modules));
    }
    if (skip.containsAll(RpmTypes.COMPS)) {
      report.comps("SKIPPED");
    } else {
      report.comps(
          step(feedDir, work, RepomdTypes.recordFor(repomd, RepomdTypes.Step.COMPS), this::comps));
    }
  }

  private interface Reading {
    void read(InputStream in, UnitBatch saver) throws IOException;
  }

  /** Fetches, checks and reads one metadata file; answers the step's final state. */
  private String step(URI feedDir, Path work, Optional<RemoteRepomd.Record> record, Reading reading)
      throws InterruptedException {
    if (record.isEmpty()) {
      return "FINISHED"; // the feed has none: nothing to bring
    }
    String href = record.get().href();
    Path file = work.resolve(href.substring(href.lastIndexOf('/') + 1));
    try (UnitBatch saver = new UnitBatch(conduit, unit -> progress.unsaved(idOf(unit), "gone"))) {
      MetadataFiles.fetchVerified(downloader, feedDir, record.get(), file);
      try (InputStream in = MetadataFiles.open(file, href)) {
        reading.read(in, saver);
      }
      return "FINISHED";
    } catch (DownloadFailure e) {
      progress.failed(href, e);
    } catch (IOException e) {
      progress.failed(href, e.getMessage());
    }
    return "FAILED";
  }

  private void errata(InputStream in, UnitBatch saver) throws IOException {
    try {
      UpdateinfoReader.forEach(
          in,
          advisory -> save(saver, RpmTypes.ERRATUM, key(advisory.id(), null), advisory.metadata()));
    } finally {
      saveErrata(saver); // those read before a broken entry too, as the batch keeps its own
    }
  }

  /**
   * Takes an erratum for {@link #saveErrata}, which runs every {@link #ERRATA_LOOKED_UP} of them:
   * the held ones are looked up together (a RHEL updateinfo lists thousands, and one query each
   * took about 0.3 ms apiece on H2).
   */
  private void saveErratum(UnitBatch saver, Unit erratum) {
    listed.add(erratum.typeId(), erratum.unitKey());
    if (!erratumIds.add(String.valueOf(erratum.unitKey().get("id")))) {
      repeatedErrata.add(erratum);
      return;
    }
    pendingErrata.add(erratum);
    if (pendingErrata.size() >= ERRATA_LOOKED_UP) {
      saveErrata(saver);
    }
  }

  /**
   * Saves the errata taken so far: in the batch where the one held under its id (if any) stays as
   * it is, else merged into it ({@link ErratumMerge}) in a transaction of its own. Advisories a
   * source amends are few, so most cost the batch and their share of one lookup.
   */
  private void saveErrata(UnitBatch saver) {
    Map<Map<String, Object>, Unit> held =
        conduit.findUnits(RpmTypes.ERRATUM, pendingErrata.stream().map(Unit::unitKey).toList());
    for (Unit erratum : pendingErrata) {
      Unit stored = held.get(erratum.unitKey());
      if (stored == null || !ErratumMerge.changes(stored.metadata(), erratum.metadata())) {
        add(saver, erratum);
      } else {
        mergeErratum(erratum);
      }
    }
    pendingErrata.clear();
  }

  /**
   * Merges an erratum into the held one in a transaction of its own, counted when that changed it:
   * judged by the merge itself, on the unit as the platform locked it, not by a lookup before.
   */
  private void mergeErratum(Unit erratum) {
    boolean[] changed = {false}; // set, not counted: the platform may run the merge again
    conduit.mergeUnit(
        erratum,
        (stored, synced) -> {
          Map<String, Object> kept = ErratumMerge.merge(stored, synced);
          changed[0] = kept != stored;
          return kept;
        });
    if (changed[0]) {
      report.erratumUpdated();
    }
  }

  private void comps(InputStream in, UnitBatch saver) throws IOException {
    CompsReader.forEach(
        in,
        entry -> {
          if (skip.contains(entry.typeId())) {
            return;
          }
          if (entry.typeId().equals(RpmTypes.LANGPACKS)) {
            saveLangpacks(saver, entry.metadata());
          } else {
            save(saver, entry.typeId(), key(entry.id(), repo.id()), entry.metadata());
          }
        });
  }

  private void modules(InputStream in, UnitBatch saver) throws IOException {
    ModulesYaml.forEach(
        in,
        doc -> {
          ModuleUnits.ModuleUnit unit;
          try {
            unit = ModuleUnits.of(doc, repo.id());
          } catch (IllegalArgumentException e) {
            progress.failed("modules.yaml", e.getMessage());
            return;
          }
          if (skip.contains(unit.typeId())) {
            return;
          }
          if (unit.typeId().equals(RpmTypes.MODULEMD_DEFAULTS)
              && !defaultsRead.add(String.valueOf(unit.key().get("module")))) {
            // One defaults unit per module and repository: the first is kept, as it was, but no
            // longer silently (dnf would take either; the feed is at fault).
            progress.warn(
                "modules.yaml holds more than one modulemd-defaults document for module "
                    + unit.key().get("module")
                    + "; the first is kept");
            return;
          }
          add(saver, conduit.initUnit(unit.typeId(), unit.key(), unit.metadata(), null));
        },
        // Kinds Pulp 2 had no type for: named, so a mirror does not lose them unawares.
        kind -> report.notSyncedToo("modules.yaml " + kind));
  }

  private void add(UnitBatch saver, Unit unit) {
    listed.add(unit.typeId(), unit.unitKey());
    try {
      saver.add(unit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while saving " + unit.typeId(), e);
    }
  }

  private void save(
      UnitBatch saver, String typeId, Map<String, Object> key, Map<String, Object> listed) {
    Map<String, Object> metadata;
    try {
      if (key.get("id") == null) {
        throw new IllegalArgumentException("an entry has no id");
      }
      metadata =
          RpmTypes.ERRATUM.equals(typeId)
              ? ErratumFields.check(listed)
              : CompsFields.check(typeId, listed);
    } catch (IllegalArgumentException e) {
      progress.failed(typeId + " " + key.get("id"), e.getMessage());
      return;
    }
    Unit unit = conduit.initUnit(typeId, key, metadata, null);
    if (RpmTypes.ERRATUM.equals(typeId)) {
      saveErratum(saver, unit);
    } else {
      add(saver, unit);
    }
  }

  /** The repository's langpacks: keyed by the repository alone, as in Pulp. */
  private void saveLangpacks(UnitBatch saver, Map<String, Object> listed) {
    Map<String, Object> metadata;
    try {
      metadata = CompsFields.check(RpmTypes.LANGPACKS, listed);
    } catch (IllegalArgumentException e) {
      progress.failed(RpmTypes.LANGPACKS, e.getMessage());
      return;
    }
    add(saver, conduit.initUnit(RpmTypes.LANGPACKS, Map.of("repo_id", repo.id()), metadata, null));
  }

  /**
   * With {@code remove_missing}, after steps that all succeeded: takes out of the repository its
   * errata, comps and module units (of the types not skipped) that the feed's files no longer list,
   * as Pulp removes missing units of every type it syncs.
   *
   * @return how many left
   */
  long removeMissing() {
    List<String> types = new ArrayList<>(List.of(RpmTypes.ERRATUM));
    types.addAll(RpmTypes.COMPS);
    types.addAll(List.of(RpmTypes.MODULEMD, RpmTypes.MODULEMD_DEFAULTS));
    types.removeAll(skip);
    return listed.removeUnlisted(conduit, types);
  }

  private static Map<String, Object> key(String id, String repoId) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("id", id);
    if (repoId != null) {
      key.put("repo_id", repoId);
    }
    return key;
  }

  private static String idOf(Unit unit) {
    Object id = unit.unitKey().get("id"); // the langpacks have none: the repository's own
    return unit.typeId() + " " + (id != null ? id : "of " + unit.unitKey().get("repo_id"));
  }
}
