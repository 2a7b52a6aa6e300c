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
 * @param groupId the task group it belongs to (Pulp's {@code group_id}), or null
 */
public record NewTask(
    String type, String resource, List<String> tags, Map<String, Object> args, String groupId) {
  /** Copies the collections. */
  public NewTask {
    tags = List.copyOf(tags);
    // Arguments may carry nulls (in a config change a null removes a key).
    args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
  }

  /** A task of no group. */
  public NewTask(String type, String resource, List<String> tags, Map<String, Object> args) {
    this(type, resource, tags, args, null);
  }

  /** This task as a member of the task group {@code groupId}. */
  public NewTask inGroup(String groupId) {
    return new NewTask(type, resource, tags, args, groupId);
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
