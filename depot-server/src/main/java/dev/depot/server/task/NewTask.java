package dev.depot.server.task;

import java.util.List;
import java.util.Map;

/**
 * A task to queue.
 *
 * @param type the task type; a {@link TaskHandler} must be registered for it
 * @param resource the resource it reserves (one task at a time per resource), or null
 * @param tags tags shown to users and used in searches
 * @param args what the handler needs, JSON-able
 */
public record NewTask(String type, String resource, List<String> tags, Map<String, Object> args) {
  /** Copies the collections. */
  public NewTask {
    tags = List.copyOf(tags);
    // Arguments may carry nulls (in a config change a null removes a key).
    args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
  }

  /** A task reserving {@code repository:<repoId>} and tagged with it and the action. */
  public static NewTask onRepository(
      String type, String repoId, String action, Map<String, Object> args, String... moreTags) {
    List<String> tags = new java.util.ArrayList<>();
    tags.add("pulp:repository:" + repoId);
    tags.addAll(List.of(moreTags));
    tags.add("pulp:action:" + action);
    return new NewTask(type, "repository:" + repoId, tags, args);
  }
}
