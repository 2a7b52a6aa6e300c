package dev.depot.plugin;

/**
 * What a publish ended with. A report with {@code success == false} fails the publish task; a
 * canceled report ends it {@code canceled}.
 *
 * @param success whether the repository was published
 * @param canceled whether the publish stopped because it was cancelled
 * @param summary a short JSON-able value (map, list, string, number) shown with the task
 * @param details a longer JSON-able value
 */
public record PublishReport(boolean success, boolean canceled, Object summary, Object details) {

  /** A successful publish. */
  public static PublishReport success(Object summary, Object details) {
    return new PublishReport(true, false, summary, details);
  }

  /** A failed publish; the summary should say why. */
  public static PublishReport failure(Object summary, Object details) {
    return new PublishReport(false, false, summary, details);
  }

  /** A publish stopped by {@link Distributor#cancelPublishRepo()}. */
  public static PublishReport canceled(Object summary, Object details) {
    return new PublishReport(false, true, summary, details);
  }
}
