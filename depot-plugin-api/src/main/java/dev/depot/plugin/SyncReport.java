package dev.depot.plugin;

/**
 * What a sync ended with.
 *
 * @param success whether the sync completed
 * @param canceled whether it stopped because it was cancelled
 * @param addedCount units newly associated with the repository
 * @param updatedCount units whose metadata changed
 * @param removedCount units unassociated from the repository
 * @param summary a short JSON-able value shown with the task
 * @param details a longer JSON-able value
 */
public record SyncReport(
    boolean success,
    boolean canceled,
    long addedCount,
    long updatedCount,
    long removedCount,
    Object summary,
    Object details) {

  /** A completed sync with its counts. */
  public static SyncReport success(
      long added, long updated, long removed, Object summary, Object details) {
    return new SyncReport(true, false, added, updated, removed, summary, details);
  }

  /** A failed sync; the summary should say why. */
  public static SyncReport failure(Object summary, Object details) {
    return new SyncReport(false, false, 0, 0, 0, summary, details);
  }

  /** A sync stopped by {@link Importer#cancelSyncRepo()}. */
  public static SyncReport canceled(Object summary, Object details) {
    return new SyncReport(false, true, 0, 0, 0, summary, details);
  }
}
