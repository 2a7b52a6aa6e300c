package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.search.Search;
import dev.depot.server.task.TaskCollection;
import dev.depot.server.task.TaskJson;
import dev.depot.server.task.TaskRecord;
import dev.depot.server.task.TaskState;
import dev.depot.server.task.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /tasks/}: list, search, show, cancel and purge tasks. */
final class TaskEndpoints {
  private static final List<TaskState> PURGEABLE =
      List.of(TaskState.FINISHED, TaskState.ERROR, TaskState.SKIPPED);

  private final TaskStore tasks;
  private final Search search;
  private final TaskCollection collection = new TaskCollection();

  TaskEndpoints(TaskStore tasks, Search search) {
    this.tasks = tasks;
    this.search = search;
  }

  void register(Router router) {
    String base = Representations.API + "tasks/";
    router.add("GET", base, this::list).add("DELETE", base, this::purge);
    // search/: criteria over all tasks, oldest first unless sorted.
    SearchRequest.route(
        router,
        base,
        request ->
            SearchRequest.read(request, collection, Set.of())
                .answer(search, collection, json -> json));
    router.add("GET", base + "{task}/", this::get).add("DELETE", base + "{task}/", this::cancel);
  }

  private ApiResponse list(ApiRequest request) {
    List<String> tags = request.query().getOrDefault("tag", List.of());
    List<TaskState> states = states(request.query().getOrDefault("state", List.of()));
    return ApiResponse.ok(collect(tags, states));
  }

  private List<Map<String, Object>> collect(List<String> tags, List<TaskState> states) {
    return tasks.list(tags, states, TaskJson::task);
  }

  private static List<TaskState> states(List<String> names) {
    List<TaskState> states = new ArrayList<>();
    for (String name : names) {
      try {
        states.add(TaskState.of(name));
      } catch (IllegalArgumentException e) {
        throw InvalidValue.coded("PLP1011", "Unknown task state: " + name, "state");
      }
    }
    return states;
  }

  private ApiResponse get(ApiRequest request) {
    String id = request.param("task");
    TaskRecord task = tasks.find(id).orElseThrow(() -> MissingResource.of("task", id));
    return ApiResponse.ok(TaskJson.task(task));
  }

  private ApiResponse cancel(ApiRequest request) {
    String id = request.param("task");
    tasks.requestCancel(id).orElseThrow(() -> MissingResource.of("task", id));
    return ApiResponse.ok(null);
  }

  private ApiResponse purge(ApiRequest request) {
    List<String> names = request.query().getOrDefault("state", List.of());
    if (names.isEmpty()) {
      // Pulp answers 403 here (a purge of every task is not allowed), not 400.
      throw dev.depot.server.error.CodedForbidden.of(
          "PLP1012", "Give the states to purge: ?state=finished&state=error&state=skipped");
    }
    List<TaskState> states = states(names);
    for (TaskState state : states) {
      if (!PURGEABLE.contains(state)) {
        throw InvalidValue.coded(
            "PLP1011", "Tasks in state " + state.wire() + " cannot be purged", "state");
      }
    }
    tasks.purge(states);
    return new ApiResponse(204, null, null);
  }
}
