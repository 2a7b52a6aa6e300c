package dev.depot.plugin;

import java.util.List;

/**
 * What a publish ended with. A report with {@code success == false} fails the publish task; a
 * canceled report ends it {@code canceled}.
 *
 * @param success whether the repository was published
 * @param canceled whether the publish stopped because it was cancelled
 * @param summary a short JSON-able value (map, list, string, number) shown with the task
 * @param details a longer JSON-able value
 * @param locations where a successful publish can be reached; the platform stores them in place of
 *     the previous publish's (see {@link PublishedLocation}). Ignored unless {@code success}.
 */
public record PublishReport(
    boolean success,
    boolean canceled,
    Object summary,
    Object details,
    List<PublishedLocation> locations) {

  /** Copies the locations. */
  public PublishReport {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }

  /** A report that names no location, as reports were before locations existed. */
  public PublishReport(boolean success, boolean canceled, Object summary, Object details) {
    this(success, canceled, summary, details, List.of());
  }

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

  /**
   * The same report, naming where the publish can be reached, e.g. {@code
   * PublishReport.success(summary, details).publishedAt(List.of(new PublishedLocation("https",
   * "/pulp/isos/zoo/", tree)))}.
   */
  public PublishReport publishedAt(List<PublishedLocation> where) {
    return new PublishReport(success, canceled, summary, details, where);
  }
}
