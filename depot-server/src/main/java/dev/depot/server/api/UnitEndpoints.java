package dev.depot.server.api;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.PluginMetadata;
import dev.depot.server.association.CopyOperation;
import dev.depot.server.association.UnassociateOperation;
import dev.depot.server.association.UnitCriteriaJson;
import dev.depot.server.auth.Permissions;
import dev.depot.server.content.UnitJson;
import dev.depot.server.content.UnitReads;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.repo.ImporterRecord;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.task.TaskQueue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A repository's units: {@code /repositories/<id>/search/units/} (streamed), and the {@code
 * associate} (copy) and {@code unassociate} actions, which check their input and queue a task.
 */
final class UnitEndpoints {
  private final UnitReads units;
  private final Repositories repositories;
  private final RepositoryImporters importers;
  private final PluginRegistry plugins;
  private final TaskQueue queue;
  private final dev.depot.server.version.RepositoryVersions versions;
  private final Permissions permissions;

  UnitEndpoints(
      UnitReads units,
      Repositories repositories,
      RepositoryImporters importers,
      PluginRegistry plugins,
      TaskQueue queue,
      dev.depot.server.version.RepositoryVersions versions,
      Permissions permissions) {
    this.permissions = permissions;
    this.units = units;
    this.repositories = repositories;
    this.importers = importers;
    this.plugins = plugins;
    this.queue = queue;
    this.versions = versions;
  }

  void register(Router router) {
    String repo = Representations.API + "repositories/{repo}/";
    router
        .add("POST", repo + "search/units/", this::search)
        .add("POST", repo + "actions/associate/", this::associate)
        .add("POST", repo + "actions/unassociate/", this::unassociate);
  }

  private ApiResponse search(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    String repoId = repositories.get(request.param("repo")).id();
    UnitCriteriaJson.Parsed criteria = criteria(body.get("criteria"));
    Stream<Map<String, Object>> found =
        open(() -> units.inRepository(repoId, criteria.query()))
            .map(a -> project(UnitJson.association(a), criteria));
    return ApiResponse.ok(new StreamedList(found));
  }

  /**
   * Parses association criteria and refuses content types no plugin defines: a typo in a type would
   * otherwise find, copy or remove nothing and look like success.
   */
  private UnitCriteriaJson.Parsed criteria(Object json) {
    UnitCriteriaJson.Parsed criteria = UnitCriteriaJson.association(json);
    List<String> known =
        plugins.contentTypes().stream().map(ContentTypeDefinition::id).sorted().toList();
    List<String> unknown =
        criteria.query().typeIds().stream().filter(t -> !known.contains(t)).toList();
    if (!unknown.isEmpty()) {
      throw InvalidValue.wrapping(
          "criteria",
          InvalidValue.of(
              "unknown content type(s) " + unknown + "; the server knows " + known, "type_ids"));
    }
    return criteria;
  }

  /** Runs the query now so a bad one is a 400, not a cut-off response. */
  static <T> Stream<T> open(java.util.function.Supplier<Stream<T>> query) {
    try {
      return query.get();
    } catch (IllegalArgumentException e) {
      throw InvalidValue.wrapping("criteria", InvalidValue.of(e.getMessage(), "filters"));
    }
  }

