package dev.depot.server.api;

import dev.depot.server.repo.DistributorCollection;
import dev.depot.server.repo.NewDistributor;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryJson;
import dev.depot.server.repo.RepositoryTasks;
import dev.depot.server.search.Search;
import dev.depot.server.task.TaskQueue;
import java.util.Map;

/**
 * {@code /repositories/<id>/distributors/}: a repository's distributors; {@code
 * /distributors/search/} over all of them.
 */
final class DistributorEndpoints {
  private final RepositoryDistributors distributors;
  private final TaskQueue queue;
  private final Search search;
  private final DistributorCollection collection = new DistributorCollection();

  DistributorEndpoints(RepositoryDistributors distributors, TaskQueue queue, Search search) {
    this.distributors = distributors;
    this.queue = queue;
    this.search = search;
  }

  void register(Router router) {
    // /distributors/search/: criteria over every repository's distributors.
    SearchRequest.route(router, Representations.API + "distributors/", search, collection);
    String base = Representations.API + "repositories/{repo}/distributors/";
    router
        .add("GET", base, this::list)
        .add("POST", base, this::add)
        .add("GET", base + "{distributor}/", this::get)
        .add("PUT", base + "{distributor}/", this::update)
        .add("DELETE", base + "{distributor}/", this::remove);
  }

  /** Reads one distributor request as Pulp names its fields. */
  static NewDistributor newDistributor(Map<String, Object> body) {
    Object id = body.get("distributor_id");
    if (id != null && !(id instanceof String)) {
      throw JsonFields.wrongType("distributor_id", "a string", id);
    }
    Boolean autoPublish = JsonFields.optionalBoolean(body, "auto_publish");
    return new NewDistributor(
        JsonFields.requiredString(body, "distributor_type_id"),
        JsonFields.config(body, "distributor_config"),
        autoPublish != null && autoPublish,
        (String) id);
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(
        distributors.list(request.param("repo")).stream()
            .map(RepositoryJson::distributor)
            .toList());
  }

  private ApiResponse add(ApiRequest request) {
    NewDistributor requested = newDistributor(request.jsonObject(false));
    return ApiResponse.created(
        RepositoryJson.distributor(distributors.add(request.param("repo"), requested)));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(
        RepositoryJson.distributor(
            distributors.get(request.param("repo"), request.param("distributor"))));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    Map<String, Object> delta = JsonFields.optionalObject(body, "delta");
    Boolean autoPublish = delta == null ? null : JsonFields.optionalBoolean(delta, "auto_publish");
    Map<String, Object> changes = JsonFields.config(body, "distributor_config");
    distributors.checkUpdate(request.param("repo"), request.param("distributor"), changes);
    return ApiResponse.accepted(
        queue.enqueue(
            RepositoryTasks.updateDistributor(
                request.param("repo"), request.param("distributor"), changes, autoPublish)));
  }

  private ApiResponse remove(ApiRequest request) {
    distributors.get(request.param("repo"), request.param("distributor"));
    return ApiResponse.accepted(
        queue.enqueue(
            RepositoryTasks.removeDistributor(
                request.param("repo"), request.param("distributor"))));
  }
}
