package dev.depot.server.conduit;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.Cursors;
import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.ImporterRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.RunningTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination importer's conduit during a copy. Associations are written in batches of {@link
 * #BATCH} per transaction, so a copy of a million units is a few thousand commits, not a million;
 * {@link #flush()} writes the last batch. Keeps the first {@link #REPORTED} copied units for the
 * task result and counts them all.
 */
public final class TaskImportConduit extends RepositoryConduit implements ImportConduit {
  private static final Logger LOG = LoggerFactory.getLogger(TaskImportConduit.class);

  /** Associations per transaction. */
  static final int BATCH = 500;

  /** Units listed in the task result; the rest are only counted. */
  public static final int REPORTED = 1000;

  private final String sourceRepoId;
  private final ContentStore content;
  private final List<Unit> pending = new ArrayList<>();
  private final List<Map<String, Object>> reported = new ArrayList<>();
  private final Set<String> warnings = new LinkedHashSet<>();
  private long associated;

  /** Scopes the conduit to one copy task. */
  public TaskImportConduit(
      RepositoryServices services,
      RunningTask task,
      String sourceRepoId,
      String destRepoId,
      String importerTypeId) {
    super(services, destRepoId, task, importerTypeId);
    this.sourceRepoId = sourceRepoId;
    this.content = services.content();
  }

  @Override
  public synchronized void associateUnit(Unit unit) {
    Unit stored = unit.id() != null ? unit : findUnit(unit.typeId(), unit.unitKey()).orElseThrow();
    pending.add(stored);
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  /** Writes the pending associations first: the copied build is in before the old one leaves. */
  @Override
  public synchronized void removeUnit(Unit unit) {
    flush();
    units.unassociate(jdbi, repoId, unit);
  }

  /**
   * Writes the associations not yet written. A unit that vanished since the copy read it (removed
   * from the source and cleaned up as an orphan meanwhile) is not copied: the copy takes what the
   * source holds.
   */
  public synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Unit> gone =
        jdbi.inTransaction(
            h -> {
              units.holdOffOrphanRemoval(h);
              return units.associateExisting(h, repoId, pending, Timestamps.now());
            });
    if (!gone.isEmpty()) {
      LOG.info(
          "Copy into {}: {} unit(s) were removed from {} while copying and are not copied",
          repoId,
          gone.size(),
          sourceRepoId);
      pending.removeAll(gone);
    }
    pending.forEach(this::count);
    pending.clear();
    setProgress(Map.of("state", "running", "units_done", associated));
  }

  private void count(Unit u) {
    associated++;
    if (reported.size() < REPORTED) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type_id", u.typeId());
      entry.put("unit_key", u.unitKey());
      reported.add(entry);
    }
  }

  /** Kept for the task's result, each once; at most {@link #REPORTED} of them. */
  @Override
  public synchronized void warn(String message) {
    if (warnings.size() < REPORTED) {
      warnings.add(message);
    }
    LOG.info("Copy into {}: {}", repoId, message);
  }

  /**
   * The copy's result: {@code units_successful} (at most {@link #REPORTED}), their {@code
   * units_successful_count}, and the importer's {@code warnings} when it gave any.
   */
  public synchronized Map<String, Object> result() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("units_successful", List.copyOf(reported));
    result.put("units_successful_count", associated);
    if (!warnings.isEmpty()) {
      result.put("warnings", List.copyOf(warnings));
    }
    return result;
  }

  /** Writes what is pending and reports the copy complete. */
  public synchronized void finish() {
    flush();
    setProgress(Map.of("state", "finished", "units_done", associated));
  }

  @Override
  public Stream<Unit> sourceUnits(UnitCriteria criteria) {
    return Cursors.open(jdbi, h -> units.stream(h, sourceRepoId, criteria));
  }

  @Override
  public Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName) {
    return content.newUnit(typeId, unitKey, metadata, fileName);
  }

  @Override
  public synchronized Unit saveUnit(Unit unit) {
    // Saved and associated at once, not queued: a unit stored but not yet associated is an orphan
    // that a cleanup could take before the queued association is written.
    Unit saved =
        jdbi.inTransaction(
            h -> {
              Instant now = Timestamps.now();
              Unit stored = units.saveWithFiles(h, unit, now);
              units.associate(h, repoId, stored, now);
              return stored;
            });
    count(saved);
    return saved;
  }

  /**
   * Saves or merges the unit and associates it at once, as {@link #saveUnit} does; counted when the
   * copy associates it ({@link #associateUnit}), as every unit it copies.
   */
  @Override
  public synchronized Unit mergeUnit(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    return jdbi.inTransaction(h -> units.mergeInto(h, repoId, unit, merge, Timestamps.now()))
        .unit();
  }

  @Override
  public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
    return jdbi.withHandle(h -> units.find(h, typeId, unitKey));
  }

  @Override
  public Optional<Map<String, Object>> scratchpad() {
    return jdbi.withHandle(h -> repos.importer(h, repoId)).map(ImporterRecord::scratchpad);
  }

  @Override
  public void setScratchpad(Map<String, Object> value) {
    jdbi.useHandle(h -> repos.setImporterScratchpad(h, repoId, value));
  }
}
