package dev.depot.server.api;

import dev.depot.server.error.MissingResource;
import dev.depot.server.task.TaskGroups;

/**
 * Pulp's {@code /task_groups/<id>/}: a group's {@code state_summary/}, and {@code DELETE} to cancel
 * its tasks. The group itself has no representation (Pulp answers 404 there too).
 */
final class TaskGroupEndpoints {
  private final TaskGroups groups;

  TaskGroupEndpoints(TaskGroups groups) {
    this.groups = groups;
  }

  void register(Router router) {
    String base = Representations.API + "task_groups/{group}/";
    router
        .add("GET", base + "state_summary/", this::summary)
        .add("DELETE", base, this::cancel)
        // Pulp's group has no representation: a 404 for every group, as Pulp answers.
        .add(
            "GET",
            base,
            request -> {
              throw MissingResource.of("task_group", request.param("group"));
            });
  }

  private ApiResponse summary(ApiRequest request) {
    String id = request.param("group");
    return ApiResponse.ok(
        groups.summary(id).orElseThrow(() -> MissingResource.of("task_group", id)));
  }

  private ApiResponse cancel(ApiRequest request) {
    String id = request.param("group");
    if (!groups.cancel(id)) {
      throw MissingResource.of("task_group", id);
    }
    return ApiResponse.ok(null);
  }
}
