package dev.depot.server.version;

import dev.depot.plugin.Unit;
import dev.depot.server.content.UnitStore;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * The version tasks: deleting a version and rolling back to one. Both hold the repository's
 * reservation, like every change of its content: a version is not deleted under a publish reading
 * it, and a rollback does not interleave with a sync.
 */
public final class VersionTasks {
  /** Deletes one version. */
  public static final String DELETE = "depot.repository.version.delete";

  /** Makes a new version equal to an old one. */
  public static final String ROLLBACK = "depot.repository.version.rollback";

  private VersionTasks() {}

  /** The task deleting a version. */
  public static NewTask delete(String repoId, long number) {
    return NewTask.onRepository(
        DELETE, repoId, "delete_version", Map.of("repo_id", repoId, "version", number));
  }

  /** The task rolling the repository back to a version. */
  public static NewTask rollback(String repoId, long number) {
    return NewTask.onRepository(
        ROLLBACK, repoId, "rollback", Map.of("repo_id", repoId, "version", number));
  }

  /** The handlers, by task type. */
  public static Map<String, TaskHandler> handlers(
      Jdbi jdbi, UnitStore store, RepositoryVersions versions, Clock clock) {
    return Map.of(
        DELETE,
        task -> {
          versions.delete(task.arg("repo_id"), number(task.record().args()));
          return new TaskOutcome.Finished(null, List.of());
        },
        ROLLBACK,
        task ->
            new TaskOutcome.Finished(
                rollback(
                    jdbi,
                    store,
                    versions,
                    clock,
                    task.arg("repo_id"),
                    number(task.record().args())),
                List.of()));
  }

  /**
   * Brings the repository's content back to what the version held, in one transaction: the units
   * added since leave, those removed since come back. The task's end records the result as the next
   * version (none if the content already is that version's). Holds the two unit lists in memory:
   * they grow with the change undone, not with the repository.
   */
  private static Map<String, Object> rollback(
      Jdbi jdbi,
      UnitStore store,
      RepositoryVersions versions,
      Clock clock,
      String repoId,
      long target) {
    long latest = versions.latest(repoId);
    versions.get(repoId, target); // 404 for a version not kept
    List<Unit> leaving;
    try (Stream<Unit> units = versions.diffUnits(repoId, latest, target, false)) {
      leaving = units.toList();
    }
    List<Unit> returning;
    try (Stream<Unit> units = versions.diffUnits(repoId, latest, target, true)) {
      returning = units.toList();
    }
    jdbi.useTransaction(
        h -> {
          for (Unit unit : leaving) {
            store.unassociate(h, repoId, unit, clock.instant());
          }
          store.associateExisting(h, repoId, returning, clock.instant());
        });
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rolled_back_to", target);
    result.put("units_removed", leaving.size());
    result.put("units_added", returning.size());
    return result;
  }

  private static long number(Map<String, Object> args) {
    return ((Number) args.get("version")).longValue();
  }
}
