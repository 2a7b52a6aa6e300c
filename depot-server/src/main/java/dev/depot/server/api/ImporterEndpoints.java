package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.repo.NewImporter;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.repo.RepositoryJson;
import dev.depot.server.repo.RepositoryTasks;
import dev.depot.server.task.TaskQueue;
import java.util.Map;

/** {@code /repositories/<id>/importers/}: a repository's importer. */
final class ImporterEndpoints {
  private final RepositoryImporters importers;
  private final TaskQueue queue;

  ImporterEndpoints(RepositoryImporters importers, TaskQueue queue) {
    this.importers = importers;
    this.queue = queue;
  }

  void register(Router router) {
    String base = Representations.API + "repositories/{repo}/importers/";
    router
        .add("GET", base, this::list)
        .add("POST", base, this::set)
        .add("GET", base + "{type}/", this::get)
        .add("PUT", base + "{type}/", this::update)
        .add("DELETE", base + "{type}/", this::remove);
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(
        importers.find(request.param("repo")).map(RepositoryJson::importer).stream().toList());
  }

  private ApiResponse set(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    NewImporter importer =
        new NewImporter(
            JsonFields.requiredString(body, "importer_type_id"),
            JsonFields.config(body, "importer_config"));
    importers.check(request.param("repo"), importer);
    return ApiResponse.accepted(
        queue.enqueue(RepositoryTasks.setImporter(request.param("repo"), importer)));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(
        RepositoryJson.importer(importers.get(request.param("repo"), request.param("type"))));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    if (!body.containsKey("importer_config")) {
      throw InvalidValue.missing("importer_config");
    }
    Map<String, Object> given = JsonFields.config(body, "importer_config");
    Map<String, Object> changes = given == null ? Map.of() : given;
    importers.checkUpdate(request.param("repo"), request.param("type"), changes);
    return ApiResponse.accepted(
        queue.enqueue(
            RepositoryTasks.updateImporter(request.param("repo"), request.param("type"), changes)));
  }

  private ApiResponse remove(ApiRequest request) {
    importers.get(request.param("repo"), request.param("type"));
    return ApiResponse.accepted(
        queue.enqueue(
            RepositoryTasks.removeImporter(request.param("repo"), request.param("type"))));
  }
}
