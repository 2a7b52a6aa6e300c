package dev.depot.server.version;

import dev.depot.server.task.TaskHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends every task that holds a repository's reservation by recording the repository's next version,
 * if the task changed its content. Done here, for every task type (sync, upload import, copy,
 * removal, and any a plugin or test adds), rather than in each operation: no change can forget it.
 * It runs before the task is marked done, so whoever waits for the task then finds the version, and
 * while the reservation is still held, so no other writer's changes mix in.
 */
public final class VersionedTasks {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedTasks.class);
  private static final String REPOSITORY = "repository:";

  private VersionedTasks() {}

  /** The handlers, each followed by the version recording. */
  public static Map<String, TaskHandler> wrap(
      Map<String, TaskHandler> handlers, RepositoryVersions versions) {
    Map<String, TaskHandler> wrapped = new LinkedHashMap<>();
    handlers.forEach(
        (type, inner) ->
            wrapped.put(
                type,
                task -> {
                  String resource = task.record().resource();
                  String repoId =
                      resource != null && resource.startsWith(REPOSITORY)
                          ? resource.substring(REPOSITORY.length())
                          : null;
                  if (repoId != null) {
                    // A task killed with its process (or whose recording failed) left its changes
                    // pending: record them first, or a publish would serve the version before.
                    close(versions, repoId, null);
                  }
                  try {
                    return inner.run(task);
                  } finally {
                    if (repoId != null) {
                      close(versions, repoId, task.id());
                    }
                  }
                }));
    return wrapped;
  }

  private static void close(RepositoryVersions versions, String repoId, String taskId) {
    try {
      versions
          .close(repoId, taskId)
          .ifPresent(
              v ->
                  LOG.info(
                      "Repository {} is now at version {} ({})",
                      repoId,
                      v.number(),
                      taskId == null ? "changes a killed task left" : "task " + taskId));
    } catch (RuntimeException e) {
      // The changes stay stamped with the pending version: the next task on the repository
      // records them before it runs.
      LOG.warn("Recording a version of repository {} after task {} failed", repoId, taskId, e);
    }
  }
}
