package dev.depot.plugin;

/**
 * What a sync ended with: {@link Synced}, {@link Failed} or {@link Canceled}. The platform switches
 * over the three: a synced report ends the task {@code finished} (and triggers auto-publish), a
 * failed one fails the task with the report's {@link Failed#errorMessage()}, a canceled one ends it
 * {@code canceled}.
 *
 * <p>Build one with the factories ({@link #success}, {@link #failure}, {@link #canceled}); read one
 * with a pattern-matching {@code switch}:
 *
 * <pre>{@code
 * switch (report) {
 *   case SyncReport.Synced s -> show(s.addedCount(), s.removedCount());
 *   case SyncReport.Failed f -> fail(f.errorMessage());
 *   case SyncReport.Canceled c -> cancel();
 * }
 * }</pre>
 *
 * <p>Every outcome carries a {@link #summary()} and {@link #details()}: JSON-able values (map,
 * list, string, number, or null) that the platform stores with the task and the sync history.
 */
public sealed interface SyncReport
    permits SyncReport.Synced, SyncReport.Failed, SyncReport.Canceled {

  /**
   * A short JSON-able value shown with the task and the history entry.
   *
   * @return the summary; may be null
   */
  Object summary();

  /**
   * A longer JSON-able value shown with the task and the history entry.
   *
   * @return the details; may be null
   */
  Object details();

  /**
   * The sync completed.
   *
   * @param addedCount units newly associated with the repository
   * @param updatedCount units whose metadata changed
   * @param removedCount units unassociated from the repository
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   */
  record Synced(
      long addedCount, long updatedCount, long removedCount, Object summary, Object details)
      implements SyncReport {}

  /**
   * The sync failed; what it stored before failing stays stored.
   *
   * @param errorMessage why, in a sentence for users (the feed URL and the HTTP status, the files
   *     that did not verify...); the server makes it the task's error description and the history
   *     entry's {@code error_message}. Null when the plugin has nothing to say beyond its summary:
   *     the server then says only that the importer failed.
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   */
  record Failed(String errorMessage, Object summary, Object details) implements SyncReport {}

  /**
   * The sync stopped because {@link Importer#cancelSyncRepo()} was called.
   *
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   */
  record Canceled(Object summary, Object details) implements SyncReport {}

  /**
   * A completed sync with its counts.
   *
   * @param added units newly associated with the repository
   * @param updated units whose metadata changed
   * @param removed units unassociated from the repository
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   * @return a {@link Synced} report
   */
  static Synced success(long added, long updated, long removed, Object summary, Object details) {
    return new Synced(added, updated, removed, summary, details);
  }

  /**
   * A failed sync whose summary says why: a summary that is text is also the error message.
   *
   * @param summary a short JSON-able value that should say why
   * @param details a longer JSON-able value
   * @return a {@link Failed} report
   */
  static Failed failure(Object summary, Object details) {
    String message = summary instanceof CharSequence text ? text.toString() : null;
    return new Failed(message, summary, details);
  }

  /**
   * A failed sync that says why: {@code errorMessage} becomes the task's error description, so name
   * the cause (the URL and what answered, or the files that failed), not only that it failed.
   *
   * @param errorMessage why, in a sentence for users
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   * @return a {@link Failed} report
   */
  static Failed failure(String errorMessage, Object summary, Object details) {
    return new Failed(errorMessage, summary, details);
  }

  /**
   * A sync stopped by {@link Importer#cancelSyncRepo()}.
   *
   * @param summary a short JSON-able value
   * @param details a longer JSON-able value
   * @return a {@link Canceled} report
   */
  static Canceled canceled(Object summary, Object details) {
    return new Canceled(summary, details);
  }
}