  /** Pulp's {@code fields}: the requested ones plus those it always returns. */
  private static Map<String, Object> project(
      Map<String, Object> association, UnitCriteriaJson.Parsed criteria) {
    Map<String, Object> json = association;
    if (!criteria.associationFields().isEmpty()) {
      json = new LinkedHashMap<>();
      for (String key : List.of("_id", "id", "unit_id", "unit_type_id", "metadata")) {
        json.put(key, association.get(key));
      }
      for (String field : criteria.associationFields()) {
        if (association.containsKey(field)) {
          json.put(field, association.get(field));
        }
      }
    }
    if (!criteria.unitFields().isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) association.get("metadata");
      json.put("metadata", fields(metadata, criteria.unitFields()));
    }
    return json;
  }

  static Map<String, Object> fields(Map<String, Object> unit, List<String> fields) {
    Map<String, Object> trimmed = new LinkedHashMap<>();
    for (String key : List.of("_id", "_content_type_id")) {
      trimmed.put(key, unit.get(key));
    }
    for (String field : fields) {
      if (unit.containsKey(field)) {
        trimmed.put(field, unit.get(field));
      }
    }
    return trimmed;
  }

  private ApiResponse associate(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    String destId = repositories.get(request.param("repo")).id();
    String sourceId = JsonFields.optionalString(body, "source_repo_id");
    if (sourceId == null) {
      throw InvalidValue.missing("source_repo_id");
    }
    // UPDATE on the destination is what the path asks; a copy also reads the source, so whoever
    // may not read it cannot carry its units into a repository of their own (before looking it
    // up: a 403 either way tells nothing of whether it exists).
    String readSource = "/v2/repositories/" + sourceId + "/";
    if (request.caller() instanceof Caller.User user
        && !permissions.allowed(user.name(), "READ", readSource)) {
      throw PermissionDenied.forUser(user.name(), "READ on " + readSource);
    }
    try {
      sourceId = repositories.get(sourceId).id();
    } catch (MissingResource e) {
      throw InvalidValue.of(
          "Invalid properties: ['source_repo_id']: source repository "
              + sourceId
              + " does not exist",
          "source_repo_id");
    }
    Map<String, Object> criteria = JsonFields.optionalObject(body, "criteria");
    ImporterRecord destImporter = importerOrRefuse(destId);
    List<String> typeIds = criteria(criteria).query().typeIds();
    refuseTypesItCannotHold(destId, destImporter, typeIds);
    Map<String, Object> override = JsonFields.config(body, "override_config");
    // Depot's own: copy from a kept version of the source instead of its current content.
    Long sourceVersion = JsonFields.optionalWholeNumber(body, "source_version", 0);
    Map<String, Long> sourceCounts =
        sourceVersion == null
            ? repositories.unitCounts(sourceId)
            : versions.get(sourceId, sourceVersion).contentCounts();
    if (typeIds.isEmpty()) {
      refuseSourceTypesItCannotHold(sourceId, destId, destImporter, sourceCounts.keySet());
    }
    return ApiResponse.accepted(
        queue.enqueue(CopyOperation.task(sourceId, destId, criteria, override, sourceVersion)));
  }

  /**
   * Refuses, before a task is queued, a copy into a repository that has no importer: units come in
   * through the importer, so the task could only fail (Pulp's task fails with PLP0009). Pulp's code
   * is kept so clients matching on it still do; the status is 400 because the request, not a
   * missing path resource, is what the user has to change (by giving the destination an importer).
   */
  private ImporterRecord importerOrRefuse(String destId) {
    return importers
        .find(destId)
        .orElseThrow(
            () ->
                InvalidValue.coded(
                    "PLP0009",
                    "Repository "
                        + destId
                        + " has no importer, and units come into a repository through its"
                        + " importer: give it one first (POST /pulp/api/v2/repositories/"
                        + destId
                        + "/importers/ with an importer_type_id), then copy again"));
  }

  /**
   * Refuses, before a task is queued, a copy asking for content types the destination's importer
   * does not take (as its plugin declares them): the task would only fail on them once the user was
   * told it had started. An importer whose plugin is not loaded is left to the task.
   */
  private void refuseTypesItCannotHold(
      String destId, ImporterRecord importer, List<String> requested) {
    Optional<List<String>> takes = typesTaken(importer);
    if (requested.isEmpty() || takes.isEmpty()) {
      return;
    }
    List<String> refused = requested.stream().filter(t -> !takes.get().contains(t)).toList();
    if (!refused.isEmpty()) {
      throw InvalidValue.wrapping(
          "criteria",
          InvalidValue.of(
              "type_ids "
                  + refused
                  + ": repository "
                  + destId
                  + " cannot hold them; its importer "
                  + importer.typeId()
                  + " takes "
                  + takes.get(),
              "type_ids"));
    }
  }

  /**
   * Refuses, before a task is queued, a copy without type_ids from a source holding types the
   * destination's importer does not take: Pulp's task fails on them (PLP0044, whose code is kept),
   * after the user was told it started. The task checks again, as the source may change meanwhile.
   */
  private void refuseSourceTypesItCannotHold(
      String sourceId, String destId, ImporterRecord importer, Collection<String> held) {
    Optional<List<String>> takes = typesTaken(importer);
    if (takes.isEmpty()) {
      return;
    }
    List<String> refused = held.stream().filter(t -> !takes.get().contains(t)).sorted().toList();
    if (!refused.isEmpty()) {
      throw InvalidValue.coded(
          "PLP0044",
          "The target importer does not support the types from the source: repository "
              + sourceId
              + " holds "
              + refused
              + ", which repository "
              + destId
              + " cannot hold (its importer "
              + importer.typeId()
              + " takes "
              + takes.get()
              + "); copy with criteria type_ids naming the types to copy",
          "criteria");
    }
  }

  /** The content types the importer's plugin declares; empty when the plugin is not loaded. */
  private Optional<List<String>> typesTaken(ImporterRecord importer) {
    return plugins.importers().stream()
        .filter(m -> m.id().equals(importer.typeId()))
        .findFirst()
        .map(PluginMetadata::types);
  }

  private ApiResponse unassociate(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    String repoId = repositories.get(request.param("repo")).id();
    Map<String, Object> criteria = JsonFields.optionalObject(body, "criteria");
    criteria(criteria);
    return ApiResponse.accepted(queue.enqueue(UnassociateOperation.task(repoId, criteria)));
  }
}
