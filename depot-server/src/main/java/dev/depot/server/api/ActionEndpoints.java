package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.publish.PublishOperation;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.repo.RepositoryJson;
import dev.depot.server.sync.SyncOperation;
import dev.depot.server.task.TaskJson;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.TaskRecord;
import dev.depot.server.version.RepositoryVersions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /repositories/<id>/actions/sync/} and {@code /actions/publish/}: check what they name
 * exists, then queue the work.
 */
final class ActionEndpoints {
  /** The keys that say where a sync connects, and so where the stored credentials go. */
  private static final List<String> DESTINATION_KEYS = List.of("feed", "proxy_host", "proxy_port");

  private final Repositories repositories;
  private final RepositoryImporters importers;
  private final Permissions permissions;
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
    this.importers = importers;
    this.permissions = permissions;
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
    mayRedirect(request.caller(), repoId, override);
    TaskRecord task =
        queue.enqueue(SyncOperation.task(repoId, override == null ? Map.of() : override));
    return new ApiResponse(202, TaskJson.callReport(null, List.of(task)), null);
  }

  /**
   * EXECUTE runs a sync; it does not let a caller send the importer's stored credentials
   * (passwords, client keys, masked everywhere) to a feed or proxy of its own choosing. An {@code
   * override_config} that moves the sync elsewhere while such secrets are stored wants what
   * changing the importer's config wants: UPDATE on the importer.
   */
  private void mayRedirect(Caller caller, String repoId, Map<String, Object> override) {
    if (override == null || !(caller instanceof Caller.User user)) {
      return;
    }
    Map<String, Object> stored = importers.find(repoId).map(i -> i.config()).orElse(Map.of());
    boolean secrets =
        stored.entrySet().stream()
            .anyMatch(e -> e.getValue() != null && RepositoryJson.isSecret(e.getKey()));
    String resource =
        "/v2/repositories/"
            + repoId
            + "/importers/"
            + importers.find(repoId).map(i -> i.typeId()).orElse("")
            + "/";
    for (String key : DESTINATION_KEYS) {
      if (secrets
          && override.containsKey(key)
          && !Objects.equals(String.valueOf(override.get(key)), String.valueOf(stored.get(key)))
          && !permissions.allowed(user.name(), "UPDATE", resource)) {
        throw PermissionDenied.forUser(
            user.name(), "UPDATE on " + resource + " (override_config." + key + ")");
      }
    }
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
