package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.publish.PublishOperation;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.sync.SyncOperation;
import dev.depot.server.task.TaskJson;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.TaskRecord;
import dev.depot.server.version.RepositoryVersions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /repositories/<id>/actions/sync/} and {@code /actions/publish/}: check what they name
 * exists, then queue the work.
 */
final class ActionEndpoints {
  private final Repositories repositories;
  private final SyncRedirects redirects;
  private final PublishOverrides publishOverrides;
  private final RepositoryDistributors distributors;
  private final TaskQueue queue;
  private final RepositoryVersions versions;

  ActionEndpoints(
      Repositories repositories,
      RepositoryDistributors distributors,
      TaskQueue queue,
      RepositoryVersions versions,
      RepositoryImporters importers,
      Permissions permissions) {
    this.redirects = new SyncRedirects(importers, permissions);
    this.publishOverrides = new PublishOverrides(distributors, permissions);
    this.repositories = repositories;
    this.distributors = distributors;
    this.queue = queue;
    this.versions = versions;
  }

  void register(Router router) {
    String base = Representations.API + "repositories/{repo}/actions/";
    router.add("POST", base + "sync/", this::sync).add("POST", base + "publish/", this::publish);
  }

  private ApiResponse sync(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    ConsumerEndpoints.refuseUnknown(body, Set.of("override_config"));
    String repoId = repositories.get(request.param("repo")).id();
    Map<String, Object> override = JsonFields.config(body, "override_config");
    redirects.check(request.caller(), repoId, override);
    TaskRecord task =
        queue.enqueue(SyncOperation.task(repoId, override == null ? Map.of() : override));
    return new ApiResponse(202, TaskJson.callReport(null, List.of(task)), null);
  }

  private ApiResponse publish(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("id", "override_config", "version"));
    String repoId = repositories.get(request.param("repo")).id();
    String distributorId = JsonFields.optionalString(body, "id");
    if (distributorId == null) {
      throw InvalidValue.missing("id");
    }
    // A 404 now rather than a queued task that fails later (the task checks again, as the
    // distributor may be removed while the publish waits).
    distributors.get(repoId, distributorId);
    Map<String, Object> override = JsonFields.config(body, "override_config");
    publishOverrides.check(request.caller(), repoId, distributorId, override);
    // Depot's own: publish a kept version instead of the latest.
    Long version = JsonFields.optionalWholeNumber(body, "version", 0);
    if (version != null) {
      versions.get(repoId, version);
    }
    TaskRecord task =
        queue.enqueue(
            PublishOperation.task(
                repoId, distributorId, override == null ? Map.of() : override, version));
    return new ApiResponse(202, TaskJson.callReport(null, List.of(task)), null);
  }
}
