package dev.depot.server.repo;

import dev.depot.server.task.NewTask;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository changes that run as tasks, reserved on the repository as in Pulp: delete, importer
 * set/update/remove, distributor update/remove. The API checks each request first (so bad input is
 * a 400, not a failed task); the task applies it, checking again.
 */
public final class RepositoryTasks {
  static final String DELETE = "pulp.server.tasks.repository.delete";
  static final String SET_IMPORTER = "pulp.server.controllers.importer.set_importer";
  static final String UPDATE_IMPORTER = "pulp.server.controllers.importer.update_importer_config";
  static final String REMOVE_IMPORTER = "pulp.server.controllers.importer.remove_importer";
  static final String UPDATE_DISTRIBUTOR = "pulp.server.controllers.distributor.update";
  static final String REMOVE_DISTRIBUTOR = "pulp.server.controllers.distributor.delete";

  private RepositoryTasks() {}

  /** The handlers, by task type. */
  public static Map<String, TaskHandler> handlers(
      Repositories repositories,
      RepositoryImporters importers,
      RepositoryDistributors distributors) {
    Map<String, TaskHandler> handlers = new HashMap<>();
    handlers.put(
        DELETE,
        task -> {
          repositories.delete(task.arg("repo_id"));
          return finished(null);
        });
    handlers.put(
        SET_IMPORTER,
        task ->
            finished(
                RepositoryJson.importer(
                    importers.set(
                        task.arg("repo_id"),
                        new NewImporter(task.arg("importer_type_id"), task.mapArg("config"))))));
    handlers.put(
        UPDATE_IMPORTER,
        task ->
            finished(
                RepositoryJson.importer(
                    importers.update(
                        task.arg("repo_id"),
                        task.arg("importer_type_id"),
                        task.mapArg("config")))));
    handlers.put(
        REMOVE_IMPORTER,
        task -> {
          importers.remove(task.arg("repo_id"), task.arg("importer_type_id"));
          return finished(null);
        });
    handlers.put(
        UPDATE_DISTRIBUTOR,
        task -> {
          Object auto = task.record().args().get("auto_publish");
          return finished(
              RepositoryJson.distributor(
                  distributors.update(
                      task.arg("repo_id"),
                      task.arg("distributor_id"),
                      task.record().args().get("config") == null ? null : task.mapArg("config"),
                      auto instanceof Boolean b ? b : null)));
        });
    handlers.put(
        REMOVE_DISTRIBUTOR,
        task -> {
          distributors.remove(task.arg("repo_id"), task.arg("distributor_id"));
          return finished(null);
        });
    return handlers;
  }

  private static TaskOutcome finished(Object result) {
    return new TaskOutcome.Finished(result, List.of());
  }

  /** Deleting a repository. */
  public static NewTask delete(String repoId) {
    return NewTask.onRepository(DELETE, repoId, "delete", Map.of("repo_id", repoId));
  }

  /** Giving a repository its importer. */
  public static NewTask setImporter(String repoId, NewImporter importer) {
    return NewTask.onRepository(
        SET_IMPORTER,
        repoId,
        "add_importer",
        args("repo_id", repoId, "importer_type_id", importer.typeId(), "config", importer.config()),
        "pulp:repository_importer:" + importer.typeId());
  }

  /** Changing the importer's config. */
  public static NewTask updateImporter(String repoId, String typeId, Map<String, Object> changes) {
    return NewTask.onRepository(
        UPDATE_IMPORTER,
        repoId,
        "update_importer",
        args("repo_id", repoId, "importer_type_id", typeId, "config", changes),
        "pulp:repository_importer:" + typeId);
  }

  /** Removing the importer. */
  public static NewTask removeImporter(String repoId, String typeId) {
    return NewTask.onRepository(
        REMOVE_IMPORTER,
        repoId,
        "delete_importer",
        args("repo_id", repoId, "importer_type_id", typeId),
        "pulp:repository_importer:" + typeId);
  }

  /** Changing a distributor. */
  public static NewTask updateDistributor(
      String repoId, String distributorId, Map<String, Object> changes, Boolean autoPublish) {
    return NewTask.onRepository(
        UPDATE_DISTRIBUTOR,
        repoId,
        "update_distributor",
        args(
            "repo_id",
            repoId,
            "distributor_id",
            distributorId,
            "config",
            changes,
            "auto_publish",
            autoPublish),
        "pulp:repository_distributor:" + distributorId);
  }

  /** Removing a distributor. */
  public static NewTask removeDistributor(String repoId, String distributorId) {
    return NewTask.onRepository(
        REMOVE_DISTRIBUTOR,
        repoId,
        "remove_distributor",
        args("repo_id", repoId, "distributor_id", distributorId),
        "pulp:repository_distributor:" + distributorId);
  }

  /** Task arguments may hold nulls (a null config value removes a key). */
  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> args = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      args.put((String) pairs[i], pairs[i + 1]);
    }
    return args;
  }
}
