package dev.depot.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint answers: a status, a JSON-able body and, for creations, a {@code Location}.
 *
 * @param status the HTTP status
 * @param body the JSON-able body
 * @param location the created resource's path, or null
 * @param resourceGone whether the request deleted the resource at its path, so that the grants on
 *     it go too (a later resource of the same id starts with none)
 */
record ApiResponse(int status, Object body, String location, boolean resourceGone) {

  ApiResponse(int status, Object body, String location) {
    this(status, body, location, false);
  }

  static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, null);
  }

  /** 200 for a resource the request deleted. */
  static ApiResponse deleted() {
    return new ApiResponse(200, null, null, true);
  }

  static ApiResponse created(Map<String, Object> body) {
    return new ApiResponse(201, body, (String) body.get("_href"));
  }

  /** 202 with a call report listing the task that will do the work. */
  static ApiResponse accepted(dev.depot.server.task.TaskRecord task) {
    return new ApiResponse(
        202, dev.depot.server.task.TaskJson.callReport(null, List.of(task)), null);
  }

  /**
   * Pulp's call report for work done during the request: {@code result}, no error, no spawned
   * tasks.
   */
  static ApiResponse callReport(Object result) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("result", result);
    report.put("error", null);
    report.put("spawned_tasks", List.of());
    return new ApiResponse(200, report, null);
  }
}
