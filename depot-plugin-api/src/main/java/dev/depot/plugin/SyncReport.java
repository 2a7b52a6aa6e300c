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
 * @param errorMessage why a failed sync failed, in a sentence for users (the feed URL and the HTTP
 *     status, the files that did not verify...); the server makes it the task's error description
 *     and the history entry's {@code error_message}. Null for a sync that did not fail, or when the
 *     plugin has nothing to say beyond its summary.
 */
public record SyncReport(
    boolean success,
    boolean canceled,
    long addedCount,
    long updatedCount,
    long removedCount,
    Object summary,
    Object details,
    String errorMessage) {

  /** A report without an error message. */
  public SyncReport(
      boolean success,
      boolean canceled,
      long addedCount,
      long updatedCount,
      long removedCount,
      Object summary,
      Object details) {
    this(success, canceled, addedCount, updatedCount, removedCount, summary, details, null);
  }

  /** A completed sync with its counts. */
  public static SyncReport success(
      long added, long updated, long removed, Object summary, Object details) {
    return new SyncReport(true, false, added, updated, removed, summary, details);
  }

  /** A failed sync; the summary should say why: a summary that is text is the error message. */
  public static SyncReport failure(Object summary, Object details) {
    String message = summary instanceof CharSequence text ? text.toString() : null;
    return new SyncReport(false, false, 0, 0, 0, summary, details, message);
  }

  /**
   * A failed sync that says why: {@code errorMessage} becomes the task's error description, so name
   * the cause (the URL and what answered, or the files that failed), not only that it failed.
   */
  public static SyncReport failure(String errorMessage, Object summary, Object details) {
    return new SyncReport(false, false, 0, 0, 0, summary, details, errorMessage);
  }

  /** A sync stopped by {@link Importer#cancelSyncRepo()}. */
  public static SyncReport canceled(Object summary, Object details) {
    return new SyncReport(false, true, 0, 0, 0, summary, details);
  }
}
