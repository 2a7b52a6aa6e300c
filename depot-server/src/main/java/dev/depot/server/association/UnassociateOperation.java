package dev.depot.server.association;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.server.content.Cursors;
import dev.depot.server.content.UnitAssociation;
import dev.depot.server.content.UnitQuery;
import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.ImporterRecord;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the units matching criteria from a repository, as Pulp's {@code unassociate_by_criteria}:
 * associations are deleted in batches, the importer (if any) is told each batch through {@code
 * removeUnits} (its failures are logged and ignored), {@code last_unit_removed} is set. Units stay
 * stored, orphans if no other repository holds them. Like a copy, the result lists at most 1000
 * units and counts them all.
 */
public final class UnassociateOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE =
      "pulp.server.managers.repo.unit_association.unassociate_by_criteria";

  private static final Logger LOG = LoggerFactory.getLogger(UnassociateOperation.class);
  private static final int BATCH = 500;
  private static final int REPORTED = 1000;

  private final RepositoryServices services;

  /** Wires the operation. */
  public UnassociateOperation(RepositoryServices services) {
    this.services = services;
  }

  /** The unassociate task, reserved on the repository. */
  public static NewTask task(String repoId, Map<String, Object> criteria) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("repo_id", repoId);
    args.put("criteria", criteria == null ? Map.of() : criteria);
    return NewTask.onRepository(TYPE, repoId, "unassociate", args);
  }

  @Override
  public TaskOutcome run(RunningTask task) {
    String repoId = task.arg("repo_id");
    RepositoryRecord repo = services.repository(repoId);
    UnitQuery query = UnitCriteriaJson.association(task.mapArg("criteria")).query();
    Optional<ImporterRecord> importerRecord =
        services.jdbi().withHandle(h -> services.repos().importer(h, repoId));
    List<Map<String, Object>> reported = new ArrayList<>();
    long[] removed = {0};
    List<Unit> batch = new ArrayList<>();
    try (Stream<Unit> matching =
        Cursors.open(services.jdbi(), h -> services.units().associations(h, repoId, query))
            .map(UnitAssociation::unit)) {
      matching.forEach(
          unit -> {
            batch.add(unit);
            if (batch.size() == BATCH) {
              removed[0] += remove(repo, importerRecord, batch, reported);
              batch.clear();
              task.setProgress("unassociate", Map.of("units_done", removed[0]));
            }
          });
    }
    removed[0] += remove(repo, importerRecord, batch, reported);
    if (removed[0] == 0) {
      return new TaskOutcome.Finished(Map.of(), List.of());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("units_successful", reported);
    result.put("units_successful_count", removed[0]);
    return new TaskOutcome.Finished(result, List.of());
  }

  private long remove(
      RepositoryRecord repo,
      Optional<ImporterRecord> importerRecord,
      List<Unit> batch,
      List<Map<String, Object>> reported) {
    if (batch.isEmpty()) {
      return 0;
    }
    List<Unit> done =
        services
            .jdbi()
            .inTransaction(
                // One batch of statements per page, not one per unit: the store answers which
                // units were still associated, so the report names only those actually removed.
                h -> services.units().unassociate(h, repo.id(), batch, Timestamps.now()));
    for (Unit u : done) {
      if (reported.size() < REPORTED) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type_id", u.typeId());
        entry.put("unit_key", u.unitKey());
        reported.add(entry);
      }
    }
    importerRecord.ifPresent(record -> tellImporter(repo, record, done));
    return done.size();
  }

  private void tellImporter(RepositoryRecord repo, ImporterRecord record, List<Unit> done) {
    try {
      Importer importer = services.plugins().newImporter(record.typeId());
      Repository view = services.jdbi().withHandle(h -> services.views().view(h, repo));
      importer.removeUnits(
          view,
          List.copyOf(done),
          new PluginCallConfiguration(
              services.defaults().forPlugin(record.typeId()), record.config(), Map.of()));
    } catch (RuntimeException e) {
      LOG.warn(
          "Importer {} of repository {} failed in removeUnits; the units are removed anyway",
          record.typeId(),
          repo.id(),
          e);
    }
  }
}
