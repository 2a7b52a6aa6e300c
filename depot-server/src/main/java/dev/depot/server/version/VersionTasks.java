package dev.depot.server.version;

import dev.depot.plugin.Unit;
import dev.depot.server.content.UnitStore;
import dev.depot.server.content.VersionedUnits;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
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
   * added since leave, those removed since come back, a page at a time (memory stays flat whatever
   * the change undone). The task's end records the result as the next version (none if the content
   * already is that version's).
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
    long[] counts = new long[2];
    jdbi.useTransaction(
        h -> {
          counts[0] =
              eachPage(
                  h,
                  repoId,
                  target,
                  latest,
                  page -> store.unassociate(h, repoId, page, clock.instant()).size());
          counts[1] =
              eachPage(
                  h,
                  repoId,
                  latest,
                  target,
                  page -> store.associateExisting(h, repoId, page, clock.instant()));
        });
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rolled_back_to", target);
    result.put("units_removed", counts[0]);
    result.put("units_added", counts[1]);
    return result;
  }

  private static final int PAGE = 1000;

  /**
   * Hands {@code action} the units {@code to} holds and {@code from} does not, a page at a time.
   *
   * @return how many units there were
   */
  private static long eachPage(
      Handle h, String repoId, long from, long to, Consumer<List<Unit>> action) {
    long count = 0;
    String after = "";
    while (true) {
      List<Unit> page = VersionedUnits.page(h, repoId, from, to, true, after, PAGE);
      if (page.isEmpty()) {
        return count;
      }
      action.accept(page);
      count += page.size();
      after = page.get(page.size() - 1).id();
    }
  }

  private static long number(Map<String, Object> args) {
    return ((Number) args.get("version")).longValue();
  }
}
