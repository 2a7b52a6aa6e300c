package dev.depot.server.conduit;

import dev.depot.plugin.Scratchpads;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitSource;
import dev.depot.server.content.Cursors;
import dev.depot.server.content.UnitStore;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.repo.RepositoryStore;
import dev.depot.server.task.RunningTask;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * What every task conduit shares: the repository's units (streamed, each stream on its own
 * connection), the repository scratchpad, the plugin's own scratchpad and progress.
 */
abstract class RepositoryConduit implements UnitSource, Scratchpads {
  final Jdbi jdbi;
  final String repoId;
  final UnitStore units;
  final RepositoryStore repos;
  final RunningTask task;
  final String reporterId;

  RepositoryConduit(
      RepositoryServices services, String repoId, RunningTask task, String reporterId) {
    this.jdbi = services.jdbi();
    this.repoId = repoId;
    this.units = services.units();
    this.repos = services.repos();
    this.task = task;
    this.reporterId = reporterId;
  }

  @Override
  public Stream<Unit> units(UnitCriteria criteria) {
    // A cursor inside a transaction: PostgreSQL's driver would otherwise load the whole result,
    // and a million-unit publish would need the heap for all of them.
    return Cursors.open(jdbi, h -> units.stream(h, repoId, criteria));
  }

  /** Stores the latest progress report under this plugin's reporter id. */
  public void setProgress(Object report) {
    task.setProgress(reporterId, report);
  }

  @Override
  public Map<String, Object> repoScratchpad() {
    return jdbi.withHandle(h -> repos.find(h, repoId).map(RepositoryRecord::scratchpad))
        .orElse(Map.of());
  }

  @Override
  public void setRepoScratchpad(Map<String, Object> value) {
    jdbi.useTransaction(
        h -> {
          RepositoryRecord repo = repos.find(h, repoId).orElseThrow();
          repos.update(
              h,
              new RepositoryRecord(
                  repo.id(),
                  repo.oid(),
                  repo.displayName(),
                  repo.description(),
                  repo.notes(),
                  Map.copyOf(value),
                  repo.lastUnitAdded(),
                  repo.lastUnitRemoved()));
        });
  }

  @Override
  public void updateRepoScratchpad(Map<String, Object> changes) {
    Map<String, Object> merged = new LinkedHashMap<>(repoScratchpad());
    merged.putAll(changes);
    setRepoScratchpad(merged);
  }

  @Override
  public abstract Optional<Map<String, Object>> scratchpad();
}
