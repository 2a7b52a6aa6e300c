package dev.depot.server.upload;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UploadConduit;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.Cursors;
import dev.depot.server.content.UnitStore;
import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.RepositoryServices;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** The conduit of one import of an upload: saving a unit associates it with the repository. */
final class TaskUploadConduit implements UploadConduit {
  private final Jdbi jdbi;
  private final UnitStore units;
  private final ContentStore content;
  private final String repoId;

  TaskUploadConduit(RepositoryServices services, String repoId) {
    this.jdbi = services.jdbi();
    this.units = services.units();
    this.content = services.content();
    this.repoId = repoId;
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
          var now = Timestamps.now();
          Unit saved = units.saveWithFiles(h, unit, now);
          units.associate(h, repoId, saved, now);
          return saved;
        });
  }

  /** One transaction for the batch: an upload that makes several units keeps all or none. */
  @Override
  public List<Unit> saveUnits(List<Unit> batch) {
    return jdbi.inTransaction(
        h -> {
          var now = Timestamps.now();
          List<Unit> saved = units.saveAllWithFiles(h, batch, now);
          units.associateAll(h, repoId, saved, now);
          return saved;
        });
  }

  @Override
  public Unit mergeUnit(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    return jdbi.inTransaction(h -> units.mergeInto(h, repoId, unit, merge, Timestamps.now()))
        .unit();
  }

  @Override
  public void removeUnit(Unit unit) {
    units.unassociate(jdbi, repoId, unit);
  }

  @Override
  public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
    return jdbi.withHandle(h -> units.find(h, typeId, unitKey));
  }

  @Override
  public Stream<Unit> units(UnitCriteria criteria) {
    return Cursors.open(jdbi, h -> units.stream(h, repoId, criteria));
  }
}
