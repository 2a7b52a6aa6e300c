package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.repo.NewImporter;
import dev.depot.server.repo.RepositoryImporters;
import java.util.Map;

/** {@code /repositories/<id>/importers/}: a repository's importer. */
final class ImporterEndpoints {
  private final RepositoryImporters importers;

  ImporterEndpoints(RepositoryImporters importers) {
    this.importers = importers;
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
        importers.find(request.param("repo")).map(Representations::importer).stream().toList());
  }

  private ApiResponse set(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    NewImporter importer =
        new NewImporter(
            JsonFields.requiredString(body, "importer_type_id"),
            JsonFields.optionalObject(body, "importer_config"));
    return ApiResponse.callReport(
        Representations.importer(importers.set(request.param("repo"), importer)));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(
        Representations.importer(importers.get(request.param("repo"), request.param("type"))));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    if (!body.containsKey("importer_config")) {
      throw InvalidValue.missing("importer_config");
    }
    Map<String, Object> changes = JsonFields.optionalObject(body, "importer_config");
    return ApiResponse.callReport(
        Representations.importer(
            importers.update(
                request.param("repo"),
                request.param("type"),
                changes == null ? Map.of() : changes)));
  }

  private ApiResponse remove(ApiRequest request) {
    importers.remove(request.param("repo"), request.param("type"));
    return ApiResponse.callReport(null);
  }
}
