package dev.depot.server.conduit;

import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.UnitStore;
import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.ImporterRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.RunningTask;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

/**
 * The sync conduit of one sync task. Counts what it adds and removes, so the platform can report it
 * whatever the plugin says. Progress is reported under the importer type id.
 */
public final class TaskSyncConduit extends RepositoryConduit implements SyncConduit {
  private final ContentStore content;
  private final AtomicLong added = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final AtomicLong updated = new AtomicLong();

  /** Scopes the conduit to one repository's importer and one task. */
  public TaskSyncConduit(
      RepositoryServices services, RunningTask task, String repoId, String importerTypeId) {
    super(services, repoId, task, importerTypeId);
    this.content = services.content();
  }

  @Override
  public Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName) {
    return content.newUnit(typeId, unitKey, metadata, fileName);
  }

  @Override
  public Unit saveUnit(Unit unit) {
    return jdbi.inTransaction(
        h -> {
          Instant now = Timestamps.now();
          Unit saved = units.saveWithFiles(h, unit, now);
          if (units.associate(h, repoId, saved, now)) {
            added.incrementAndGet();
          }
          return saved;
        });
  }

  @Override
  public List<Unit> saveUnits(List<Unit> batch) {
    return jdbi.inTransaction(
        h -> {
          Instant now = Timestamps.now();
          List<Unit> saved = units.saveAllWithFiles(h, batch, now);
          added.addAndGet(units.associateAll(h, repoId, saved, now));
          return saved;
        });
  }

  @Override
  public Unit replaceUnit(Unit unit) {
    return counted(jdbi.inTransaction(h -> units.replaceInto(h, repoId, unit, Timestamps.now())));
  }

  @Override
  public Unit mergeUnit(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    return counted(
        jdbi.inTransaction(h -> units.mergeInto(h, repoId, unit, merge, Timestamps.now())));
  }

  /** Counted once committed: a transaction run again would count twice from inside. */
  private Unit counted(UnitStore.MergeResult result) {
    if (result.added()) {
      added.incrementAndGet();
    }
    if (result.updated()) {
      updated.incrementAndGet();
    }
    return result.unit();
  }

  @Override
  public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
    return jdbi.withHandle(h -> units.find(h, typeId, unitKey));
  }

  @Override
  public Map<Map<String, Object>, Unit> findUnits(
      String typeId, Collection<Map<String, Object>> unitKeys) {
    return jdbi.withHandle(h -> units.findAll(h, typeId, unitKeys));
  }

  @Override
  public void removeUnit(Unit unit) {
    if (units.unassociate(jdbi, repoId, unit)) {
      removed.incrementAndGet();
    }
  }

  @Override
  public Optional<Instant> lastSync() {
    return importer().map(ImporterRecord::lastSync);
  }

  private Optional<ImporterRecord> importer() {
    return jdbi.withHandle(h -> repos.importer(h, repoId));
  }

  @Override
  public Optional<Map<String, Object>> scratchpad() {
    return importer().map(ImporterRecord::scratchpad);
  }

  @Override
  public void setScratchpad(Map<String, Object> value) {
    jdbi.useHandle(h -> repos.setImporterScratchpad(h, repoId, value));
  }

  /** Units newly associated by this sync. */
  public long addedCount() {
    return added.get();
  }

  /** Stored units whose metadata this sync's merges changed. */
  public long updatedCount() {
    return updated.get();
  }

  /** Units unassociated by this sync. */
  public long removedCount() {
    return removed.get();
  }
}
