package dev.depot.server.api;

import dev.depot.server.error.DepotException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pulp's error body, built in one place for every failure the API reports. */
final class ErrorBodies {
  private ErrorBodies() {}

  static Map<String, Object> of(DepotException e, String method, String path) {
    Map<String, Object> body = new LinkedHashMap<>(e.topLevel());
    body.put("http_status", e.httpStatus());
    body.put("http_request_method", method);
    body.put("_href", path);
    body.put("error_message", e.getMessage());
    body.put("exception", null);
    body.put("traceback", null);
    body.put("error", error(e));
    return body;
  }

  private static Map<String, Object> error(DepotException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("description", e.getMessage());
    error.put("data", e.data());
    List<Map<String, Object>> subErrors = e.subErrors().stream().map(ErrorBodies::error).toList();
    error.put("sub_errors", subErrors);
    return error;
  }

  /** A failure with no DepotException behind it (bad route, unexpected bug). */
  static Map<String, Object> plain(
      int status, String code, String message, String method, String path) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("http_status", status);
    body.put("http_request_method", method);
    body.put("_href", path);
    body.put("error_message", message);
    body.put("exception", null);
    body.put("traceback", null);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("description", message);
    error.put("data", Map.of());
    error.put("sub_errors", List.of());
    body.put("error", error);
    return body;
  }
}
