package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.task.TaskJson;
import dev.depot.server.task.TaskRecord;
import dev.depot.server.task.TaskState;
import dev.depot.server.task.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** {@code /tasks/}: list, search, show, cancel and purge tasks. */
final class TaskEndpoints {
  private static final List<TaskState> PURGEABLE =
      List.of(TaskState.FINISHED, TaskState.ERROR, TaskState.SKIPPED);

  private final Jdbi jdbi;
  private final TaskStore tasks;

  TaskEndpoints(Jdbi jdbi, TaskStore tasks) {
    this.jdbi = jdbi;
    this.tasks = tasks;
  }

  void register(Router router) {
    String base = Representations.API + "tasks/";
    router
        .add("GET", base, this::list)
        .add("DELETE", base, this::purge)
        .add("POST", base + "search/", this::search)
        .add("GET", base + "{task}/", this::get)
        .add("DELETE", base + "{task}/", this::cancel);
  }

  private ApiResponse list(ApiRequest request) {
    List<String> tags = request.query().getOrDefault("tag", List.of());
    List<TaskState> states = states(request.query().getOrDefault("state", List.of()));
    return ApiResponse.ok(collect(tags, states, 0, 0));
  }

  private List<Map<String, Object>> collect(
      List<String> tags, List<TaskState> states, long skip, long limit) {
    return jdbi.withHandle(
        h -> {
          try (Stream<TaskRecord> all = tasks.list(h, tags, states)) {
            Stream<TaskRecord> page = all.skip(skip);
            if (limit > 0) {
              page = page.limit(limit);
            }
            return page.map(TaskJson::task).toList();
          }
        });
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

  /**
   * Search with Pulp criteria, the parts that make sense for tasks: {@code filters} on {@code
   * state} (a value or {@code {"$in": [...]}}) and {@code tags} ({@code {"$all": [...]}} or a
   * value), {@code skip}, {@code limit}.
   */
  private ApiResponse search(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    Map<String, Object> criteria = JsonFields.optionalObject(body, "criteria");
    if (criteria == null) {
      throw InvalidValue.missing("criteria");
    }
    Map<String, Object> filters = JsonFields.optionalObject(criteria, "filters");
    List<String> tags = new ArrayList<>();
    List<String> stateNames = new ArrayList<>();
    if (filters != null) {
      collectValues(filters.get("tags"), "$all", tags);
      collectValues(filters.get("state"), "$in", stateNames);
    }
    long skip = number(criteria, "skip");
    long limit = number(criteria, "limit");
    return ApiResponse.ok(collect(tags, states(stateNames), skip, limit));
  }

  private static void collectValues(Object filter, String operator, List<String> into) {
    if (filter instanceof String s) {
      into.add(s);
    } else if (filter instanceof Map<?, ?> m && m.get(operator) instanceof List<?> values) {
      values.forEach(v -> into.add(String.valueOf(v)));
    } else if (filter != null) {
      throw InvalidValue.of("Unsupported task filter: " + filter, "criteria");
    }
  }

  private static long number(Map<String, Object> criteria, String field) {
    Object value = criteria.get(field);
    if (value == null) {
      return 0;
    }
    if (value instanceof Number n && n.longValue() >= 0) {
      return n.longValue();
    }
    throw InvalidValue.of(field + " must be a non-negative number", field);
  }

  private ApiResponse get(ApiRequest request) {
    String id = request.param("task");
    return ApiResponse.ok(
        TaskJson.task(tasks.find(id).orElseThrow(() -> MissingResource.of("task", id))));
  }

  private ApiResponse cancel(ApiRequest request) {
    String id = request.param("task");
    tasks.requestCancel(id).orElseThrow(() -> MissingResource.of("task", id));
    return ApiResponse.ok(null);
  }

  private ApiResponse purge(ApiRequest request) {
    List<String> names = request.query().getOrDefault("state", List.of());
    if (names.isEmpty()) {
      throw InvalidValue.coded(
          "PLP1012",
          "Give the states to purge: ?state=finished&state=error&state=skipped",
          "state");
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
