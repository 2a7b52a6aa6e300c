package dev.depot.server.association;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.server.conduit.TaskImportConduit;
import dev.depot.server.content.Cursors;
import dev.depot.server.content.UnitAssociation;
import dev.depot.server.content.UnitQuery;
import dev.depot.server.content.VersionedUnits;
import dev.depot.server.error.MissingResource;
import dev.depot.server.repo.ImporterRecord;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskErrors;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import dev.depot.server.version.PublishedVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies units from one repository to another as Pulp's {@code associate_from_repo}: both
 * repositories need importers, the destination importer must take every type copied, and the source
 * units matching the criteria are streamed into the destination importer's {@code importUnits}.
 * Only the database changes: units (and their files) are shared.
 *
 * <p>The result lists at most {@link TaskImportConduit#REPORTED} units in {@code units_successful}
 * (Pulp lists all; a million-unit copy would make a task document of hundreds of megabytes) and
 * gives the full number in {@code units_successful_count}.
 */
public final class CopyOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE =
      "pulp.server.managers.repo.unit_association.associate_from_repo";

  private final RepositoryServices services;

  /** Wires the operation. */
  public CopyOperation(RepositoryServices services) {
    this.services = services;
  }

  /**
   * The copy task: reserved on the destination, tagged with both repositories.
   *
   * @param criteria the client's criteria document (checked already), or null
   */
  public static NewTask task(
      String sourceRepoId,
      String destRepoId,
      Map<String, Object> criteria,
      Map<String, Object> override) {
    return task(sourceRepoId, destRepoId, criteria, override, null);
  }

  /**
   * The copy task from a kept version of the source.
   *
   * @param sourceVersion the source's version to copy from; null for its current content
   */
  public static NewTask task(
      String sourceRepoId,
      String destRepoId,
      Map<String, Object> criteria,
      Map<String, Object> override,
      Long sourceVersion) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("source_repo_id", sourceRepoId);
    args.put("dest_repo_id", destRepoId);
    args.put("criteria", criteria == null ? Map.of() : criteria);
    args.put("override_config", override == null ? Map.of() : override);
    if (sourceVersion != null) {
      args.put("source_version", sourceVersion);
    }
    return NewTask.onRepository(
        TYPE, destRepoId, "associate", args, "pulp:repository:" + sourceRepoId);
  }

  /** The source version asked for, still kept; null for the source's current content. */
  private Long sourceVersion(RunningTask task, String sourceId) {
    Object asked = task.record().args().get("source_version");
    if (asked == null) {
      return null;
    }
    long version = ((Number) asked).longValue();
    if (!services.jdbi().withHandle(h -> PublishedVersions.kept(h, sourceId, version))) {
      // Deleted while the copy waited (the copy reserves only its destination): its rows may be
      // gone in part, so copying from it could bring a version that never was.
      throw new MissingResource(Map.of("repository", sourceId, "version", version));
    }
    return version;
  }

  @Override
  public TaskOutcome run(RunningTask task) throws Exception {
    String sourceId = task.arg("source_repo_id");
    String destId = task.arg("dest_repo_id");
    RepositoryRecord source = services.repository(sourceId);
    RepositoryRecord dest = services.repository(destId);
    ImporterRecord destImporter = services.importer(destId);
    services.importer(sourceId);
    UnitQuery query = UnitCriteriaJson.association(task.mapArg("criteria")).query();
    Long sourceVersion = sourceVersion(task, sourceId);
    Map<String, Long> sourceCounts =
        services
            .jdbi()
            .withHandle(
                h ->
                    sourceVersion == null
                        ? services.units().countsByType(h, sourceId)
                        : VersionedUnits.countsAt(h, sourceId, sourceVersion));
    List<String> types =
        query.typeIds().isEmpty() ? new ArrayList<>(sourceCounts.keySet()) : query.typeIds();
    Importer importer = services.plugins().newImporter(destImporter.typeId());
    List<String> supported = importer.metadata().types();
    if (!supported.containsAll(types)) {
      List<String> unsupported = types.stream().filter(t -> !supported.contains(t)).toList();
      return new TaskOutcome.Failed(
          null,
          TaskErrors.error(
              "PLP0044",
              "The target importer does not support the types from the source: " + unsupported,
              Map.of("target_importer_id", destImporter.typeId(), "unit_types", unsupported)),
          null);
    }
    PluginCallConfiguration config =
        new PluginCallConfiguration(
            services.defaults().forPlugin(destImporter.typeId()),
            destImporter.config(),
            task.mapArg("override_config"));
    TaskImportConduit conduit =
        new TaskImportConduit(services, task, sourceId, destId, destImporter.typeId());
    Repository sourceView = services.jdbi().withHandle(h -> services.views().view(h, source));
    Repository destView = services.jdbi().withHandle(h -> services.views().view(h, dest));
    try (Stream<Unit> selected =
        Cursors.open(
                services.jdbi(),
                h ->
                    sourceVersion == null
                        ? services.units().associations(h, sourceId, query)
                        : services.units().associationsAt(h, sourceId, sourceVersion, query))
            .map(UnitAssociation::unit)
            .takeWhile(u -> !task.isCancelRequested())) {
      importer.importUnits(sourceView, destView, conduit, config, selected);
    }
    conduit.finish();
    Map<String, Object> result = conduit.result();
    return task.isCancelRequested()
        ? new TaskOutcome.Canceled(result)
        : new TaskOutcome.Finished(result, List.of());
  }
}
