package dev.depot.server.task;

import dev.depot.server.error.DepotException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pulp's error object ({@code code, description, data, sub_errors}) for task failures. */
public final class TaskErrors {
  private TaskErrors() {}

  /** An error object. */
  public static Map<String, Object> error(String code, String description, Map<String, ?> data) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("description", description);
    error.put("data", data);
    error.put("sub_errors", List.of());
    return error;
  }

  /** The error object for an exception: its Pulp code if it has one, else PLP0000. */
  public static Map<String, Object> of(Throwable e) {
    if (e instanceof DepotException depot) {
      return error(depot.code(), depot.getMessage(), depot.data());
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return error("PLP0000", message, Map.of());
  }
}
